-- The ledger export joins every entry to the payment or refund it may reverse
-- (`reversal_transaction_id = t.id`). Those columns' UNIQUE indexes hold a NULL for every
-- payment never reversed, and once the database has statistics SQLite counts the NULLs as
-- one value shared by all rows, judges the index useless and scans the table for each
-- entry: 405 s to export a year at a million postings (issue 14, BENCHMARKS.md). Partial
-- indexes over the few reversals are picked with or without statistics, as for
-- `ledger_transactions_reversal`.
CREATE INDEX grant_disbursements_reversal ON grant_disbursements (reversal_transaction_id)
    WHERE reversal_transaction_id IS NOT NULL;
CREATE INDEX grant_refunds_reversal ON grant_refunds (reversal_transaction_id)
    WHERE reversal_transaction_id IS NOT NULL;

-- The same index as `contribution_receipts_bank_reference` (2026-11-30-000101), made
-- twice: every receipt paid for both.
DROP INDEX contribution_receipts_standing_reference;
