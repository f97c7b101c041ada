CREATE UNIQUE INDEX contribution_receipts_standing_reference
    ON contribution_receipts (contribution_id, bank_reference)
    WHERE reversal_transaction_id IS NULL;
DROP INDEX grant_refunds_reversal;
DROP INDEX grant_disbursements_reversal;
