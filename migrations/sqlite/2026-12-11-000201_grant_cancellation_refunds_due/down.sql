DROP TABLE grant_cancellations;
ALTER TABLE grants DROP COLUMN written_off_minor;
ALTER TABLE grants DROP COLUMN refund_due_minor;
ALTER TABLE grants DROP COLUMN accounted_spent_minor;
