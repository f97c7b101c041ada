-- The people reached, by sex, age group and form, in the reports accepted in [$1, $2).
SELECT b.sex AS sex, b.age_group AS age_group, b.exploitation AS exploitation,
       CAST(SUM(b.count) AS BIGINT) AS n
FROM grant_report_beneficiaries b JOIN grant_reports r ON r.id = b.report_id
WHERE r.state = 'accepted' AND r.reviewed_at >= $1 AND r.reviewed_at < $2
GROUP BY b.sex, b.age_group, b.exploitation
