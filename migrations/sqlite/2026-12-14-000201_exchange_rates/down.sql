ALTER TABLE contribution_receipts DROP COLUMN rate_reason;
DROP TABLE exchange_rates;
