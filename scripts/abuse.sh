#!/usr/bin/env bash
# Abuse proof: the two attacks of issue 10 against one instance on SQLite, with the
# figures printed:
#  1. the registration memory attack: ABUSE_THREADS clients registering with an existing
#     email and 117-character passwords (the longest accepted is 128) for ABUSE_SECONDS; peak resident memory of the
#     server must stay under ABUSE_MAX_MB (150);
#  2. the login flood: as many clients sending wrong logins for random emails while a
#     signed-in reader reads the Fund: its median latency is printed.
# Every client comes from 127.0.0.1, so the per-address limit answers most with 429:
# that is the defence, and the figures show what gets through.
#
#   scripts/abuse.sh [sqlite|postgres]
set -euo pipefail
source "$(dirname "$0")/harness.sh"
trap harness_cleanup EXIT

backend=${1:-sqlite}
PORT=${ABUSE_PORT:-18131}
SECS=${ABUSE_SECONDS:-15}
THREADS=${ABUSE_THREADS:-160}
MAX_MB=${ABUSE_MAX_MB:-150}
BASE="http://127.0.0.1:$PORT"
load="$(dirname "$0")/proof_load.py"
build

url=$(fresh_database "$backend")
serve "$url" "$PORT" --demo
tok=$(token "$PORT" finance@demo.trustfund.local)
base_mb=$(peak_mb "$SERVER_PID")
python3 "$load" register "$BASE" "$SECS" "$THREADS" finance@demo.trustfund.local >"$WORK/register.json"
after_register=$(peak_mb "$SERVER_PID")
python3 "$load" reads "$BASE" "$tok" "$SECS" 2 >"$WORK/quiet.json"
python3 "$load" logins "$BASE" "$SECS" 48 >"$WORK/logins.json" &
flood=$!
python3 "$load" reads "$BASE" "$tok" "$SECS" 2 >"$WORK/reads.json"
wait "$flood"
peak=$(peak_mb "$SERVER_PID")
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
failed=$(invariants "$url")
python3 - "$WORK" "$base_mb" "$after_register" "$peak" "$MAX_MB" "$failed" "$backend" <<'PY'
import json, sys
work, base, after_register, peak, max_mb, failed, backend = sys.argv[1:]
reg, quiet, logins, reads = (json.load(open(f"{work}/{n}.json")) for n in ("register", "quiet", "logins", "reads"))
print(f"abuse: registration flood {reg['statuses']}; resident memory {base} MB before, "
      f"peak {after_register} MB after (limit {max_mb} MB)", file=sys.stderr)
print(f"abuse: login flood {logins['statuses']}; signed-in GET /api/v1/fund median "
      f"{quiet['p50_ms']} ms quiet, {reads['p50_ms']} ms under the flood (p99 {reads['p99_ms']} ms, "
      f"max {reads['max_ms']} ms); peak {peak} MB", file=sys.stderr)
over = 1 if int(peak) > int(max_mb) else 0
tried = reg["tried"] + logins["tried"] + reads["tried"] + quiet["tried"]
bad = reg["5xx"] + logins["5xx"] + reads["5xx"] + reg["503"] + logins["503"] + reads["503"]
print(f"RESULT script=abuse db={backend} tried={tried} 5xx={bad} schema=- leaks=- lost=- "
      f"invariants={int(failed) + over} peak_mb={peak}")
PY
