#!/usr/bin/env bash
# Checkpoint proof: the audit trail is anchored outside the database. Serves the demo on
# SQLite with a checkpoint every second, registers an organisation and refuses it (the
# refusal an attacker would want gone), one more change, then a checkpoint on demand;
# stops the service and, on a copy of the database, deletes the last two events and
# moves the head back. `audit verify` must still say intact (the chain alone cannot
# tell), `audit verify --checkpoints` must fail naming a checkpoint, and the untouched
# database must pass both.
#
#   scripts/checkpoints.sh
set -euo pipefail
source "$(dirname "$0")/harness.sh"
trap harness_cleanup EXIT

PORT=${CHECKPOINTS_PORT:-18141}
BASE="http://127.0.0.1:$PORT"
SERVED="$WORK/checkpoints-serve.jsonl"
ONDEMAND="$WORK/checkpoints-cli.jsonl"
build

url=$(fresh_database sqlite)
TRUSTFUND__AUDIT__CHECKPOINT_INTERVAL_SECS=1 TRUSTFUND__AUDIT__CHECKPOINT_FILE="$SERVED" \
    serve "$url" "$PORT" --demo
sec=$(token "$PORT" secretariat@demo.trustfund.local)
admin=$(token "$PORT" "$TRUSTFUND__ADMIN__EMAIL" "$TRUSTFUND__ADMIN__PASSWORD")
tag=$RANDOM$RANDOM
org=$(curl -sf -X POST "$BASE/api/v1/organizations/register" -H 'content-type: application/json' -d "{
    \"legal_name\": \"Shelter $tag\", \"org_type\": \"ngo\", \"country\": \"KE\",
    \"registered_on\": \"2015-03-01\", \"direct_assistance_since\": \"2015-06-01\",
    \"psea_measures_since\": \"2018-01-15\", \"unpp_id\": \"UNPP-$tag\",
    \"bank_account_holder\": \"SHELTER $tag\", \"contact_email\": \"office-$tag@example.org\",
    \"applicant\": {\"email\": \"applicant-$tag@example.org\", \"name\": \"A\", \"password\": \"$PASSWORD\"}}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
curl -sf -X POST "$BASE/api/v1/organizations/$org/verification" -H "authorization: Bearer $sec" \
    -H 'content-type: application/json' \
    -d '{"verified": false, "reason": "the registration documents are forged"}' >/dev/null
curl -sf -X POST "$BASE/api/v1/users" -H "authorization: Bearer $admin" -H 'content-type: application/json' \
    -d "{\"email\": \"late-$tag@example.org\", \"name\": \"L\", \"role\": \"finance\", \"password\": \"$PASSWORD\"}" >/dev/null
head=$("$BIN" audit verify --database-url "$url" | sed -n 's/.*intact: \([0-9]*\) events.*/\1/p')
# serve's checkpoint of this head (within a few seconds), and one on demand.
for _ in $(seq 1 20); do
    last=$(tail -1 "$SERVED" 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["seq"])' 2>/dev/null || echo 0)
    [ "$last" = "$head" ] && break
    sleep 0.5
done
"$BIN" audit checkpoint --database-url "$url" --file "$ONDEMAND" >/dev/null
key=$("$BIN" audit public-key 2>/dev/null)
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
echo "checkpoints: head at event $head; serve wrote $(wc -l <"$SERVED") checkpoint(s), the last at event $last" >&2

# The attacker's copy: the refusal and the change after it deleted, the head moved back.
copy="$WORK/tampered.db"
python3 - "${url#sqlite://}" "$copy" "$head" <<'PY'
import sqlite3, sys
source, target, head = sys.argv[1], sys.argv[2], int(sys.argv[3])
dst = sqlite3.connect(target)
sqlite3.connect(source).backup(dst)
keep = head - 2
dst.execute("DELETE FROM audit_events WHERE seq > ?", (keep,))
dst.execute("UPDATE audit_head SET last_seq = ?, last_hash = (SELECT hash FROM audit_events WHERE seq = ?) WHERE id = 1", (keep, keep))
dst.commit()
PY
failed=0
check() {  # check EXPECTED-EXIT DESCRIPTION COMMAND...
    local expected=$1 what=$2 rc=0
    shift 2
    "$@" >"$WORK/check.out" 2>&1 || rc=$?
    echo "checkpoints: $what: exit $rc: $(head -2 "$WORK/check.out" | tr '\n' ' ')" >&2
    if [ "$rc" -ne "$expected" ]; then failed=$((failed + 1)); fi
}
with=(--checkpoints "$SERVED" --checkpoints "$ONDEMAND" --public-key "$key")
check 0 "untouched database, verify --checkpoints" "$BIN" audit verify --database-url "$url" "${with[@]}"
check 0 "tampered copy, plain verify (the chain alone cannot tell)" "$BIN" audit verify --database-url "sqlite://$copy"
check 1 "tampered copy, verify --checkpoints" "$BIN" audit verify --database-url "sqlite://$copy" "${with[@]}"
missed=0
grep -q "checkpoint CONTRADICTED" "$WORK/check.out" || missed=2
checked=$(cat "$SERVED" "$ONDEMAND" | wc -l)
result "script=checkpoints db=sqlite tried=$checked 5xx=- schema=- leaks=- lost=$missed invariants=$failed peak_mb=-"
