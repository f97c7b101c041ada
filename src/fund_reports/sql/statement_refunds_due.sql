-- What grantees owed the Fund at the end of day $1: the refund each grant released by then
-- owes now ($2 is midnight after day $1), plus the cash its refunds brought in after day $1
-- (a refund received later was still owed then; a reversal later takes its refund back).
SELECT CAST(COALESCE(SUM(g.refund_due_minor), 0) AS BIGINT) AS owed_now,
       (SELECT CAST(COALESCE(SUM(p.usd_minor), 0) AS BIGINT)
          FROM ledger_postings p
          JOIN ledger_transactions t ON t.id = p.transaction_id
          JOIN grants r ON t.owner_type = 'grant' AND t.owner_id = r.id
         WHERE p.account = 'cash' AND t.value_date > $1
           AND (t.kind = 'refund'
                OR (t.kind = 'reversal' AND EXISTS (
                      SELECT 1 FROM ledger_transactions o
                       WHERE o.id = t.reverses_id AND o.kind = 'refund')))
           AND r.closed_at IS NOT NULL AND r.closed_at < $2) AS received_after
FROM grants g
WHERE g.closed_at IS NOT NULL AND g.closed_at < $2
