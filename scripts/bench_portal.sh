#!/usr/bin/env bash
# The portal's pages under load, at the demo's scale on SQLite (BENCHMARKS.md, "The web
# portal"). Not run in CI.
#
#   scripts/bench_portal.sh              # builds and measures the release binary
#   BENCH_BIN=target/debug/trustfund scripts/bench_portal.sh   # another binary, as is
#
# A fresh SQLite database with the demo data set (`serve --demo`); an NGO and a trustee
# sign in through the sign-in form as a browser would; then wrk (1 thread x 4
# connections, BENCH_DURATION seconds each) on an NGO's home, its grants and a trustee's
# queue, each with the session cookie; then the public page `/transparency` and its open
# data (`/api/v1/public/summary`, the activity file) beside `/readyz`, read anonymously by
# a crowd (scripts/crowd.lua: each request from another address behind 127.0.0.1 as a
# trusted proxy, since one address would meet the anonymous rate limit). Prints the time to first
# byte (wrk's latency: the pages are small, so it is within a millisecond of the whole
# answer) and each page's weight (HTML and the stylesheet).
# Needs: cargo, curl and wrk (installed from Debian's packages if absent).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${BENCH_DURATION:-10}
PORT=${BENCH_PORT:-18700}
BIN=${BENCH_BIN:-}
WORK=$(mktemp -d)
BASE="http://127.0.0.1:$PORT"
PASSWORD=demo-password-2026

command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ -z "$BIN" ]; then
    (cd "$ROOT" && cargo build --release --features demo -q)
    BIN="$ROOT/target/release/trustfund"
fi

export TRUSTFUND__AUTH__JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef
export TRUSTFUND__LOG__LEVEL=warn
export TRUSTFUND__MAIL__FILE_DIR="$WORK/mail"
export TRUSTFUND__SERVER__BIND="127.0.0.1:$PORT"
export DATABASE_URL="sqlite://$WORK/portal.db"
# The public page's readers come through scripts/crowd.lua, each from another address.
export TRUSTFUND__SERVER__TRUSTED_PROXIES=127.0.0.1

"$BIN" serve --demo >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do
    curl -fs "$BASE/readyz" >/dev/null 2>&1 && grep -q "Web portal" "$WORK/server.log" && break
    sleep 0.2
done

# Signs in through the form, as a browser does; prints the session cookie's value.
session() {
    local jar="$WORK/jar-$1"
    local token
    token=$(curl -fs -c "$jar" -b "$jar" "$BASE/sign-in" | sed -n 's/.*name="form_token" value="\([^"]*\)".*/\1/p' | head -n1)
    curl -fs -o /dev/null -c "$jar" -b "$jar" "$BASE/sign-in" \
        --data-urlencode "form_token=$token" --data-urlencode "email=$1" \
        --data-urlencode "password=$PASSWORD"
    awk '$6 == "tf_session" { print $7 }' "$jar"
}

NGO=$(session applicant@haki-shelter.demo.trustfund.local)
TRUSTEE=$(session trustee@demo.trustfund.local)
CSS=$(curl -fs "$BASE/assets/portal.css" | wc -c)

printf '\n%-34s %9s %8s %8s %10s\n' "page (SQLite, demo scale)" "req/s" "p50 ms" "p99 ms" "HTML+CSS"
measure() {   # label path cookie
    local out="$WORK/wrk.txt"
    local bytes
    bytes=$(curl -fs -H "Cookie: tf_session=$3" "$BASE$2" | wc -c)
    wrk -t1 -c4 -d"${DURATION}s" --latency -H "Cookie: tf_session=$3" "$BASE$2" >"$out"
    local rps p50 p99
    rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$out")
    p50=$(awk '$1 == "50%" { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    printf '%-34s %9s %8s %8s %7.1f KB\n' "$1" "$rps" "$p50" "$p99" "$(echo "($bytes + $CSS) / 1024" | bc -l)"
}
measure "an NGO's home" / "$NGO"
measure "an NGO's grants" /grants "$NGO"
measure "a trustee's queue" /votes "$TRUSTEE"

printf '\n%-34s %9s %8s %8s %10s\n' "anonymous, a crowd of addresses" "req/s" "p50 ms" "p99 ms" "body"
crowd() {   # label path
    local out="$WORK/wrk.txt"
    local bytes
    bytes=$(curl -fs "$BASE$2" | wc -c)
    wrk -t1 -c4 -d"${DURATION}s" --latency -s "$ROOT/scripts/crowd.lua" "$BASE$2" >"$out"
    local rps p50 p99 refused
    rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$out")
    p50=$(awk '$1 == "50%" { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    refused=$(awk '/Non-2xx/ { print $NF }' "$out")
    printf '%-34s %9s %8s %8s %7.1f KB %s\n' "$1" "$rps" "$p50" "$p99" \
        "$(echo "$bytes / 1024" | bc -l)" "${refused:+($refused not 2xx)}"
}
crowd "/readyz" /readyz
crowd "the public page" /transparency
crowd "public summary (JSON)" /api/v1/public/summary
crowd "public grants (CSV)" "/api/v1/public/grants?format=csv"
crowd "IATI activity file" /api/v1/public/iati/activities.xml
