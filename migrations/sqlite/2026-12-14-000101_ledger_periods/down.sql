DROP TABLE ledger_period_balances;
DROP TABLE ledger_periods;
DROP TABLE ledger_books;
DROP INDEX ledger_transactions_value_date;
ALTER TABLE ledger_transactions DROP COLUMN value_date;
