-- Receipts standing (not reversed) dated in [$1, $2] per donor and currency received.
SELECT c.donor_type AS donor_type, c.donor_name AS donor, r.currency AS currency,
       COUNT(*) AS n, CAST(SUM(r.amount_minor) AS BIGINT) AS amount,
       CAST(SUM(r.usd_minor) AS BIGINT) AS usd
FROM contribution_receipts r JOIN contributions c ON c.id = r.contribution_id
WHERE r.reversal_transaction_id IS NULL
  AND r.received_on >= $1 AND r.received_on <= $2
GROUP BY c.donor_type, c.donor_name, r.currency
