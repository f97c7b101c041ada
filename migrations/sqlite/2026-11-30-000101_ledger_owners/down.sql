DROP INDEX contribution_receipts_bank_reference;
ALTER TABLE contribution_receipts DROP COLUMN reversal_transaction_id;
DROP INDEX ledger_transactions_owner;
UPDATE ledger_transactions SET owner_type = NULL, owner_id = NULL WHERE reverses_id IS NOT NULL;
UPDATE ledger_transactions SET owner_type = 'contribution_receipt' WHERE owner_type = 'receipt';
ALTER TABLE ledger_transactions RENAME COLUMN owner_id TO reference_id;
ALTER TABLE ledger_transactions RENAME COLUMN owner_type TO reference_type;
