CREATE UNIQUE INDEX contribution_receipts_standing_reference
    ON contribution_receipts (contribution_id, bank_reference)
    WHERE reversal_transaction_id IS NULL;
