-- The UN operational rates of exchange, month by month: one row per currency and the day
-- it takes effect (the 1st of its month, or a mid-month revision). A rate is stored as the
-- exact decimal text it was given, as a receipt stores its own. The rate in force on a day
-- is the latest row of that day's month taking effect on or before it; a month's table
-- never carries over into the next.
CREATE TABLE exchange_rates (
    id TEXT PRIMARY KEY NOT NULL,
    currency TEXT NOT NULL,
    effective_from DATE NOT NULL,
    rate_to_usd TEXT NOT NULL,
    recorded_by TEXT REFERENCES users (id),
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (currency, effective_from)
);

-- Why a receipt was recorded at a rate other than the one in force on its day.
ALTER TABLE contribution_receipts ADD COLUMN rate_reason TEXT;
