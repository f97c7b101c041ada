-- Calls may change before their deadline and may be cancelled. `version` is the number of
-- changes a call has had: a change moves it from n to n + 1 in an UPDATE that names n, so
-- two changes read at the same version can never both apply. `cancelled_at` is stored
-- (a cancelled call is cancelled whatever its dates say), with its reason.
ALTER TABLE calls ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN amended_at TIMESTAMP;
ALTER TABLE calls ADD COLUMN cancelled_at TIMESTAMP;
ALTER TABLE calls ADD COLUMN cancellation_reason TEXT;
