DROP TABLE idempotency_keys;
DROP TABLE ledger_postings;
DROP TABLE ledger_transactions;
DROP TABLE contribution_receipts;
DROP TABLE contributions;
