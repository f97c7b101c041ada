-- A registration with an existing account's email mails its owner at most once an hour:
-- the service looks for that account's mail of the event in the last hour here, one
-- index range, however large the outbox grows.
CREATE INDEX notifications_recipient_event ON notifications (recipient_user_id, event, created_at);
