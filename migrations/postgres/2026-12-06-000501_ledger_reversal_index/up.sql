-- Which ledger entries were reversed (every journal page asks, `reverses_id IN (...)`):
-- a partial index over the few reversals. The column's UNIQUE index also holds every
-- NULL, and once the database has statistics (ANALYZE, PRAGMA optimize) SQLite counts
-- those NULLs as one value shared by every row, judges that index useless and scans the
-- whole table instead: 0.19 s a page at a million postings (issue 14, BENCHMARKS.md).
CREATE INDEX ledger_transactions_reversal ON ledger_transactions (reverses_id)
    WHERE reverses_id IS NOT NULL;
