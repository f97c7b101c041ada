-- Pledges made in [$1, $2] per donor and currency (no USD value: a pledge has no rate).
SELECT donor_type, donor_name AS donor, pledged_currency AS currency,
       COUNT(*) AS n, CAST(SUM(pledged_minor) AS BIGINT) AS amount,
       CAST(NULL AS BIGINT) AS usd
FROM contributions
WHERE pledged_minor IS NOT NULL AND pledged_currency IS NOT NULL
  AND pledged_on >= $1 AND pledged_on <= $2
GROUP BY donor_type, donor_name, pledged_currency
