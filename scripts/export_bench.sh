#!/usr/bin/env bash
# Ledger export benchmark (issue 12): generates a ledger of N entries by bulk SQL insert
# into a throwaway PostgreSQL database, exports it with `trustfund export` (a release
# build by default), and prints the wall time and peak memory (RSS) of each export next
# to PostgreSQL's own `\copy (SELECT …) TO STDOUT` of the same rows.
#
# Run by hand, not in CI:
#   scripts/export_bench.sh                      # 1,000,000 entries, csv json xlsx
#   N=2000 BIN=target/debug/trustfund scripts/export_bench.sh   # a quick check
#
# Environment:
#   N        entries to generate (default 1000000)
#   BIN      the trustfund binary (default target/release/trustfund, built if missing)
#   PGURL    a PostgreSQL server URL whose user may create databases
#            (default postgres://postgres@127.0.0.1:5432/postgres)
#   FORMATS  formats to export (default "csv json xlsx")
#   KEEP=1   keep the database and the files afterwards
#
# The ledger: one contribution and N receipts of 1.00 to 1,000.99 USD, value dates spread
# over 2024 and 2025, each a ledger entry with its two postings. The export covers the
# whole period with --kind all, so every entry is a row.
set -euo pipefail

N=${N:-1000000}
PGURL=${PGURL:-postgres://postgres@127.0.0.1:5432/postgres}
FORMATS=${FORMATS:-csv json xlsx}
cd "$(dirname "$0")/.."

if [[ -z "${BIN:-}" ]]; then
    BIN=target/release/trustfund
    [[ -x $BIN ]] || cargo build --release --locked --bin trustfund
fi
[[ -x $BIN ]] || { echo "no binary at $BIN" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time" >&2; exit 1; }

DB=trustfund_bench_$$
BASE=${PGURL%/*}
URL=$BASE/$DB
WORK=$(mktemp -d)
cleanup() {
    if [[ "${KEEP:-}" != 1 ]]; then
        psql -q "$PGURL" -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
        rm -rf "$WORK"
    else
        echo "kept: database $URL, files in $WORK"
    fi
}
trap cleanup EXIT

psql -q "$PGURL" -c "CREATE DATABASE $DB" >/dev/null
"$BIN" --database-url "$URL" migrate >/dev/null

CONTRIBUTION=00000000-0000-4000-8000-000000000001
echo "generating $N entries ..."
start=$(date +%s.%N)
psql -q -v ON_ERROR_STOP=1 "$URL" <<SQL
INSERT INTO contributions (id, donor_name, donor_type, donor_country, pledged_minor,
                           pledged_currency, pledged_on, created_by, created_at)
VALUES ('$CONTRIBUTION', 'Benchmark donor', 'member_state', 'NO', NULL, NULL,
        '2023-12-31', NULL, now());
INSERT INTO ledger_transactions (id, seq, kind, memo, owner_type, owner_id, reverses_id,
                                 created_by, created_at)
SELECT md5('tx' || g)::uuid::text, g, 'receipt', 'benchmark receipt', 'receipt',
       md5('rc' || g)::uuid::text, NULL, NULL, now()
FROM generate_series(1, $N) g;
INSERT INTO ledger_postings (id, transaction_id, line, account, party_id, amount_minor,
                             currency, usd_minor, original_minor, original_currency,
                             rate_to_usd)
SELECT md5('p' || l || '-' || g)::uuid::text, md5('tx' || g)::uuid::text, l,
       CASE l WHEN 0 THEN 'cash' ELSE 'contributions' END,
       CASE l WHEN 0 THEN NULL ELSE '$CONTRIBUTION' END,
       CASE l WHEN 0 THEN 1 ELSE -1 END * (100 + g % 100000), 'USD',
       CASE l WHEN 0 THEN 1 ELSE -1 END * (100 + g % 100000), NULL, NULL, NULL
FROM generate_series(1, $N) g, generate_series(0, 1) l;
INSERT INTO contribution_receipts (id, contribution_id, amount_minor, currency,
                                   rate_to_usd, usd_minor, received_on, bank_reference,
                                   ledger_transaction_id, created_at,
                                   reversal_transaction_id)
SELECT md5('rc' || g)::uuid::text, '$CONTRIBUTION', 100 + g % 100000, 'USD', '1',
       100 + g % 100000, date '2024-01-01' + (g % 731), 'BENCH-' || g,
       md5('tx' || g)::uuid::text, now(), NULL
FROM generate_series(1, $N) g;
-- The ledger's running totals, which the service keeps posting by posting: rebuilt from
-- the postings inserted in bulk above, so ledger check still passes.
DELETE FROM ledger_account_totals;
INSERT INTO ledger_account_totals (account, usd_minor, postings)
SELECT account, SUM(usd_minor), COUNT(*) FROM ledger_postings GROUP BY account;
DELETE FROM ledger_currency_receipts;
INSERT INTO ledger_currency_receipts (currency, received_minor, usd_minor, postings)
SELECT COALESCE(original_currency, currency), -SUM(COALESCE(original_minor, amount_minor)),
       -SUM(usd_minor), COUNT(*)
FROM ledger_postings WHERE account = 'contributions'
GROUP BY COALESCE(original_currency, currency);
ANALYZE;
SQL
echo "generated in $(echo "$(date +%s.%N) - $start" | bc) s"

# Wall time and peak RSS of a command (GNU time -v), as "seconds  MB".
measure() {
    local log=$WORK/time.log
    /usr/bin/time -v "$@" 2>"$log" >/dev/null || { cat "$log" >&2; return 1; }
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    # h:mm:ss or m:ss.ss to seconds.
    local seconds
    seconds=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    printf '%10.2f s  %8.1f MB' "$seconds" "$(echo "$rss / 1024" | bc -l)"
}

printf '\n%-40s %13s  %11s  %s\n' "what" "wall" "peak RSS" "bytes"
for format in $FORMATS; do
    out=$WORK/export.$format
    figures=$(measure "$BIN" --database-url "$URL" export --format "$format" --kind all \
        --from 2024-01-01 --to 2025-12-31 --output "$out")
    printf '%-40s %s  %s\n' "trustfund export --format $format" "$figures" "$(stat -c %s "$out")"
done

# The same rows straight from PostgreSQL: the entry, its value date, its cash posting and
# its receipt's reference, in posting order.
COPY="\\copy (SELECT t.seq, r.received_on, t.id, t.kind, p.usd_minor, r.bank_reference \
FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id AND p.account = 'cash' \
JOIN contribution_receipts r ON r.ledger_transaction_id = t.id ORDER BY t.seq) TO STDOUT WITH CSV HEADER"
figures=$(measure psql -q "$URL" -c "$COPY")
psql -q "$URL" -c "$COPY" >"$WORK/copy.csv"
printf '%-40s %s  %s\n' "psql \\copy (SELECT ...) TO STDOUT" "$figures" "$(stat -c %s "$WORK/copy.csv")"
echo
echo "entries: $N (csv rows: $(($(wc -l <"$WORK/export.csv" 2>/dev/null || echo 0))) incl. header, balances, totals)"
