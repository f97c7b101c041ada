-- The ledger export joins every entry to the receipt it may reverse
-- (`cr.reversal_transaction_id = t.id`), the third of the reversal joins of
-- 2026-12-08-000701, which that migration missed. The full index over the column holds a
-- NULL for every receipt never reversed; with statistics SQLite judges it useless and
-- scanned all 520,000 receipts for every entry of a page: 254 s for a year of
-- disbursements at a million postings (issue 14, BENCHMARKS.md). A partial index over the
-- few reversals is picked with or without statistics, and costs a receipt nothing.
-- SQLite only: PostgreSQL tracks the column's share of NULLs and uses its index.
DROP INDEX contribution_receipts_reversal_transaction;
CREATE INDEX contribution_receipts_reversal ON contribution_receipts (reversal_transaction_id)
    WHERE reversal_transaction_id IS NOT NULL;
