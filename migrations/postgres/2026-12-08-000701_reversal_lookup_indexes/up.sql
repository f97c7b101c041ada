-- The same index as `contribution_receipts_bank_reference` (2026-11-30-000101), made
-- twice: every receipt paid for both. (SQLite's migration of this date also adds partial
-- indexes for the export's reversal joins; PostgreSQL's planner already uses the UNIQUE
-- indexes on those columns, as it tracks their share of NULLs.)
DROP INDEX contribution_receipts_standing_reference;
