-- Running totals of the journal (issue 14): each account's balance, and what contributions
-- brought in per original currency, kept by `ledger::store::insert` in the same
-- transaction as the postings it adds. The Fund's balances and every money write's cash
-- check read these few rows instead of summing every posting (a scan that grew with the
-- ledger: 0.25 s at a million postings, inside the write lock). `ledger check` verifies
-- them against the postings (`account-total-mismatch`, `currency-total-mismatch`).

-- The sum of the account's postings' `usd_minor` (debits positive, credits negative, as
-- posted) and how many postings it has.
CREATE TABLE ledger_account_totals (
    account TEXT PRIMARY KEY NOT NULL,
    usd_minor BIGINT NOT NULL,
    postings BIGINT NOT NULL
);

-- Received per original currency (a converted posting's `original_*`, otherwise its own
-- amount): the negated sums of the `contributions` account's postings, so credits count
-- as positive, and how many postings they came from.
CREATE TABLE ledger_currency_receipts (
    currency TEXT PRIMARY KEY NOT NULL,
    received_minor BIGINT NOT NULL,
    usd_minor BIGINT NOT NULL,
    postings BIGINT NOT NULL
);

INSERT INTO ledger_account_totals (account, usd_minor, postings)
SELECT account, SUM(usd_minor), COUNT(*) FROM ledger_postings GROUP BY account;

INSERT INTO ledger_currency_receipts (currency, received_minor, usd_minor, postings)
SELECT COALESCE(original_currency, currency), -SUM(COALESCE(original_minor, amount_minor)),
       -SUM(usd_minor), COUNT(*)
FROM ledger_postings WHERE account = 'contributions'
GROUP BY COALESCE(original_currency, currency);
