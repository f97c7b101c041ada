#!/usr/bin/env bash
# Documents under load (BENCHMARKS.md, "Documents"): ten 20 MB uploads at once, then
# every file downloaded and checked, then `documents verify`, on SQLite and PostgreSQL.
# Prints the wall time of each step, the server's resident memory before and its peak
# after (VmHWM), and whether every file came back with its hash. Not run in CI.
#
#   scripts/bench_documents.sh                 # builds and measures the release binary
#   BENCH_BIN=target/debug/trustfund scripts/bench_documents.sh
#   BENCH_DATABASES=sqlite scripts/bench_documents.sh
#
# PostgreSQL: a fresh database on BENCH_PG_ADMIN (default postgres://postgres@127.0.0.1:5432/postgres),
# dropped afterwards. Needs: cargo, curl, psql (for PostgreSQL), sha256sum.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${BENCH_PORT:-18710}
BIN=${BENCH_BIN:-}
FILES=${BENCH_FILES:-10}
MB=${BENCH_MB:-20}
DATABASES=${BENCH_DATABASES:-sqlite postgres}
PG_ADMIN=${BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
WORK=$(mktemp -d)
BASE="http://127.0.0.1:$PORT"
SERVER=
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
    psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS trustfund_bench_documents WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "$BIN" ]; then
    (cd "$ROOT" && cargo build --release --features demo -q)
    BIN="$ROOT/target/release/trustfund"
fi
export TRUSTFUND__AUTH__JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef
export TRUSTFUND__LOG__LEVEL=warn
export TRUSTFUND__MAIL__FILE_DIR="$WORK/mail"
export TRUSTFUND__SERVER__BIND="127.0.0.1:$PORT"
export TRUSTFUND__AUDIT__SIGNING_KEY_FILE="$WORK/audit-key"
export TRUSTFUND__AUDIT__CHECKPOINT_FILE="$WORK/checkpoints"

# The files: a PDF header, then random bytes (no two alike), MB megabytes each.
for i in $(seq 1 "$FILES"); do
    { printf '%%PDF-1.7\n'; head -c $((MB * 1000 * 1000 - 9)) /dev/urandom; } >"$WORK/file-$i.pdf"
done

kb() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$SERVER/status"; }
now() { date +%s.%N; }

for backend in $DATABASES; do
    if [ "$backend" = postgres ]; then
        psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS trustfund_bench_documents WITH (FORCE)" -c "CREATE DATABASE trustfund_bench_documents" >/dev/null
        url="${PG_ADMIN%/*}/trustfund_bench_documents"
    else
        url="sqlite://$WORK/documents.db"
    fi
    # The demo is loaded by one start, then the service starts again without it, so that
    # its peak memory is the serving's alone.
    for demo in --demo ""; do
        [ -n "$SERVER" ] && { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
        DATABASE_URL="$url" "$BIN" serve $demo >"$WORK/server-$backend.log" 2>&1 &
        SERVER=$!
        for _ in $(seq 1 300); do
            curl -fs "$BASE/readyz" >/dev/null 2>&1 && grep -q "Web portal" "$WORK/server-$backend.log" && break
            sleep 0.2
        done
    done
    token=$(curl -fs "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
        -d '{"email":"secretariat@demo.trustfund.local","password":"demo-password-2026"}' |
        sed 's/.*"access_token":"\([^"]*\)".*/\1/')
    grant=$(curl -fs "$BASE/api/v1/grants" -H "authorization: Bearer $token" |
        sed 's/.*"items":\[{"id":"\([^"]*\)".*/\1/')
    before=$(kb VmRSS)
    start=$(now)
    for i in $(seq 1 "$FILES"); do
        curl -s -o "$WORK/up-$i.json" -w '%{http_code}\n' "$BASE/api/v1/grants/$grant/documents" \
            -H "authorization: Bearer $token" -F kind=other -F "title=Bench file $i" \
            -F "file=@$WORK/file-$i.pdf" >"$WORK/code-$i" &
    done
    wait $(jobs -p | grep -v "^$SERVER$") 2>/dev/null || true
    upload_s=$(echo "$(now) - $start" | bc)
    created=$(cat "$WORK"/code-* | grep -c '^201$' || true)
    peak=$(kb VmHWM)
    start=$(now)
    same=0
    for i in $(seq 1 "$FILES"); do
        id=$(sed 's/.*"id":"\([^"]*\)".*"series".*/\1/' "$WORK/up-$i.json")
        curl -fs "$BASE/api/v1/documents/$id/content" -H "authorization: Bearer $token" -o "$WORK/down-$i"
        [ "$(sha256sum <"$WORK/down-$i" | cut -d' ' -f1)" = "$(sha256sum <"$WORK/file-$i.pdf" | cut -d' ' -f1)" ] && same=$((same + 1))
        rm -f "$WORK/down-$i"
    done
    download_s=$(echo "$(now) - $start" | bc)
    peak_after=$(kb VmHWM)
    start=$(now)
    DATABASE_URL="$url" "$BIN" documents verify >"$WORK/verify.txt"
    verify_s=$(echo "$(now) - $start" | bc)
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
    printf 'RESULT script=documents db=%s files=%s mb_each=%s created=%s upload_all_s=%.2f download_all_s=%.2f same_bytes=%s verify_s=%.2f rss_before_mb=%s peak_mb=%s peak_after_downloads_mb=%s verify="%s"\n' \
        "$backend" "$FILES" "$MB" "$created" "$upload_s" "$download_s" "$same" "$verify_s" \
        "$((before / 1024))" "$((peak / 1024))" "$((peak_after / 1024))" "$(cat "$WORK/verify.txt")"
done
