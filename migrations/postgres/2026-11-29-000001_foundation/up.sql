-- Accounts, the login throttle, the audit chain and the Fund.

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    -- Stored lowercased, so uniqueness holds regardless of case.
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'secretariat', 'trustee', 'finance', 'applicant', 'auditor')),
    organization_id TEXT,
    password_hash TEXT NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX users_created ON users (created_at DESC, id DESC);

-- Failed logins, kept in the database so that every instance behind a load balancer
-- sees the same count.
CREATE TABLE login_failures (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, failed_at);

-- The head of the hash chain: one row, locked by every write transaction.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    last_seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    actor_id TEXT,
    actor_role TEXT,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    changes TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id, seq);

-- The one Fund (resolution 64/293, annex para. 38). Rates are exact decimals as text.
CREATE TABLE fund (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    administrator TEXT NOT NULL,
    parent_fund TEXT NOT NULL,
    functional_currency TEXT NOT NULL,
    psc_rate TEXT NOT NULL,
    operating_reserve_rate TEXT NOT NULL,
    max_grant_minor BIGINT,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO fund (id, name, legal_basis, administrator, parent_fund, functional_currency,
                  psc_rate, operating_reserve_rate, max_grant_minor, updated_at)
VALUES (
    '6a1f3c2e-64a2-4293-9d38-000000000038',
    'United Nations Voluntary Trust Fund for Victims of Trafficking in Persons, especially Women and Children',
    'General Assembly resolution 64/293 of 30 July 2010, annex, paragraph 38',
    'United Nations Office on Drugs and Crime (UNODC)',
    'United Nations Crime Prevention and Criminal Justice Fund',
    'USD',
    '0.13',
    '0',
    NULL,
    '2010-07-30 00:00:00'
);
