#!/usr/bin/env bash
# The contract tested as clients use it: the published OpenAPI document validates
# (openapi-spec-validator), a real generator builds a Python client from it without a
# warning (openapi-python-client), a smoke test drives the live service through that
# generated client (scripts/client_smoke.py), and a bounded `schemathesis --checks all`
# pass finds no answer the schema does not allow (scripts/schemathesis.sh). Tools go into a virtual environment under
# target/; the service runs on a throwaway SQLite database on 127.0.0.1 only.
#
#   scripts/contract.sh            # CI runs it; needs python3 with venv, and PyPI
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${CONTRACT_PORT:-18091}
BASE="http://127.0.0.1:$PORT"
VENV=target/contract-venv
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -x "$VENV/bin/openapi-python-client" ] || [ ! -x "$VENV/bin/schemathesis" ]; then
    python3 -m venv "$VENV"
    # schemathesis is pinned: its baseline (scripts/schemathesis-baseline.json) keys
    # findings by its own check and failure names.
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        'openapi-spec-validator>=0.7' 'openapi-python-client>=0.26' 'ruff>=0.6' httpx attrs python-dateutil \
        'schemathesis==4.32.5'
fi
export PATH="$PWD/$VENV/bin:$PATH"

# It serves the demo data set (feature `demo`). With every feature, as `cargo test
# --all-features` built the library just before in CI, so only the binary is linked; the
# others add no route unless asked (`bench` wants TRUSTFUND_BENCH_CEILING=1).
cargo build --quiet --locked --all-features
./target/debug/trustfund serve --demo --bind "127.0.0.1:$PORT" \
    --database-url "sqlite://$WORK/contract.db" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
    curl -sf "$BASE/readyz" >/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log" >&2; exit 1; }
    sleep 1
done

curl -sf "$BASE/api/v1/openapi.json" -o "$WORK/openapi.json"
echo "== openapi-spec-validator"
openapi-spec-validator "$WORK/openapi.json"

echo "== openapi-python-client generate"
CONFIG="$PWD/scripts/client-config.yml"
(cd "$WORK" && openapi-python-client generate --path openapi.json --meta none --config "$CONFIG" >generate.log 2>&1) || {
    cat "$WORK/generate.log" >&2
    exit 1
}
if grep -qi 'warning' "$WORK/generate.log"; then
    echo "the generator warned:" >&2
    cat "$WORK/generate.log" >&2
    exit 1
fi

echo "== smoke test through the generated client"
PYTHONPATH="$WORK" python scripts/client_smoke.py "$BASE"

# The server above has done its part; the schemathesis pass starts its own (SQLite, and
# PostgreSQL when TEST_DATABASE_URL or ST_DATABASE_URL names one, as in .ci/run).
kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
# CONTRACT_SCHEMATHESIS=0 leaves it out: scripts/prove.sh runs it as a part of its own.
if [ "${CONTRACT_SCHEMATHESIS:-1}" = 1 ]; then
    echo "== schemathesis --checks all, as the main roles, against its baseline"
    bash scripts/schemathesis.sh
fi
