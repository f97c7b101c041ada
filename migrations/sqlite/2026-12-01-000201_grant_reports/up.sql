-- Grantee reports (DOMAIN.md, "Reports from grantees"): progress reports on a tranche and
-- the final report, each with beneficiaries assisted as counts (never a person) and money
-- spent by budget line. A returned report stays as it was; filing again adds a new row
-- (the next version), so the history of what was filed and said is kept.

CREATE TABLE grant_reports (
    id TEXT PRIMARY KEY NOT NULL,
    grant_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('progress', 'final')),
    -- The tranche reported on: required for progress reports, optional for the final one.
    tranche INTEGER CHECK (tranche IS NULL OR tranche >= 1),
    -- 1 for the first filing of this kind and tranche, one more for each refiling.
    version INTEGER NOT NULL CHECK (version >= 1),
    state TEXT NOT NULL CHECK (state IN ('submitted', 'accepted', 'returned')),
    period_start DATE NOT NULL,
    period_end DATE NOT NULL CHECK (period_start <= period_end),
    currency TEXT NOT NULL,
    spent_minor BIGINT NOT NULL CHECK (spent_minor >= 0),
    beneficiaries_total BIGINT NOT NULL CHECK (beneficiaries_total >= 0),
    narrative TEXT NOT NULL,
    filed_by TEXT NOT NULL,
    filed_at TIMESTAMP NOT NULL,
    reviewed_by TEXT,
    reviewed_at TIMESTAMP,
    review_comments TEXT
);
CREATE INDEX grant_reports_grant ON grant_reports (grant_id, filed_at);
CREATE UNIQUE INDEX grant_reports_version
    ON grant_reports (grant_id, kind, COALESCE(tranche, 0), version);
-- At most one open (submitted or accepted) report per grant, kind and tranche, whatever
-- the concurrency; a returned one frees the place for the next version.
CREATE UNIQUE INDEX grant_reports_one_open
    ON grant_reports (grant_id, kind, COALESCE(tranche, 0))
    WHERE state <> 'returned';

CREATE TABLE grant_report_beneficiaries (
    report_id TEXT NOT NULL REFERENCES grant_reports (id),
    line INTEGER NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other')),
    age_group TEXT NOT NULL CHECK (age_group IN ('child', 'adult')),
    exploitation TEXT NOT NULL,
    count BIGINT NOT NULL CHECK (count >= 0),
    PRIMARY KEY (report_id, line),
    UNIQUE (report_id, sex, age_group, exploitation)
);

CREATE TABLE grant_report_spending (
    report_id TEXT NOT NULL REFERENCES grant_reports (id),
    line INTEGER NOT NULL,
    label TEXT NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency TEXT NOT NULL,
    PRIMARY KEY (report_id, line)
);
