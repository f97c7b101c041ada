//! One integration-test binary: every test drives the service through its HTTP API, on
//! SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

mod helpers;

mod applications;
mod applications_access;
mod applications_rules;
mod audit;
mod auth;
mod board;
mod board_access;
mod calls;
mod contributions;
mod contributions_receipts;
mod errors;
mod fund;
mod hostile;
mod ledger;
mod ledger_owners;
mod money_bounds;
mod ops;
mod organizations;
mod users;
mod voting;
