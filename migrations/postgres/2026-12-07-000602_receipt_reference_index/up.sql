-- A bank reference is unique among a contribution's standing receipts (a reversed receipt
-- frees it). Recording a receipt looks the reference up here, one index entry, instead of
-- loading every receipt of the contribution (issue 14); the index also makes the rule
-- hold in the database itself. The service has always refused a duplicate, so existing
-- data satisfies it.
CREATE UNIQUE INDEX contribution_receipts_standing_reference
    ON contribution_receipts (contribution_id, bank_reference)
    WHERE reversal_transaction_id IS NULL;
