#!/usr/bin/env bash
# The schema says what the server enforces: a bounded `schemathesis run --checks all`
# against the service with its demo data, as the main roles (secretariat, finance, an
# applicant, a trustee), on SQLite and, when a PostgreSQL URL is given, on PostgreSQL.
#
# Findings the schema cannot prevent (one date after another, money within a call's
# range, a seat free that day: rules JSON Schema cannot state, said in each operation's
# description instead) are accepted in scripts/schemathesis-baseline.json, each with
# its reason. Anything else fails the run, and so does any 500 the service logs. The
# baseline may hold only `positive_data_acceptance` findings: the response checks
# (status codes, content types, response schemas, negative data rejection) stay at zero.
#
#   scripts/schemathesis.sh                      # SQLite only
#   ST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/schemathesis.sh
#       # also PostgreSQL (TEST_DATABASE_URL is used when ST_DATABASE_URL is unset): a
#       # fresh database is created beside the one named, then dropped
#
# Bounded for CI (both databases in under 3 minutes on 2 cores): ST_EXAMPLES cases per
# operation and phase (default 3) with a fixed seed (ST_SEED, default 1), so a run is
# reproducible and the baseline stable. scripts/fuzz.sh is the longer, random run by hand.
# Expects the binary built (scripts/contract.sh builds it) and schemathesis on PATH (the
# virtual environment scripts/contract.sh makes); targets 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

EXAMPLES=${ST_EXAMPLES:-3}
SEED=${ST_SEED:-1}
ROLES=${ST_ROLES:-"secretariat finance applicant trustee"}
PORT=${ST_PORT:-18092}
BASE="http://127.0.0.1:$PORT"
BASELINE=scripts/schemathesis-baseline.json
PG_URL=${ST_DATABASE_URL:-${TEST_DATABASE_URL:-}}
PASSWORD=demo-password-2026

WORK=$(mktemp -d)
# ST_KEEP=dir keeps each run's full output there; ST_BASELINE_UPDATE=1 merges this run's
# findings into the baseline (then give each new entry its reason, or fix the schema).
KEEP=${ST_KEEP:-}
SERVER_PID=""
PG_DB=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    if [ -n "$PG_DB" ]; then psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# The baseline is reviewed: every entry says why it is accepted, and none silences a
# response check.
python3 - "$BASELINE" <<'EOF'
import json, sys
ZERO = {"not_a_server_error", "status_code_conformance", "content_type_conformance",
        "response_schema_conformance", "response_headers_conformance",
        "negative_data_rejection"}
entries = json.load(open(sys.argv[1]))["entries"]
bad = [e for e in entries if e["check"] in ZERO or not str(e.get("reason", "")).strip()]
for e in bad:
    print(f"baseline entry {e['operation']} {e['check']}: a response check, or no reason", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

email_of() {
    case "$1" in
        applicant) echo "applicant@haki-shelter.demo.trustfund.local" ;;
        *) echo "$1@demo.trustfund.local" ;;
    esac
}

token_for() {
    curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
        -d "{\"email\":\"$(email_of "$1")\",\"password\":\"$PASSWORD\"}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

serve() {
    ./target/debug/trustfund serve --demo --bind "127.0.0.1:$PORT" --database-url "$1" \
        >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 90); do
        curl -sf "$BASE/readyz" >/dev/null && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 1
    done
    echo "the service did not start:" >&2
    tail -20 "$WORK/server.log" >&2
    return 1
}

stop() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

run_roles() {
    local backend=$1 failed=0
    for role in $ROLES; do
        local token rc=0 out="$WORK/$backend-$role.txt"
        token=$(token_for "$role")
        # The coverage phase (every boundary the schema states, each way) checks the schema
        # against validation, which runs before the role check and the database: once, as
        # the secretariat on SQLite. Every role on every database gets the examples and a
        # bounded fuzzing pass (authorisation, views per role, backend differences).
        local phases=examples,fuzzing
        if [ "$backend" = sqlite ] && [ "$role" = secretariat ]; then phases=examples,coverage,fuzzing; fi
        timeout 300 schemathesis run "$BASE/api/v1/openapi.json" \
            -H "Authorization: Bearer $token" \
            --checks all --baseline "$BASELINE" ${ST_BASELINE_UPDATE:+--baseline-update} \
            --max-examples "$EXAMPLES" --seed "$SEED" --workers 2 --request-timeout 10 \
            --phases "$phases" --suppress-health-check all \
            --generation-database none --no-color --warnings off \
            >"$out" 2>&1 || rc=$?
        printf '%-9s %-12s %s\n' "$backend" "$role" "$(grep -E '^=+ .* in [0-9.]+s =+$' "$out" | tr -d '=' | xargs)"
        if [ -n "$KEEP" ]; then mkdir -p "$KEEP" && cp "$out" "$KEEP/"; fi
        if [ "$rc" -ne 0 ]; then
            failed=1
            echo "!! schemathesis as $role on $backend (exit $rc): findings not in $BASELINE" >&2
            sed -n '/^_\{5,\}/,/^=\{5,\} SUMMARY/p' "$out" | head -80 >&2
        fi
    done
    if grep -q "request failed" "$WORK/server.log"; then
        echo "!! the service logged internal errors on $backend:" >&2
        grep "request failed" "$WORK/server.log" | head -20 >&2
        failed=1
    fi
    return $failed
}

status=0
serve "sqlite://$WORK/st.db"
run_roles sqlite || status=1
stop

if [ -n "$PG_URL" ]; then
    PG_DB="trustfund_st_$$"
    psql "$PG_URL" -qc "CREATE DATABASE $PG_DB" >/dev/null
    serve "${PG_URL%/*}/$PG_DB"
    run_roles postgres || status=1
    stop
else
    echo "postgres  (skipped: set ST_DATABASE_URL or TEST_DATABASE_URL)"
fi

if [ "$status" -ne 0 ]; then
    echo "schemathesis: FAILED (a finding the schema should prevent is a schema or server fix;" >&2
    echo "  one it cannot is added to $BASELINE with its reason, after review)" >&2
fi
exit "$status"
