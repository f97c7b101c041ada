-- Amendments to a grant: each a numbered version (1, 2, …) with its kind, reason, the
-- Board decision it rests on, what it changed (before and after, as JSON text), and the
-- ledger entry of an award change. `grants.amendment_version` is the version the grant
-- stands at: an amendment moves it from n to n + 1 in an UPDATE that names n, so two
-- amendments of one version can never both apply, whatever instance writes them.
ALTER TABLE grants ADD COLUMN amendment_version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE grant_amendments (
    id TEXT PRIMARY KEY NOT NULL,
    grant_id TEXT NOT NULL REFERENCES grants (id),
    version INTEGER NOT NULL CHECK (version > 0),
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    board_decision TEXT,
    changes TEXT NOT NULL,
    ledger_transaction_id TEXT UNIQUE,
    created_by TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (grant_id, version)
);
