-- The grantee reports accepted in [$1, $2).
SELECT COUNT(*) AS n FROM grant_reports r
WHERE r.state = 'accepted' AND r.reviewed_at >= $1 AND r.reviewed_at < $2
