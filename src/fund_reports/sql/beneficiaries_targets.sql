-- One row per grant awarded in [$1, $2): its application's targets (a JSON list).
SELECT ap.beneficiaries AS beneficiaries
FROM grants g JOIN applications ap ON ap.id = g.application_id
WHERE g.created_at >= $1 AND g.created_at < $2
