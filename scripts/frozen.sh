#!/usr/bin/env bash
# Frozen database proof: a throwaway PostgreSQL cluster (as scripts/outage.sh), the
# service on it with the demo data, readers, writers and a /readyz probe running; every
# process of the cluster is stopped with SIGSTOP for FROZEN_FOR seconds (the server
# neither answers nor closes its sockets), then continued with SIGCONT.
# Passes when, throughout: no answer but 2xx/4xx/503 (no 500, no request left without
# an answer), every answer came within the request deadline (FROZEN_DEADLINE seconds,
# database.request_deadline_secs) plus a second, `/readyz` within a second, the service
# served again after SIGCONT without a restart, and no acknowledged write was lost; then
# `ledger check` and `audit verify` pass.
#
#   scripts/frozen.sh            (needs PostgreSQL's server binaries: initdb, pg_ctl)
set -euo pipefail
source "$(dirname "$0")/harness.sh"

PGPORT=${FROZEN_PG_PORT:-55449}
PORT=${FROZEN_PORT:-18131}
FROZEN=${FROZEN_FOR:-15}
DEADLINE=${FROZEN_DEADLINE:-5}
export TRUSTFUND__DATABASE__REQUEST_DEADLINE_SECS=$DEADLINE
BASE="http://127.0.0.1:$PORT"
PGBIN=$(dirname "$(readlink -f "$(command -v initdb)")")
CLUSTER="$WORK/cluster"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg() { as_pg "$PGBIN/pg_ctl" -D "$CLUSTER" -l "$CLUSTER.log" -w -o "-p $PGPORT -k $CLUSTER.sock -h 127.0.0.1" "$@" >/dev/null; }
# The cluster's processes: the postmaster (first line of postmaster.pid) and its children.
cluster_pids() {
    local postmaster
    postmaster=$(head -1 "$CLUSTER/postmaster.pid")
    echo "$postmaster" $(pgrep -P "$postmaster")
}
frozen_cleanup() {
    kill -CONT $(cluster_pids 2>/dev/null) 2>/dev/null || true
    pg stop -m immediate 2>/dev/null || true
    harness_cleanup
}
trap frozen_cleanup EXIT
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
span=$((FROZEN + 14))
python3 "$load" reads "$BASE" "$tok" "$span" 6 >"$WORK/reads.json" &
readers=$!
python3 "$load" reads "$BASE" "" "$span" 1 /readyz >"$WORK/ready.json" &
probe=$!
python3 "$load" writes "$BASE" "$tok" "$span" 4 "$ack" >"$WORK/writes.json" &
writers=$!
sleep 4
pids=$(cluster_pids)
kill -STOP $pids
echo "frozen: PostgreSQL stopped with SIGSTOP (pids $pids)" >&2
sleep "$FROZEN"
kill -CONT $pids
echo "frozen: PostgreSQL continued" >&2
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
python3 - "$WORK" "$verified" "$failed" "$recovered" "$DEADLINE" <<'PY'
import json, sys
work, verified, failed, recovered = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
limit_ms = (float(sys.argv[5]) + 1) * 1000
reads, ready, writes = (json.load(open(f"{work}/{n}.json")) for n in ("reads", "ready", "writes"))
tried = reads["tried"] + ready["tried"] + writes["tried"]
bad = reads["5xx"] + ready["5xx"] + writes["5xx"]
unanswered = reads["refused_connections"] + ready["refused_connections"] + writes["refused_connections"]
late = sum(1 for part in (reads, writes) if part["max_ms"] > limit_ms)
ready_slow = 1 if ready["max_ms"] > 1000 else 0
invariants = failed + unanswered + late + ready_slow + (1 if recovered < 0 else 0)
print(f"frozen: reads {reads['statuses']} max {reads['max_ms']} ms, readyz {ready['statuses']} "
      f"max {ready['max_ms']} ms, writes {writes['statuses']} max {writes['max_ms']} ms "
      f"(limit {limit_ms:.0f} ms), recovered after "
      f"{recovered * 0.5 if recovered >= 0 else 'never'} s, {unanswered} without an answer, "
      f"{verified['lost']} of {verified['acknowledged']} acknowledged writes lost",
      file=sys.stderr)
print(f"RESULT script=frozen db=postgres tried={tried} 5xx={bad} schema=- leaks=- "
      f"lost={verified['lost']} invariants={invariants} peak_mb=-")
PY
