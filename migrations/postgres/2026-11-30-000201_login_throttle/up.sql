-- Sign-in throttling by counters, one row per account and per client address, each
-- counted in a fixed window by one atomic upsert (the old table held one row per failure,
-- checked and then counted in two steps, which concurrent attempts could race).
DROP TABLE login_failures;
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY NOT NULL,
    failures BIGINT NOT NULL,
    window_start TIMESTAMP NOT NULL
);
CREATE INDEX login_throttle_window ON login_throttle (window_start);
