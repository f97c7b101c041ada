-- Each account's balance, in USD minor units, at three cut-offs by value date: before the
-- previous period ($1), before the current period ($2), and at its end ($3, inclusive).
SELECT p.account AS account,
       CAST(COALESCE(SUM(CASE WHEN t.value_date < $1 THEN p.usd_minor ELSE 0 END), 0) AS BIGINT) AS before_previous,
       CAST(COALESCE(SUM(CASE WHEN t.value_date < $2 THEN p.usd_minor ELSE 0 END), 0) AS BIGINT) AS before_current,
       CAST(COALESCE(SUM(CASE WHEN t.value_date <= $3 THEN p.usd_minor ELSE 0 END), 0) AS BIGINT) AS at_end
FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
GROUP BY p.account
