-- The people reached to the instant $1, by sex, age group and form: each grant's latest
-- report accepted before $1 (its final report once accepted, else the progress report
-- accepted last), whose counts are cumulative; never the sum of a grant's reports.
SELECT b.sex AS sex, b.age_group AS age_group, b.exploitation AS exploitation,
       CAST(SUM(b.count) AS BIGINT) AS n
FROM grant_report_beneficiaries b JOIN grant_reports r ON r.id = b.report_id
WHERE r.state = 'accepted' AND r.reviewed_at < $1
  AND NOT EXISTS (
    SELECT 1 FROM grant_reports l
    WHERE l.grant_id = r.grant_id AND l.state = 'accepted' AND l.reviewed_at < $1
      AND l.id <> r.id
      AND (CASE WHEN l.kind = 'final' THEN 1 ELSE 0 END,
           l.reviewed_at, l.id) > (CASE WHEN r.kind = 'final' THEN 1 ELSE 0 END,
           r.reviewed_at, r.id))
GROUP BY b.sex, b.age_group, b.exploitation
