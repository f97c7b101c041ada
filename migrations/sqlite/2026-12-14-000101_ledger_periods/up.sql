-- Value dates and closed accounting periods. Every ledger entry carries the day it is
-- dated in the books (a receipt's or refund's `received_on`, a payment's `value_date`,
-- otherwise the day it was booked): periods, balances and exports follow it, and a month
-- finance has closed accepts no entry dated in it.
-- SQLite adds a NOT NULL column only with a default; every row gets its own below.
ALTER TABLE ledger_transactions ADD COLUMN value_date DATE NOT NULL DEFAULT '1970-01-01';
UPDATE ledger_transactions SET value_date = COALESCE(
    (SELECT c.received_on FROM contribution_receipts c WHERE c.ledger_transaction_id = ledger_transactions.id),
    (SELECT d.value_date FROM grant_disbursements d WHERE d.ledger_transaction_id = ledger_transactions.id),
    (SELECT r.received_on FROM grant_refunds r WHERE r.ledger_transaction_id = ledger_transactions.id),
    date(created_at));
-- The export reads a period in value-date order (posting order within a day).
CREATE INDEX ledger_transactions_value_date ON ledger_transactions (value_date, seq);

-- Where the Fund's books begin (the first day of its first month): no entry is dated
-- before it. An installation with history begins in the month of its earliest entry. An
-- empty one has none yet (no row, so an empty database stays empty for a restore): its
-- first close sets it, to the month of the earliest entry or the month closed.
-- Not the migration's current month: that is the database's clock, not the service's,
-- and a new installation may still record money received in earlier months before
-- finance closes any.
CREATE TABLE ledger_books (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    first_period DATE
);
INSERT INTO ledger_books (id, first_period)
SELECT 1, date(earliest, 'start of month')
FROM (SELECT MIN(value_date) AS earliest FROM ledger_transactions) e
WHERE earliest IS NOT NULL;

-- A closed month (keyed by its first day), who closed it and when.
CREATE TABLE ledger_periods (
    period DATE PRIMARY KEY NOT NULL,
    closed_at TIMESTAMP NOT NULL,
    closed_by TEXT REFERENCES users (id),
    -- The last entry posted when it closed.
    last_seq BIGINT NOT NULL
);

-- A closed month's closing balance per account: the sum of the USD postings of entries
-- dated on or before its last day (debits positive, credits negative), as recorded at the
-- close. Nothing can be dated in a closed month afterwards, so they never change.
CREATE TABLE ledger_period_balances (
    period DATE NOT NULL REFERENCES ledger_periods (period),
    account TEXT NOT NULL,
    usd_minor BIGINT NOT NULL,
    PRIMARY KEY (period, account)
);
