//! One integration-test binary: every test drives the service through its HTTP API, on
//! SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

mod helpers;

mod audit;
mod auth;
mod errors;
mod fund;
mod ops;
mod users;
mod organizations;
mod calls;
mod applications;
mod applications_rules;
mod applications_access;
