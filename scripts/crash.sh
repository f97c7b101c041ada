#!/usr/bin/env bash
# Crash proof: SIGKILL the service under a write load, on each database, CRASH_KILLS
# times; restart it each time; then check that every acknowledged (2xx) write is present
# and that `trustfund ledger check` and `trustfund audit verify` pass.
#
#   scripts/crash.sh [sqlite] [postgres]      (default: both; PostgreSQL at PG_ADMIN_URL or
#                                              TEST_DATABASE_URL, a fresh database each run)
# CRASH_SECONDS (default 8) of load between kills, CRASH_KILLS (default 3), CRASH_THREADS (8).
set -euo pipefail
source "$(dirname "$0")/harness.sh"
trap harness_cleanup EXIT

BACKENDS=${*:-sqlite postgres}
SECS=${CRASH_SECONDS:-8}
KILLS=${CRASH_KILLS:-3}
THREADS=${CRASH_THREADS:-8}
PORT=${CRASH_PORT:-18101}
BASE="http://127.0.0.1:$PORT"
build

for backend in $BACKENDS; do
    url=$(fresh_database "$backend")
    serve "$url" "$PORT" --demo
    tok=$(token "$PORT" finance@demo.trustfund.local)
    ack="$WORK/acked-$backend.jsonl"
    : >"$ack"
    total=$((SECS * (KILLS + 1) + 2 * KILLS))
    python3 "$(dirname "$0")/proof_load.py" writes "$BASE" "$tok" "$total" "$THREADS" "$ack" \
        >"$WORK/writes-$backend.json" &
    load=$!
    for kill_no in $(seq 1 "$KILLS"); do
        sleep "$SECS"
        kill -9 "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
        echo "crash $backend: SIGKILL $kill_no after $(wc -l <"$ack") acknowledged writes" >&2
        serve "$url" "$PORT"
    done
    wait "$load"
    verified=$(python3 "$(dirname "$0")/proof_load.py" verify "$BASE" "$tok" "$ack")
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
    failed=$(invariants "$url")
    python3 - "$backend" "$WORK/writes-$backend.json" "$verified" "$failed" <<'PY'
import json, sys
backend, writes, verified, failed = sys.argv[1], json.load(open(sys.argv[2])), json.loads(sys.argv[3]), sys.argv[4]
print(f"crash {backend}: {writes['tried']} writes tried, statuses {writes['statuses']}, "
      f"{verified['acknowledged']} acknowledged, {verified['lost']} lost, {failed} invariant checks failed",
      file=sys.stderr)
print(f"RESULT script=crash db={backend} tried={writes['tried']} 5xx={writes['5xx']} schema=- leaks=- "
      f"lost={verified['lost']} invariants={failed} peak_mb=-")
PY
done
