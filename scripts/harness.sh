# Shared by the proof scripts (crash, outage, races, abuse, prove): build, serve the demo
# data set on a port, sign in, and print one result line that prove.sh collects:
#
#   RESULT script=<name> db=<backend> tried=N 5xx=N schema=N leaks=N lost=N invariants=N peak_mb=N
#
# A column a script does not measure is "-". Source it; do not run it.
# shellcheck shell=bash

HARNESS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN="$HARNESS_ROOT/target/debug/trustfund"
PASSWORD=demo-password-2026
# One secret for every instance a script starts, so tokens work across them.
export TRUSTFUND__AUTH__JWT_SECRET=${TRUSTFUND__AUTH__JWT_SECRET:-proof-scripts-secret-0123456789abcdef}
export TRUSTFUND__ADMIN__EMAIL=${TRUSTFUND__ADMIN__EMAIL:-admin@proof.trustfund.local}
export TRUSTFUND__ADMIN__PASSWORD=${TRUSTFUND__ADMIN__PASSWORD:-proof-admin-password-2026}
export TRUSTFUND__LOG__LEVEL=${TRUSTFUND__LOG__LEVEL:-warn}
PG_ADMIN_URL=${PG_ADMIN_URL:-${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}}

WORK=${WORK:-$(mktemp -d)}
# One audit signing key for every instance and command, and checkpoints kept in $WORK,
# so no script writes a key or a checkpoint file into the working tree.
export TRUSTFUND__AUDIT__SIGNING_KEY=${TRUSTFUND__AUDIT__SIGNING_KEY:-70f0f5c0a7e5c41e8a8c3f0d1b2e4a6c9d7f1e3b5a7c9e1f3d5b7a9c1e3f5d7b}
export TRUSTFUND__AUDIT__CHECKPOINT_FILE=${TRUSTFUND__AUDIT__CHECKPOINT_FILE:-$WORK/audit-checkpoints.jsonl}
SERVER_PIDS=()

harness_cleanup() {
    local pid
    for pid in "${SERVER_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    local db
    for db in $(cat "$WORK/pg-databases" 2>/dev/null); do
        psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    done
    if [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; fi
}

build() {
    # The demo: the parts serve the demo data set (`serve --demo`).
    (cd "$HARNESS_ROOT" && cargo build --quiet --features demo)
}

# A fresh database URL for backend $1 (sqlite|postgres).
fresh_database() {
    case "$1" in
        sqlite) echo "sqlite://$WORK/trustfund-$RANDOM$RANDOM.db" ;;
        postgres)
            local name="trustfund_proof_$RANDOM$RANDOM"
            psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $name" >/dev/null
            # Callers use `url=$(fresh_database …)`, a subshell: the name goes to a file
            # the cleanup reads, since a variable set here would not outlive the subshell.
            echo "$name" >>"$WORK/pg-databases"
            echo "${PG_ADMIN_URL%/*}/$name"
            ;;
        *) echo "unknown backend $1" >&2; return 1 ;;
    esac
}

# serve URL PORT [--demo]: starts an instance in the background; sets SERVER_PID.
serve() {
    local url=$1 port=$2
    shift 2
    "$BIN" serve --bind "127.0.0.1:$port" --database-url "$url" "$@" \
        >>"$WORK/server-$port.log" 2>&1 &
    SERVER_PID=$!
    SERVER_PIDS+=("$SERVER_PID")
    wait_up "$port" || { tail -20 "$WORK/server-$port.log" >&2; return 1; }
}

wait_up() {
    local port=$1
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0
        sleep 0.5
    done
    echo "nothing answers on port $port" >&2
    return 1
}

# token PORT EMAIL [PASSWORD]
token() {
    curl -sf -X POST "http://127.0.0.1:$1/api/v1/auth/login" -H 'content-type: application/json' \
        -d "{\"email\":\"$2\",\"password\":\"${3:-$PASSWORD}\"}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# invariants URL: runs the two offline checks; prints how many failed (0, 1 or 2).
invariants() {
    local failed=0
    "$BIN" ledger check --database-url "$1" >"$WORK/ledger-check.log" 2>&1 || {
        failed=$((failed + 1)); echo "ledger check failed:" >&2; tail -5 "$WORK/ledger-check.log" >&2; }
    "$BIN" audit verify --database-url "$1" >"$WORK/audit-verify.log" 2>&1 || {
        failed=$((failed + 1)); echo "audit verify failed:" >&2; tail -5 "$WORK/audit-verify.log" >&2; }
    echo "$failed"
}

# Peak resident memory of a process so far, in MB (VmHWM).
peak_mb() {
    awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "-"
}

result() {
    echo "RESULT $*"
}
