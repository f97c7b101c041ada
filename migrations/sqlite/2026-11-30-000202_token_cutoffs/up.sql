-- When a password is changed or reset, or an account disabled, every token issued before
-- that moment stops working: the Caller refuses tokens issued before the user's cutoff.
-- Its own table, so the users table (and every query that loads a whole user row) is
-- unchanged.
CREATE TABLE token_cutoffs (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    valid_after TIMESTAMP NOT NULL
);
