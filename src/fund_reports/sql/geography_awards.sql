-- Grants awarded in [$1, $2) per grantee country: how many, their awards, their PSC.
SELECT o.country AS country, COUNT(*) AS n,
       CAST(SUM(g.award_minor) AS BIGINT) AS a, CAST(SUM(g.psc_minor) AS BIGINT) AS b
FROM grants g JOIN organizations o ON o.id = g.organization_id
WHERE g.created_at >= $1 AND g.created_at < $2
GROUP BY o.country
