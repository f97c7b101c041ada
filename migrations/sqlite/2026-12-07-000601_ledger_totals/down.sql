DROP TABLE ledger_currency_receipts;
DROP TABLE ledger_account_totals;
