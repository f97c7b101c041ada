#!/usr/bin/env bash
# Races across instances: RACES_INSTANCES (default 3) servers on one PostgreSQL database,
# many clients racing for the same money through all of them at once (see the `races`
# command of proof_load.py: receipts against one pledge, one idempotency key, the Fund's
# available balance; then its `money_out` command: payments racing for one tranche,
# refunds racing for what was paid, reversals racing to undo refunds out of order; and its
# `report_gate` command: one grantee report accepted many times at once, then the tranche
# it opens paid in full many times at once; its `cancel_race` command: payments on a
# tranche racing the cancellation of its grant; and its `amendments_race` command: award
# changes and extensions of one grant at once, numbered without gaps), then `ledger check`
# and `audit verify`.
# Also on SQLite with one instance (`scripts/races.sh sqlite`), where the same races run
# through one server.
#
#   scripts/races.sh [postgres] [sqlite]       (default: postgres)
set -euo pipefail
source "$(dirname "$0")/harness.sh"
trap harness_cleanup EXIT

BACKENDS=${*:-postgres}
INSTANCES=${RACES_INSTANCES:-3}
FIRST_PORT=${RACES_PORT:-18121}
build

for backend in $BACKENDS; do
    url=$(fresh_database "$backend")
    n=$INSTANCES
    [ "$backend" = sqlite ] && n=1
    bases=()
    for i in $(seq 0 $((n - 1))); do
        port=$((FIRST_PORT + i))
        if [ "$i" = 0 ]; then serve "$url" "$port" --demo; else serve "$url" "$port"; fi
        bases+=("http://127.0.0.1:$port")
    done
    tok=$(token "$FIRST_PORT" finance@demo.trustfund.local)
    summary=$(python3 "$(dirname "$0")/proof_load.py" races "$tok" "${bases[@]}")
    sec=$(token "$FIRST_PORT" secretariat@demo.trustfund.local)
    money=$(python3 "$(dirname "$0")/proof_load.py" money_out "$tok" "$sec" "${bases[@]}")
    gate=$(python3 "$(dirname "$0")/proof_load.py" report_gate "$tok" "$sec" "${bases[@]}")
    cancel=$(python3 "$(dirname "$0")/proof_load.py" cancel_race "$tok" "$sec" "${bases[@]}")
    amended=$(python3 "$(dirname "$0")/proof_load.py" amendments_race "$tok" "$sec" "${bases[@]}")
    for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    SERVER_PIDS=()
    failed=$(invariants "$url")
    python3 - "$backend" "$n" "$summary" "$failed" "$money" "$gate" "$cancel" "$amended" <<'PY'
import json, sys
backend, n, s, failed = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
for m in map(json.loads, sys.argv[5:]):
    s["failures"] += m["failures"]
    s["tried"] += m["tried"]
    s["5xx"] += m["5xx"]
    s["503"] += m["503"]
    s["invariant_failures"] += m["invariant_failures"]
    for code, count in m["statuses"].items():
        s["statuses"][code] = s["statuses"].get(code, 0) + count
for failure in s["failures"]:
    print(f"races {backend}: {failure}", file=sys.stderr)
print(f"races {backend}: {n} instances, {s['tried']} requests, statuses {s['statuses']}", file=sys.stderr)
print(f"RESULT script=races db={backend} tried={s['tried']} 5xx={s['5xx'] + s['503']} schema=- leaks=- "
      f"lost=- invariants={s['invariant_failures'] + failed} peak_mb=-")
PY
done
