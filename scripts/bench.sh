#!/usr/bin/env bash
# The performance bench (issue 14); BENCHMARKS.md holds its last figures. Not run in CI.
#
#   scripts/bench.sh                      # the issue's scale, SQLite then PostgreSQL
#   BENCH_SCALE=small scripts/bench.sh    # 1/100 of it, for a quick run (medium: 1/10)
#
# For each database: a fresh database, the demo data set (`serve --demo`), multiplied to
# scale by bulk SQL (scripts/bench_data.py; not through the API), the offline checks
# (`ledger check`, `audit verify`), a cold start to /readyz, then wrk (2 threads x 16
# connections, BENCH_DURATION seconds each) on the ceiling read (/readyz), the ceiling write
# (POST /bench/ceiling-write, served only because TRUSTFUND_BENCH_CEILING=1), one
# application, the filtered applications list, /fund, a ledger page, a vote, a receipt and
# a disbursement; then the server's peak RSS, the checks again, and the ledger's export
# (`trustfund export` when the binary has it) against COPY ... TO STDOUT of the same rows.
#
# Environment: BENCH_SCALE (small|medium|full), BENCH_DURATION (seconds, default 10),
# BENCH_DBS ("sqlite postgres"), BENCH_NO_BUILD=1 (use the existing release binary),
# PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres; a throwaway database
# is created there and dropped), BENCH_PORT (default 18600), KEEP_WORK=1, BENCH_BIN (another
# binary, e.g. a debug build, with BENCH_NO_BUILD=1), BENCH_CHECKS (all: the offline checks
# after the load and after the run; run (default): after the run only, they take minutes at
# full scale; none), BENCH_QUERIES=0 (skip counting PostgreSQL statements per request, from
# the server log PG_LOG, default /var/log/postgresql/postgresql-15-main.log).
# Needs: cargo, python3; wrk, curl, sqlite3 and psql are installed from Debian's packages if absent.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCALE=${BENCH_SCALE:-full}
DURATION=${BENCH_DURATION:-10}
DBS=${BENCH_DBS:-sqlite postgres}
PORT=${BENCH_PORT:-18600}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
BIN=${BENCH_BIN:-"$ROOT/target/release/trustfund"}
WORK=$(mktemp -d)
PASSWORD=demo-password-2026
NONCE=$(date +%s)
CHECKS=${BENCH_CHECKS:-run}
PG_LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}

export TRUSTFUND__AUTH__JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef
export TRUSTFUND__ADMIN__EMAIL=admin@bench.trustfund.local
export TRUSTFUND__ADMIN__PASSWORD=bench-admin-password-2026
export TRUSTFUND__LOG__LEVEL=${TRUSTFUND__LOG__LEVEL:-warn}
export TRUSTFUND__MAIL__FILE_DIR="$WORK/mail"
export TRUSTFUND_BENCH_CEILING=1

SERVER_PID=
PG_DB=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    if [ -n "$PG_DB" ]; then psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
    if [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; else echo "work kept in $WORK" >&2; fi
}
trap cleanup EXIT

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

if [ -z "${BENCH_NO_BUILD:-}" ]; then
    log "release build"
    # The demo data set and the ceiling write are features, absent from a production build.
    (cd "$ROOT" && nice cargo build --release --locked --quiet --features demo,bench)
fi

# A fresh machine may lack the load generator and the clients: Debian's packages bring them.
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v curl >/dev/null 2>&1 || missing+=(curl)
[ -x /usr/bin/time ] || missing+=(time)   # the export's peak memory
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)   # the proxy before two instances
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

RESULTS="$WORK/results.tsv"   # db name kind rps p50_ms p99_ms requests non2xx
FACTS="$WORK/facts.tsv"       # db key value
: >"$RESULTS"
: >"$FACTS"
fact() { printf '%s\t%s\t%s\n' "$DB" "$1" "$2" >>"$FACTS"; }

q() {   # one SQL query on the bench database, unaligned output
    if [ "$DB" = sqlite ]; then sqlite3 "${URL#sqlite://}" "$1"; else psql "$URL" -Atqc "$1"; fi
}

rss_mb() { awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

start_server() {   # extra args: e.g. --demo
    "$BIN" serve --bind "127.0.0.1:$PORT" --database-url "$URL" "$@" >>"$WORK/server-$DB.log" 2>&1 &
    SERVER_PID=$!
}

wait_ready() {
    for _ in $(seq 1 3000); do
        curl -sf -o /dev/null "http://127.0.0.1:$PORT/readyz" && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.01
    done
    tail -20 "$WORK/server-$DB.log" >&2
    return 1
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

token() {
    curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
        -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

checks() {   # the offline invariants; prints "ok" or what failed
    local out=ok
    "$BIN" ledger check --database-url "$URL" >"$WORK/ledger-check.log" 2>&1 || out="ledger-check-FAILED"
    "$BIN" audit verify --database-url "$URL" >"$WORK/audit-verify.log" 2>&1 || out="$out,audit-verify-FAILED"
    echo "$out"
}

# to_ms 1.23ms|456.78us|1.02s
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
        else { sub(/s$/, "", v); printf "%.2f", v * 1000 } }'
}

# Waits until the server has finished what the last run left queued (a request wrk gave up
# on still runs to its end): at most 1% of a core over half a second, or 60 s.
settle() {
    local pid before after
    for pid in "$@"; do
        for _ in $(seq 1 120); do
            before=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
            sleep 0.5
            after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
            [ $((after - before)) -le 0 ] && break
        done
    done
}

# errors FILE: non-2xx answers plus socket errors (connect, read, write, timeout).
errors() {
    awk '/Non-2xx or 3xx responses:/ { n += $NF }
         /Socket errors:/ { for (i = 3; i <= NF; i += 2) { v = $(i + 1); gsub(/,/, "", v); n += v } }
         END { print n + 0 }' "$1"
}

# pair NAME KIND PATH TOKEN [IDS]: the same load split over two instances (PORT and
# PORT+1, 1 thread x 8 connections each); req/s summed, the worse p50 and p99 kept.
pair() {
    local name=$1 kind=$2 path=$3 tok=$4 ids=${5:-} p
    local outs=() pids=()
    for p in "$PORT" "$((PORT + 1))"; do
        local out="$WORK/wrk2-$DB-$kind-$p-$RANDOM.txt"
        outs+=("$out")
        BENCH_TOKEN=$tok BENCH_KIND=$kind BENCH_IDS=$ids BENCH_AMOUNT=${AMOUNT:-} BENCH_NONCE="$NONCE$p" BENCH_TODAY=$(date -u +%F) \
            wrk --timeout 30s -t1 -c8 -d"${DURATION}s" --latency -s "$ROOT/scripts/bench.lua" \
            "http://127.0.0.1:$p$path" >"$out" 2>&1 &
        pids+=("$!")
    done
    wait "${pids[@]}" || true
    settle "$SERVER_PID" "$second"
    local rps=0 p50=0 p99=0 total=0 non2xx=0 o v
    for o in "${outs[@]}"; do
        v=$(awk '/^Requests\/sec:/ { print $2 }' "$o"); rps=$(awk -v a="$rps" -v b="${v:-0}" 'BEGIN { print a + b }')
        v=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$o")"); p50=$(awk -v a="$p50" -v b="$v" 'BEGIN { print (b > a ? b : a) }')
        v=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$o")"); p99=$(awk -v a="$p99" -v b="$v" 'BEGIN { print (b > a ? b : a) }')
        v=$(awk '/requests in/ { print $1 }' "$o"); total=$((total + ${v:-0}))
        v=$(errors "$o"); non2xx=$((non2xx + ${v:-0}))
    done
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$DB x2" "$name" "$kind" "$rps" "$p50" "$p99" \
        "$total" "$non2xx" >>"$RESULTS"
    log "$DB x2 $name: $rps req/s, p50 $p50 ms, p99 $p99 ms, $non2xx errors of $total"
}

# run NAME KIND PATH TOKEN [IDS]
run() {
    local name=$1 kind=$2 path=$3 tok=$4 ids=${5:-}
    local out="$WORK/wrk-$DB-$kind-$RANDOM.txt"
    BENCH_TOKEN=$tok BENCH_KIND=$kind BENCH_IDS=$ids BENCH_AMOUNT=${AMOUNT:-} BENCH_NONCE=$NONCE BENCH_TODAY=$(date -u +%F) \
        wrk --timeout 30s -t2 -c16 -d"${DURATION}s" --latency -s "$ROOT/scripts/bench.lua" \
        "http://127.0.0.1:${RUN_PORT:-$PORT}$path" >"$out" 2>&1 || true
    settle "$SERVER_PID" ${RUN_ALSO:-}
    local rps p50 p99 total non2xx
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    total=$(awk '/requests in/ { print $1 }' "$out")
    non2xx=$(errors "$out")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${RUN_LABEL:-$DB}" "$name" "$kind" "${rps:-0}" "$p50" "$p99" \
        "${total:-0}" "${non2xx:-0}" >>"$RESULTS"
    log "${RUN_LABEL:-$DB} $name: ${rps:-0} req/s, p50 $p50 ms, p99 $p99 ms, ${non2xx:-0} errors of ${total:-0}"
}

# proxied SECOND: nginx on PORT+2 spreading requests over the two instances (PORT and
# PORT+1), as deploy/nginx.conf does, and the same load as one instance gets, through it.
proxied() {
    local second=$1 conf="$WORK/nginx.conf"
    mkdir -p "$WORK/nginx"
    cat >"$conf" <<NGINX
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    upstream trustfund { server 127.0.0.1:$PORT; server 127.0.0.1:$((PORT + 1)); keepalive 32; }
    server {
        listen 127.0.0.1:$((PORT + 2));
        location / {
            proxy_pass http://trustfund;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For \$remote_addr;
        }
    }
}
NGINX
    local nginx
    nginx=$(command -v nginx || echo /usr/sbin/nginx)
    "$nginx" -c "$conf" -p "$WORK/nginx" 2>>"$WORK/nginx/error.log"
    RUN_PORT=$((PORT + 2)) RUN_LABEL="$DB x2 proxy" RUN_ALSO=$second run "/readyz (ceiling read)" get /readyz ""
    RUN_PORT=$((PORT + 2)) RUN_LABEL="$DB x2 proxy" RUN_ALSO=$second run "/fund" get /api/v1/fund "$secretariat"
    RUN_PORT=$((PORT + 2)) RUN_LABEL="$DB x2 proxy" RUN_ALSO=$second run "vote (POST)" vote /votes "$trustee" "$WORK/votes.ids"
    "$nginx" -c "$conf" -p "$WORK/nginx" -s stop 2>/dev/null || true
}

# Statements (round trips, BEGIN and COMMIT included) one request of each kind sends to
# PostgreSQL, counted in the server log with log_statement = all on the bench database only.
count_statements() {
    local secretariat=$1 trustee=$2 finance=$3 app=$4 call=$5
    psql "$PG_ADMIN_URL" -qc "ALTER DATABASE $PG_DB SET log_statement = 'all'" >/dev/null
    start_server
    wait_ready
    # The reminder sweep runs at start (thousands of statements at this scale): count only
    # once the log has stopped growing for a second, at most a minute.
    local lines=-1
    for _ in $(seq 1 60); do
        [ "$(wc -l <"$PG_LOG")" = "$lines" ] && break
        lines=$(wc -l <"$PG_LOG")
        sleep 1
    done
    local base="http://127.0.0.1:$PORT" today
    today=$(date -u +%F)
    one() {   # NAME then curl arguments
        local name=$1 before after
        shift
        sleep 0.3
        before=$(wc -l <"$PG_LOG")
        curl -s -o /dev/null "$@"
        sleep 0.3
        after=$(wc -l <"$PG_LOG")
        fact "statements: $name" "$(tail -n +"$((before + 1))" "$PG_LOG" | head -n "$((after - before))" |
            grep -c "@$PG_DB LOG:  \(statement\|execute\)" || true)"
    }
    one "/readyz" "$base/readyz"
    one "ceiling write" -X POST "$base/bench/ceiling-write" -H "authorization: Bearer $finance"
    one "one application" "$base/api/v1/applications/$app" -H "authorization: Bearer $secretariat"
    one "applications list" "$base/api/v1/applications?state=under_review&call_id=$call&limit=50" -H "authorization: Bearer $secretariat"
    one "/fund" "$base/api/v1/fund" -H "authorization: Bearer $secretariat"
    one "ledger page" "$base/api/v1/ledger?limit=50" -H "authorization: Bearer $finance"
    one "vote" -X POST "$base/api/v1/applications/$app/votes" -H "authorization: Bearer $trustee" \
        -H 'content-type: application/json' -d '{"vote":"abstain","comment":"count"}'
    one "receipt" -X POST "$base/api/v1/contributions/$(head -1 "$WORK/contributions.ids")/receipts" \
        -H "authorization: Bearer $finance" -H 'content-type: application/json' \
        -d "{\"amount\":{\"amount\":\"1.00\",\"currency\":\"USD\"},\"received_on\":\"$today\",\"rate_to_usd\":\"1\",\"bank_reference\":\"COUNT-$NONCE\"}"
    one "disbursement" -X POST "$base/api/v1/grants/$(tail -1 "$WORK/grants.ids")/disbursements" \
        -H "authorization: Bearer $finance" -H 'content-type: application/json' \
        -d "{\"tranche\":1,\"amount\":{\"amount\":\"$AMOUNT\",\"currency\":\"USD\"},\"value_date\":\"$today\",\"payment_reference\":\"COUNT-$NONCE\"}"
    stop_server
    psql "$PG_ADMIN_URL" -qc "ALTER DATABASE $PG_DB RESET log_statement" >/dev/null
}

bench_db() {
    DB=$1
    case "$DB" in
        sqlite) URL="sqlite://$WORK/bench.db" ;;
        postgres)
            PG_DB="trustfund_bench_$NONCE"
            psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $PG_DB" >/dev/null
            URL="${PG_ADMIN_URL%/*}/$PG_DB"
            ;;
        *) echo "unknown database $DB" >&2; return 1 ;;
    esac

    log "$DB: demo data"
    start_server --demo
    wait_ready
    stop_server

    log "$DB: bulk load (BENCH_SCALE=$SCALE)"
    local t0 t1
    t0=$(date +%s.%N)
    if [ "$DB" = sqlite ]; then
        BENCH_SCALE=$SCALE python3 "$ROOT/scripts/bench_data.py" sqlite | sqlite3 -bail "${URL#sqlite://}"
    else
        BENCH_SCALE=$SCALE python3 "$ROOT/scripts/bench_data.py" postgres |
            psql "$URL" -v ON_ERROR_STOP=1 -q >/dev/null
    fi
    t1=$(date +%s.%N)
    fact load_s "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
    fact organizations "$(q 'SELECT COUNT(*) FROM organizations')"
    fact applications "$(q 'SELECT COUNT(*) FROM applications')"
    fact votes "$(q 'SELECT COUNT(*) FROM votes')"
    fact ledger_entries "$(q 'SELECT COUNT(*) FROM ledger_postings')"
    if [ "$CHECKS" = all ]; then fact checks_after_load "$(checks)"; fi

    log "$DB: cold start"
    t0=$(date +%s%N)
    start_server
    wait_ready
    t1=$(date +%s%N)
    fact cold_start_ms $(((t1 - t0) / 1000000))
    sleep 2
    fact idle_rss_mb "$(rss_mb "$SERVER_PID" VmRSS)"

    local secretariat trustee finance
    secretariat=$(token secretariat@demo.trustfund.local)
    trustee=$(token trustee@demo.trustfund.local)
    finance=$(token finance@demo.trustfund.local)
    sleep 1
    fact idle_rss_after_logins_mb "$(rss_mb "$SERVER_PID" VmRSS)"

    # Targets: bulk rows (their ids start with the generator's prefixes).
    q "SELECT id FROM applications WHERE state = 'under_review' AND id LIKE 'b2%' ORDER BY id LIMIT 5000" >"$WORK/votes.ids"
    q "SELECT id FROM contributions WHERE id LIKE 'b6%' ORDER BY id LIMIT 1000" >"$WORK/contributions.ids"
    q "SELECT id FROM grants WHERE id LIKE 'c6%' ORDER BY id" >"$WORK/grants.ids"
    local app call
    app=$(head -1 "$WORK/votes.ids")
    call=$(q "SELECT call_id FROM applications WHERE id = '$app'")
    AMOUNT=$(q "SELECT amount_minor FROM grant_tranches WHERE number = 1 AND grant_id = '$(head -1 "$WORK/grants.ids")'" |
        awk '{ printf "%d.%02d", $1 / 100, $1 % 100 }')
    fact bench_grants "$(wc -l <"$WORK/grants.ids")"

    log "$DB: load (wrk -t2 -c16 -d${DURATION}s each)"
    run "/readyz (ceiling read)" get /readyz ""
    run "ceiling write" ceiling /bench/ceiling-write "$finance"
    run "one application (secretariat)" get "/api/v1/applications/$app" "$secretariat"
    run "applications list, 50, state+call" get "/api/v1/applications?state=under_review&call_id=$call&limit=50" "$secretariat"
    run "/fund" get /api/v1/fund "$secretariat"
    run "ledger page, 50" get "/api/v1/ledger?limit=50" "$finance"
    run "vote (POST)" vote /votes "$trustee" "$WORK/votes.ids"
    run "receipt (POST)" receipt /receipts "$finance" "$WORK/contributions.ids"
    run "disbursement (POST)" disburse /disbursements "$finance" "$WORK/grants.ids"
    fact peak_rss_mb "$(rss_mb "$SERVER_PID" VmHWM)"
    sleep 2
    fact rss_after_load_mb "$(rss_mb "$SERVER_PID" VmRSS)"
    if [ "$DB" = postgres ] && [ "${BENCH_SECOND:-1}" = 1 ]; then
        log "$DB: a second instance on the same database"
        local first=$SERVER_PID second
        "$BIN" serve --bind "127.0.0.1:$((PORT + 1))" --database-url "$URL" >>"$WORK/server-$DB-2.log" 2>&1 &
        second=$!
        for _ in $(seq 1 500); do curl -sf -o /dev/null "http://127.0.0.1:$((PORT + 1))/readyz" && break; sleep 0.02; done
        pair "/readyz (ceiling read)" get /readyz ""
        pair "ceiling write" ceiling /bench/ceiling-write "$finance"
        pair "one application (secretariat)" get "/api/v1/applications/$app" "$secretariat"
        pair "/fund" get /api/v1/fund "$secretariat"
        pair "vote (POST)" vote /votes "$trustee" "$WORK/votes.ids"
        pair "receipt (POST)" receipt /receipts "$finance" "$WORK/contributions.ids"
        proxied "$second"
        kill "$second" 2>/dev/null || true
        wait "$second" 2>/dev/null || true
        SERVER_PID=$first
    fi
    stop_server
    if [ "$DB" = postgres ] && [ "${BENCH_QUERIES:-1}" = 1 ] && [ -r "$PG_LOG" ]; then
        count_statements "$secretariat" "$trustee" "$finance" "$app" "$call"
    fi
    if [ "$CHECKS" != none ]; then
        t0=$(date +%s)
        fact checks_after_run "$(checks)"
        fact checks_s $(($(date +%s) - t0))
    fi

    # The ledger's export against the database's own bulk copy of the same rows.
    local select="SELECT t.seq, t.created_at, t.kind, t.owner_type, t.owner_id, p.line, p.account, p.party_id, p.amount_minor, p.currency, p.usd_minor FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id ORDER BY t.seq, p.line"
    t0=$(date +%s%N)
    if [ "$DB" = sqlite ]; then
        sqlite3 -csv "${URL#sqlite://}" "$select" >"$WORK/copy.csv"
    else
        psql "$URL" -qc "\\copy ($select) TO STDOUT WITH CSV" >"$WORK/copy.csv"
    fi
    t1=$(date +%s%N)
    fact copy_ms $(((t1 - t0) / 1000000))
    fact copy_rows "$(wc -l <"$WORK/copy.csv")"
    # `trustfund export` of every entry over all the years: the same ledger the copy above
    # reads, one row per entry (the copy has one per posting).
    if "$BIN" export --help >/dev/null 2>&1; then
        t0=$(date +%s%N)
        if /usr/bin/time -f '%M' -o "$WORK/export.rss" "$BIN" export --format csv --kind all --from 2000-01-01 \
            --output - --database-url "$URL" \
            >"$WORK/export.csv" 2>"$WORK/export.err"; then
            t1=$(date +%s%N)
            fact export_ms $(((t1 - t0) / 1000000))
            fact export_rows "$(wc -l <"$WORK/export.csv")"
            fact export_peak_rss_mb "$(awk '{ printf "%.1f", $1 / 1024 }' "$WORK/export.rss")"
        else
            fact export "failed: $(tail -1 "$WORK/export.err")"
        fi
    else
        fact export "skipped: this build has no 'trustfund export'"
    fi

    if [ "$DB" = postgres ]; then
        psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
        PG_DB=
    fi
}

for db in $DBS; do bench_db "$db"; done

python3 - "$RESULTS" "$FACTS" "$SCALE" "$DURATION" <<'PY'
import sys
from collections import defaultdict

results, facts, scale, duration = sys.argv[1:5]
rows = [line.rstrip("\n").split("\t") for line in open(results) if line.strip()]
dbs = []
table = defaultdict(dict)
names = []
for db, name, kind, rps, p50, p99, total, non2xx in rows:
    if db not in dbs:
        dbs.append(db)
    if name not in names:
        names.append(name)
    table[name][db] = (kind, float(rps or 0), p50, p99, int(total or 0), int(non2xx or 0))
ceiling = {db: {"read": table["/readyz (ceiling read)"].get(db, (0, 0))[1],
                "write": table["ceiling write"].get(db, (0, 0))[1]} for db in dbs}
print(f"\ntrustfund bench: scale={scale}, wrk -t2 -c16 -d{duration}s per line; ratio = req/s "
      "over the ceiling read (GETs) or the ceiling write (POSTs)\n")
head = "| endpoint |" + "".join(f" {db} req/s | p50 ms | p99 ms | x ceiling | errors |" for db in dbs)
print(head)
print("|---|" + "---|---|---|---|---|" * len(dbs))
for name in names:
    cells = []
    for db in dbs:
        if db not in table[name]:
            cells.append(" - | - | - | - | - |")
            continue
        kind, rps, p50, p99, total, non2xx = table[name][db]
        base = ceiling[db]["read" if kind == "get" else "write"]
        ratio = f"{rps / base:.2f}" if base else "-"
        cells.append(f" {rps:,.0f} | {p50} | {p99} | {ratio} | {non2xx}/{total} |")
    print(f"| {name} |" + "".join(cells))
print()
fact_rows = defaultdict(dict)
keys = []
for line in open(facts):
    if not line.strip():
        continue
    db, key, value = line.rstrip("\n").split("\t", 2)
    if key not in keys:
        keys.append(key)
    fact_rows[key][db] = value
print("| fact |" + "".join(f" {db} |" for db in dbs))
print("|---|" + "---|" * len(dbs))
for key in keys:
    print(f"| {key} |" + "".join(f" {fact_rows[key].get(db, '-')} |" for db in dbs))
PY
