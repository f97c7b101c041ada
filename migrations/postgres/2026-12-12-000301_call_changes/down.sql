ALTER TABLE calls DROP COLUMN cancellation_reason;
ALTER TABLE calls DROP COLUMN cancelled_at;
ALTER TABLE calls DROP COLUMN amended_at;
ALTER TABLE calls DROP COLUMN version;
