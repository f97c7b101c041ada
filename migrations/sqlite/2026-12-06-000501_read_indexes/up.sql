-- Which ledger entries were reversed (every journal page asks, `reverses_id IN (...)`):
-- a partial index over the few reversals. The column's UNIQUE index also holds every
-- NULL, and once the database has statistics (ANALYZE, PRAGMA optimize) SQLite counts
-- those NULLs as one value shared by every row, judges that index useless and scans the
-- whole table instead: 0.19 s a page at a million postings (issue 14, BENCHMARKS.md).
CREATE INDEX ledger_transactions_reversal ON ledger_transactions (reverses_id)
    WHERE reverses_id IS NOT NULL;

-- The applications list filtered by state, or by call and state (the secretariat's and the
-- Board's usual pages), newest first: a page reads its rows from the index instead of
-- walking every newer application and looking each up (69 ms a page at 120,000
-- applications on SQLite, 2 ms with these).
CREATE INDEX applications_call_state ON applications (call_id, state, created_at DESC, id DESC);
CREATE INDEX applications_state ON applications (state, created_at DESC, id DESC);
