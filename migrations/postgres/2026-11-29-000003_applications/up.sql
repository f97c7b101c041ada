-- Organisations, calls for proposals, grant applications and their state history.

CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    legal_name TEXT NOT NULL,
    org_type TEXT NOT NULL CHECK (org_type IN ('ngo', 'governmental', 'intergovernmental')),
    country TEXT NOT NULL,
    registered_on DATE NOT NULL,
    -- The UN Partner Portal id: one organisation per id.
    unpp_id TEXT NOT NULL UNIQUE,
    bank_account_holder TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'verified', 'refused')),
    state_reason TEXT,
    decided_by TEXT,
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX organizations_created ON organizations (created_at DESC, id DESC);

-- Money in USD minor units; lists as JSON text.
CREATE TABLE calls (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    currency TEXT NOT NULL,
    envelope_minor BIGINT NOT NULL,
    min_grant_minor BIGINT NOT NULL,
    max_grant_minor BIGINT NOT NULL,
    max_duration_months INTEGER NOT NULL,
    eligible_org_types TEXT NOT NULL,
    priority_groups TEXT NOT NULL,
    priority_exploitation TEXT NOT NULL,
    created_by TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX calls_created ON calls (created_at DESC, id DESC);

CREATE TABLE applications (
    id TEXT PRIMARY KEY NOT NULL,
    call_id TEXT NOT NULL REFERENCES calls (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    countries TEXT NOT NULL,
    beneficiaries TEXT NOT NULL,
    exploitation TEXT NOT NULL,
    aid_types TEXT NOT NULL,
    currency TEXT NOT NULL,
    requested_minor BIGINT NOT NULL,
    duration_months INTEGER NOT NULL,
    budget_lines TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'screening', 'ineligible', 'under_review', 'approved', 'rejected', 'reserve_list', 'withdrawn')),
    screening_reasons TEXT,
    created_by TEXT NOT NULL,
    submitted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX applications_created ON applications (created_at DESC, id DESC);
CREATE INDEX applications_org_call ON applications (organization_id, call_id);

-- Every move of an application: who, when, from, to and why. Append-only.
CREATE TABLE application_transitions (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    actor_id TEXT,
    actor_role TEXT,
    reason TEXT,
    occurred_at TIMESTAMP NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX application_transitions_app ON application_transitions (application_id, seq);
