-- Payments standing (not reversed) with a value date in [$1, $2] per grantee country.
SELECT o.country AS country, COUNT(*) AS n,
       CAST(SUM(d.amount_minor) AS BIGINT) AS a, CAST(SUM(d.psc_minor) AS BIGINT) AS b
FROM grant_disbursements d JOIN grants g ON g.id = d.grant_id
     JOIN organizations o ON o.id = g.organization_id
WHERE d.reversal_transaction_id IS NULL
  AND d.value_date >= $1 AND d.value_date <= $2
GROUP BY o.country
