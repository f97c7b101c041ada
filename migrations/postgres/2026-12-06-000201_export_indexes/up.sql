-- Ledger exports (issue 12) join every ledger entry to the receipt it records or
-- reverses; without these, each page of an export scans contribution_receipts.
CREATE INDEX contribution_receipts_ledger_transaction ON contribution_receipts (ledger_transaction_id);
CREATE INDEX contribution_receipts_reversal_transaction ON contribution_receipts (reversal_transaction_id);
