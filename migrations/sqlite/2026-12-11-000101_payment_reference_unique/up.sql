-- A payment reference is unique among the Fund's standing disbursements, on every grant
-- (a reversed payment frees it): the same bank payment cannot be recorded twice, even by
-- two instances at once. Paying a tranche looks the reference up here.
--
-- Before this index the service accepted a repeated reference. Such a repeat, if any, is
-- kept (its money is real to the ledger) but made distinct: every standing disbursement
-- after the first with that reference (by time recorded, then id) gets
-- ` (repeat, disbursement <id>)` appended, which a reader can find and reverse if it was
-- recorded twice.
UPDATE grant_disbursements
SET payment_reference = payment_reference || ' (repeat, disbursement ' || id || ')'
WHERE reversal_transaction_id IS NULL
  AND EXISTS (
    SELECT 1 FROM grant_disbursements earlier
    WHERE earlier.payment_reference = grant_disbursements.payment_reference
      AND earlier.reversal_transaction_id IS NULL
      AND (earlier.created_at < grant_disbursements.created_at
           OR (earlier.created_at = grant_disbursements.created_at
               AND earlier.id < grant_disbursements.id))
  );
CREATE UNIQUE INDEX grant_disbursements_standing_reference
    ON grant_disbursements (payment_reference)
    WHERE reversal_transaction_id IS NULL;
