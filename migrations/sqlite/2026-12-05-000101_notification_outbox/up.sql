-- The notification outbox (issue 13): every outgoing mail is a row written in the same
-- transaction as the change that causes it, so a rolled-back change leaves no mail. The
-- worker claims due rows (status `sending` with a lease in claimed_until, by one instance),
-- sends them outside that claim, then marks them `sent`, or `pending` again with a later
-- next_attempt_at (exponential backoff), or `failed` past the attempt limit. A lease that
-- runs out (an instance crashed mid-send) makes the row due again.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    recipient TEXT NOT NULL,
    recipient_user_id TEXT,
    event TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    -- Set for mail that must never be sent twice (reminders): a second enqueue is a no-op.
    dedup_key TEXT UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL CHECK (attempts >= 0),
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    claimed_by TEXT,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
-- What the worker looks for: due pending rows and expired leases.
CREATE INDEX notifications_due ON notifications (status, next_attempt_at);
-- The admin list, newest first.
CREATE INDEX notifications_created ON notifications (created_at, id);
