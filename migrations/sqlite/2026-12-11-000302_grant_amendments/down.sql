DROP TABLE grant_amendments;
ALTER TABLE grants DROP COLUMN amendment_version;
