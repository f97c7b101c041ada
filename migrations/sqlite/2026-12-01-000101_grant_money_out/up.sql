-- Money out (issue 11): a grant's agreement and tranche schedule, the disbursements and
-- refunds recorded against it, and its closure. Rows are never edited except to record a
-- reversal (the ledger entry that undid them) and, on the grant, its closure.

CREATE TABLE grant_agreements (
    grant_id TEXT PRIMARY KEY NOT NULL REFERENCES grants (id),
    signed_on DATE NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    signed_by TEXT,
    created_at TIMESTAMP NOT NULL
);

-- The schedule: amounts add up to the award; `psc_minor` is the tranche's part of the
-- programme support cost committed at award, fixed at signature (parts add up to it).
CREATE TABLE grant_tranches (
    grant_id TEXT NOT NULL REFERENCES grants (id),
    number INTEGER NOT NULL CHECK (number > 0),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    psc_minor BIGINT NOT NULL CHECK (psc_minor >= 0),
    due_on DATE NOT NULL,
    PRIMARY KEY (grant_id, number)
);

-- `seq` orders a grant's disbursements (and, separately, its refunds): 1, 2, 3, …
CREATE TABLE grant_disbursements (
    id TEXT PRIMARY KEY NOT NULL,
    grant_id TEXT NOT NULL REFERENCES grants (id),
    seq INTEGER NOT NULL,
    tranche INTEGER NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    psc_minor BIGINT NOT NULL CHECK (psc_minor >= 0),
    currency TEXT NOT NULL,
    value_date DATE NOT NULL,
    payment_reference TEXT NOT NULL,
    ledger_transaction_id TEXT NOT NULL UNIQUE,
    reversal_transaction_id TEXT UNIQUE,
    created_by TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (grant_id, seq)
);

CREATE TABLE grant_refunds (
    id TEXT PRIMARY KEY NOT NULL,
    grant_id TEXT NOT NULL REFERENCES grants (id),
    seq INTEGER NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    psc_minor BIGINT NOT NULL CHECK (psc_minor >= 0),
    currency TEXT NOT NULL,
    received_on DATE NOT NULL,
    bank_reference TEXT NOT NULL,
    reason TEXT NOT NULL,
    ledger_transaction_id TEXT NOT NULL UNIQUE,
    reversal_transaction_id TEXT UNIQUE,
    created_by TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (grant_id, seq)
);

-- Closure: when, and the ledger entry that released the unpaid commitment (none when
-- nothing was left to release).
ALTER TABLE grants ADD COLUMN closed_at TIMESTAMP;
ALTER TABLE grants ADD COLUMN release_transaction_id TEXT;
