-- Board votes, declared conflicts, decisions, and the grants they award.

CREATE TABLE votes (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL,
    appointment_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    choice TEXT NOT NULL CHECK (choice IN ('approve', 'reject', 'abstain')),
    recommended_minor BIGINT,
    recommended_currency TEXT,
    comment TEXT NOT NULL,
    cast_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- Set when the trustee declares a conflict: the vote no longer counts.
    withdrawn_at TIMESTAMP,
    UNIQUE (application_id, appointment_id)
);

CREATE TABLE conflicts (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL,
    appointment_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    declared_at TIMESTAMP NOT NULL,
    UNIQUE (application_id, appointment_id)
);

CREATE TABLE decisions (
    application_id TEXT PRIMARY KEY NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('approve', 'reject')),
    -- approved, rejected, or reserve_list until money allows the award.
    status TEXT NOT NULL CHECK (status IN ('approved', 'rejected', 'reserve_list')),
    award_minor BIGINT,
    psc_minor BIGINT,
    currency TEXT NOT NULL,
    by_chair BOOLEAN NOT NULL,
    approvals INTEGER NOT NULL,
    rejections INTEGER NOT NULL,
    abstentions INTEGER NOT NULL,
    decided_at TIMESTAMP NOT NULL,
    decided_by TEXT NOT NULL,
    awarded_at TIMESTAMP,
    grant_id TEXT
);
CREATE INDEX decisions_reserve ON decisions (status, decided_at);

CREATE TABLE grants (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL UNIQUE,
    organization_id TEXT NOT NULL,
    call_id TEXT NOT NULL,
    award_minor BIGINT NOT NULL,
    psc_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    state TEXT NOT NULL,
    ledger_transaction_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX grants_organization ON grants (organization_id, created_at);
