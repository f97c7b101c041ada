#!/usr/bin/env bash
# The standing proof (issue 10): runs every proof and prints one table. By hand, not in
# CI (it takes several minutes); each part can also be run alone.
#
#   scripts/prove.sh                 # everything, SQLite and PostgreSQL
#   PROVE_ONLY="authz crash" scripts/prove.sh
#
# Parts: authz (the authorisation matrix, cargo test, both databases), contract
# (scripts/contract.sh: the spec validates, a generated client drives the service),
# schemathesis (scripts/schemathesis.sh: `--checks all` as four roles against its
# baseline, both databases; 5xx and schema violations), crash, outage, frozen
# (scripts/frozen.sh: PostgreSQL stopped by SIGSTOP), lane (scripts/lane.sh: stalled
# exports beside reads, both databases), races, abuse,
# fuzz (scripts/fuzz_targets.sh), checkpoints (scripts/checkpoints.sh: a deleted audit
# tail passes `audit verify` but not `audit verify --checkpoints`; "lost" counts tampered
# events the checkpoints missed). scripts/fuzz.sh, the longer random schemathesis run,
# stays a by-hand tool.
# PostgreSQL: PG_ADMIN_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
# Exits non-zero if any failure column is not zero or any part failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export TEST_DATABASE_URL=${TEST_DATABASE_URL:-${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}}
export PG_ADMIN_URL=${PG_ADMIN_URL:-$TEST_DATABASE_URL}
ONLY=${PROVE_ONLY:-"authz contract schemathesis crash outage frozen lane races abuse fuzz checkpoints"}
OUT=$(mktemp -d)
RESULTS="$OUT/results"
: >"$RESULTS"

want() { [[ " $ONLY " == *" $1 "* ]]; }

# run NAME DB COMMAND...: runs a part, keeps its RESULT lines; a part that prints none
# gets one from its exit status.
run() {
    local name=$1 db=$2
    shift 2
    echo "== $name ($db): $*" >&2
    local started=$SECONDS rc=0
    "$@" >"$OUT/$name-$db.out" 2>"$OUT/$name-$db.err" || rc=$?
    if grep -q '^RESULT ' "$OUT/$name-$db.out"; then
        grep '^RESULT ' "$OUT/$name-$db.out" >>"$RESULTS"
    else
        local fail=-
        [ "$rc" -ne 0 ] && fail=1
        [ "$rc" -eq 0 ] && fail=0
        echo "RESULT script=$name db=$db tried=- 5xx=$fail schema=- leaks=- lost=- invariants=- peak_mb=-" >>"$RESULTS"
    fi
    if [ "$rc" -ne 0 ]; then
        echo "RESULT-FAILED $name $db exit $rc" >>"$RESULTS"
        tail -15 "$OUT/$name-$db.err" >&2
    fi
    grep -v '^RESULT ' "$OUT/$name-$db.err" | grep -E '^(crash|outage|frozen|lane|races|abuse|fuzz|authz|checkpoints)' >&2 || true
    echo "   ($((SECONDS - started)) s, exit $rc)" >&2
}

authz() {
    local log
    log=$(cargo test --quiet --all-features --test api authz_matrix -- --nocapture 2>&1)
    local rc=$?
    # The matrix's own lines are printed below, one per database: in the log, the test
    # harness's progress dots may share their line.
    echo "$log" | grep -v "authz matrix (" >&2
    local backend line tried failures
    for backend in sqlite postgres; do
        line=$(echo "$log" | grep "authz matrix ($backend)" | tail -1)
        tried=$(echo "$line" | sed -n 's/.*: \([0-9]*\) requests.*/\1/p')
        failures=$(echo "$line" | sed -n 's/.*, \([0-9]*\) failures.*/\1/p')
        echo "authz matrix ($backend): ${tried:-no} requests, ${failures:-no count of} failures" >&2
        echo "RESULT script=authz db=$backend tried=${tried:--} 5xx=- schema=- leaks=${failures:-1} lost=- invariants=- peak_mb=-"
    done
    return $rc
}

want authz && run authz both authz
# The contract part's own schemathesis pass is the schemathesis part: run once.
contract_st=1
want schemathesis && contract_st=0
want contract && CONTRACT_SCHEMATHESIS=$contract_st run contract sqlite scripts/contract.sh
want schemathesis && ST_DATABASE_URL=${ST_DATABASE_URL:-$TEST_DATABASE_URL} run schemathesis both scripts/schemathesis.sh
want crash && run crash both scripts/crash.sh sqlite postgres
want outage && run outage postgres scripts/outage.sh
want frozen && run frozen postgres scripts/frozen.sh
want lane && run lane both scripts/lane.sh sqlite postgres
want races && run races both scripts/races.sh postgres sqlite
want abuse && run abuse sqlite scripts/abuse.sh sqlite
want abuse && run abuse postgres scripts/abuse.sh postgres
want fuzz && run fuzz - scripts/fuzz_targets.sh
want checkpoints && run checkpoints sqlite scripts/checkpoints.sh

python3 - "$RESULTS" <<'PY'
import sys
rows, failed_parts = [], []
for line in open(sys.argv[1]):
    if line.startswith("RESULT-FAILED"):
        failed_parts.append(line.split(" ", 1)[1].strip())
        continue
    fields = dict(kv.split("=", 1) for kv in line.split()[1:])
    rows.append(fields)
cols = [("tried", "requests tried"), ("5xx", "5xx seen"), ("schema", "schema violations"),
        ("leaks", "leaks"), ("lost", "acknowledged writes lost"),
        ("invariants", "invariant failures"), ("peak_mb", "peak MB under attack")]
head = ["proof", "db"] + [c[1] for c in cols]
table = [head] + [[r["script"], r["db"]] + [r.get(k, "-") for k, _ in cols] for r in rows]
totals = ["total", ""]
for k, _ in cols:
    nums = [int(r[k]) for r in rows if r.get(k, "-").isdigit()]
    totals.append(str(max(nums) if k == "peak_mb" and nums else sum(nums)) if nums else "-")
table.append(totals)
widths = [max(len(str(row[i])) for row in table) for i in range(len(head))]
for i, row in enumerate(table):
    print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |")
    if i == 0:
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
bad = [r for r in rows for k in ("5xx", "schema", "leaks", "lost", "invariants") if r.get(k, "-") not in ("-", "0")]
for part in failed_parts:
    print(f"FAILED: {part}")
sys.exit(1 if bad or failed_parts else 0)
PY
