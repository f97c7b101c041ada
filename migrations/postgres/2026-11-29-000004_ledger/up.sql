-- Money in: contributions and their receipts, the double-entry ledger, idempotency keys.

CREATE TABLE contributions (
    id TEXT PRIMARY KEY NOT NULL,
    donor_name TEXT NOT NULL,
    donor_type TEXT NOT NULL CHECK (donor_type IN ('member_state', 'public', 'private_sector', 'individual', 'intergovernmental')),
    donor_country TEXT,
    -- The pledge, if any: minor units in the pledge's currency.
    pledged_minor BIGINT,
    pledged_currency TEXT,
    pledged_on DATE NOT NULL,
    created_by TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX contributions_created ON contributions (created_at DESC, id DESC);

-- Money received, never edited: a wrong receipt is undone by reversing its ledger entry.
CREATE TABLE contribution_receipts (
    id TEXT PRIMARY KEY NOT NULL,
    contribution_id TEXT NOT NULL REFERENCES contributions (id),
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    rate_to_usd TEXT NOT NULL,
    usd_minor BIGINT NOT NULL,
    received_on DATE NOT NULL,
    bank_reference TEXT NOT NULL,
    ledger_transaction_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX contribution_receipts_contribution ON contribution_receipts (contribution_id);

-- The journal. Append-only; `seq` is the posting order; a reversal names what it undoes,
-- and the unique index makes "reversed at most once" hold even against a racing writer.
CREATE TABLE ledger_transactions (
    id TEXT PRIMARY KEY NOT NULL,
    seq BIGINT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    memo TEXT NOT NULL,
    reference_type TEXT,
    reference_id TEXT,
    reverses_id TEXT UNIQUE REFERENCES ledger_transactions (id),
    created_by TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX ledger_transactions_created ON ledger_transactions (created_at);

CREATE TABLE ledger_postings (
    id TEXT PRIMARY KEY NOT NULL,
    transaction_id TEXT NOT NULL REFERENCES ledger_transactions (id),
    line INTEGER NOT NULL,
    account TEXT NOT NULL,
    party_id TEXT,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    usd_minor BIGINT NOT NULL,
    -- Memo: the original amount and rate behind a converted USD posting.
    original_minor BIGINT,
    original_currency TEXT,
    rate_to_usd TEXT,
    UNIQUE (transaction_id, line)
);
CREATE INDEX ledger_postings_account ON ledger_postings (account, party_id);

-- Answers to money-moving requests, replayed for a retry with the same key and body.
CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
