#!/usr/bin/env bash
# Outage proof: a throwaway PostgreSQL cluster (initdb in a temp dir, its own port), the
# service on it with the demo data, readers and writers running; the cluster is stopped
# (fast shutdown: in-flight queries die) for OUTAGE_DOWN seconds and started again.
# Passes when, throughout: no answer but 2xx/4xx/503 (no 500), every 503 came in under a
# second, `/readyz` answered within a second, and the service served again after the
# restart without being restarted itself; then `ledger check` and `audit verify` pass.
#
#   scripts/outage.sh            (needs PostgreSQL's server binaries: initdb, pg_ctl)
set -euo pipefail
source "$(dirname "$0")/harness.sh"

PGPORT=${OUTAGE_PG_PORT:-55439}
PORT=${OUTAGE_PORT:-18111}
DOWN=${OUTAGE_DOWN:-6}
BASE="http://127.0.0.1:$PORT"
PGBIN=$(dirname "$(readlink -f "$(command -v initdb)")")
CLUSTER="$WORK/cluster"
# initdb and postgres refuse to run as root: run them as the postgres user then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg() { as_pg "$PGBIN/pg_ctl" -D "$CLUSTER" -l "$CLUSTER.log" -w -o "-p $PGPORT -k $CLUSTER.sock -h 127.0.0.1" "$@" >/dev/null; }
outage_cleanup() { pg stop -m immediate 2>/dev/null || true; harness_cleanup; }
trap outage_cleanup EXIT
build

mkdir -p "$CLUSTER" "$CLUSTER.sock"
[ "$(id -u)" = 0 ] && chown -R postgres "$WORK"
as_pg "$PGBIN/initdb" -D "$CLUSTER" -U postgres -A trust >/dev/null
pg start
url="postgres://postgres@127.0.0.1:$PGPORT/postgres"
serve "$url" "$PORT" --demo
tok=$(token "$PORT" finance@demo.trustfund.local)
ack="$WORK/acked.jsonl"; : >"$ack"
load="$(dirname "$0")/proof_load.py"
span=$((DOWN + 14))
python3 "$load" reads "$BASE" "$tok" "$span" 6 >"$WORK/reads.json" &
readers=$!
python3 "$load" reads "$BASE" "" "$span" 1 /readyz >"$WORK/ready.json" &
probe=$!
python3 "$load" writes "$BASE" "$tok" "$span" 4 "$ack" >"$WORK/writes.json" &
writers=$!
sleep 4
pg stop -m fast
echo "outage: PostgreSQL stopped" >&2
sleep "$DOWN"
pg start
echo "outage: PostgreSQL started again" >&2
# Recovery: the same process serves again, within 15 s.
recovered=-1
for i in $(seq 1 30); do
    if curl -sf -o /dev/null "$BASE/readyz" && curl -sf -o /dev/null -H "authorization: Bearer $tok" "$BASE/api/v1/fund"; then
        recovered=$i; break
    fi
    sleep 0.5
done
wait "$readers" "$probe" "$writers"
verified=$(python3 "$load" verify "$BASE" "$tok" "$ack")
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
failed=$(invariants "$url")
python3 - "$WORK" "$verified" "$failed" "$recovered" <<'PY'
import json, sys
work, verified, failed, recovered = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
reads, ready, writes = (json.load(open(f"{work}/{n}.json")) for n in ("reads", "ready", "writes"))
tried = reads["tried"] + ready["tried"] + writes["tried"]
bad = reads["5xx"] + ready["5xx"] + writes["5xx"]
slow = reads["slow_503"] + ready["slow_503"]
ready_slow = 1 if ready["max_ms"] > 1000 else 0
invariants = failed + slow + ready_slow + (1 if recovered < 0 else 0)
print(f"outage: reads {reads['statuses']} (503 p99 within a second: {reads['slow_503'] == 0}), "
      f"readyz {ready['statuses']} max {ready['max_ms']} ms, writes {writes['statuses']}, "
      f"recovered after {recovered * 0.5 if recovered >= 0 else 'never'} s, "
      f"{slow} slow 503s, {verified['lost']} of {verified['acknowledged']} acknowledged writes lost",
      file=sys.stderr)
print(f"RESULT script=outage db=postgres tried={tried} 5xx={bad} schema=- leaks=- "
      f"lost={verified['lost']} invariants={invariants} peak_mb=-")
PY
