-- A grant's end beyond the happy path. When its unpaid commitment is released (the final
-- report accepted, or the grant cancelled) the spending the grantee accounted for is
-- kept, and what it received beyond that is a refund owed: the grant waits in `closing`
-- until refunds bring `refund_due_minor` to zero or the secretariat writes the rest off
-- (`written_off_minor`). `refund_due_minor` is kept with every refund and its reversal
-- in their transaction, so the Fund's total of refunds due is one sum; the integrity
-- check recomputes it. Grants released before this have no spending on record and owe
-- nothing on it.
ALTER TABLE grants ADD COLUMN accounted_spent_minor BIGINT;
ALTER TABLE grants ADD COLUMN refund_due_minor BIGINT NOT NULL DEFAULT 0 CHECK (refund_due_minor >= 0);
ALTER TABLE grants ADD COLUMN written_off_minor BIGINT NOT NULL DEFAULT 0 CHECK (written_off_minor >= 0);

-- A grant cancelled or terminated on a Board decision: why, and what it released.
CREATE TABLE grant_cancellations (
    grant_id TEXT PRIMARY KEY NOT NULL REFERENCES grants (id),
    reason TEXT NOT NULL,
    board_decision TEXT NOT NULL,
    released_minor BIGINT NOT NULL CHECK (released_minor >= 0),
    cancelled_by TEXT,
    cancelled_at TIMESTAMP NOT NULL
);
