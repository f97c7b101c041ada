-- A bank reference is unique among a grant's standing refunds (a reversed refund frees
-- it), as for a contribution's receipts: the same money returned cannot be recorded
-- twice, even by two instances at once. Recording a refund looks the reference up here.
--
-- Before this index the service accepted a repeated reference. Such a repeat, if any, is
-- kept (its money is real to the ledger) but made distinct: every standing refund after
-- the grant's first with that reference gets ` (repeat, refund #<seq>)` appended, which
-- a reader can find and reverse if it was recorded twice.
UPDATE grant_refunds
SET bank_reference = bank_reference || ' (repeat, refund #' || CAST(seq AS TEXT) || ')'
WHERE reversal_transaction_id IS NULL
  AND EXISTS (
    SELECT 1 FROM grant_refunds earlier
    WHERE earlier.grant_id = grant_refunds.grant_id
      AND earlier.bank_reference = grant_refunds.bank_reference
      AND earlier.reversal_transaction_id IS NULL
      AND earlier.seq < grant_refunds.seq
  );
CREATE UNIQUE INDEX grant_refunds_standing_reference
    ON grant_refunds (grant_id, bank_reference)
    WHERE reversal_transaction_id IS NULL;
