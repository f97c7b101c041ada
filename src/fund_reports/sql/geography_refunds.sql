-- Refunds standing (not reversed) received in [$1, $2] per grantee country.
SELECT o.country AS country, COUNT(*) AS n,
       CAST(SUM(r.amount_minor) AS BIGINT) AS a, CAST(SUM(r.psc_minor) AS BIGINT) AS b
FROM grant_refunds r JOIN grants g ON g.id = r.grant_id
     JOIN organizations o ON o.id = g.organization_id
WHERE r.reversal_transaction_id IS NULL
  AND r.received_on >= $1 AND r.received_on <= $2
GROUP BY o.country
