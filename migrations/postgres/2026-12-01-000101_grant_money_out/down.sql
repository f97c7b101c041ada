ALTER TABLE grants DROP COLUMN release_transaction_id;
ALTER TABLE grants DROP COLUMN closed_at;
DROP TABLE grant_refunds;
DROP TABLE grant_disbursements;
DROP TABLE grant_tranches;
DROP TABLE grant_agreements;
