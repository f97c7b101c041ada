-- Every ledger entry names the business object that owns it (a receipt, a grant); only
-- that object's feature may reverse it. The old free-form reference becomes the owner.
ALTER TABLE ledger_transactions RENAME COLUMN reference_type TO owner_type;
ALTER TABLE ledger_transactions RENAME COLUMN reference_id TO owner_id;
UPDATE ledger_transactions SET owner_type = 'receipt' WHERE owner_type = 'contribution_receipt';
-- A reversal belongs to the owner of the entry it undoes.
UPDATE ledger_transactions
SET owner_type = (SELECT o.owner_type FROM ledger_transactions o WHERE o.id = ledger_transactions.reverses_id),
    owner_id = (SELECT o.owner_id FROM ledger_transactions o WHERE o.id = ledger_transactions.reverses_id)
WHERE reverses_id IS NOT NULL;
CREATE INDEX ledger_transactions_owner ON ledger_transactions (owner_type, owner_id);

-- A receipt records its own reversal (set by contributions when it reverses the entry).
-- No foreign key on SQLite: a column added with one can never be dropped again (down.sql);
-- `ledger check` verifies it names the reversal of the receipt's entry.
ALTER TABLE contribution_receipts ADD COLUMN reversal_transaction_id TEXT;
UPDATE contribution_receipts
SET reversal_transaction_id = (SELECT r.id FROM ledger_transactions r WHERE r.reverses_id = contribution_receipts.ledger_transaction_id);

-- A bank reference is unique among a contribution's standing receipts. Earlier duplicates
-- (recorded before this rule) keep their money; the later one's reference says so.
UPDATE contribution_receipts
SET bank_reference = bank_reference || ' (duplicate, receipt ' || id || ')'
WHERE reversal_transaction_id IS NULL AND EXISTS (
    SELECT 1 FROM contribution_receipts e
    WHERE e.contribution_id = contribution_receipts.contribution_id
      AND e.bank_reference = contribution_receipts.bank_reference
      AND e.reversal_transaction_id IS NULL
      AND (e.created_at < contribution_receipts.created_at
           OR (e.created_at = contribution_receipts.created_at AND e.id < contribution_receipts.id))
);
CREATE UNIQUE INDEX contribution_receipts_bank_reference
    ON contribution_receipts (contribution_id, bank_reference)
    WHERE reversal_transaction_id IS NULL;
