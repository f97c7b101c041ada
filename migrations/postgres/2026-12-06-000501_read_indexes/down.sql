DROP INDEX applications_state;
DROP INDEX applications_call_state;
DROP INDEX ledger_transactions_reversal;
