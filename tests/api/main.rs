//! One integration-test binary: every test drives the service through its HTTP API, on
//! SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

// Integration tests are tests: a panic is a failed assertion (clippy.toml allows these in
// #[test] functions, not in the helpers they call).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;
mod support;

mod abuse_anonymous;
mod abuse_flood;
mod abuse_login;
mod applications;
mod applications_access;
mod applications_rules;
mod audit;
mod audit_checkpoints;
mod auth;
mod authz_matrix;
mod bench;
mod beneficiaries_once;
mod board;
mod board_access;
mod board_chair;
mod board_terms;
mod calendar;
mod calls;
mod calls_changes;
mod contract;
mod contributions;
mod contributions_receipts;
mod csv_injection;
mod dates_edges;
mod dossier;
mod emails;
mod errors;
mod exports;
mod exports_iati;
mod exports_lane;
mod exports_plans;
mod forbidden_characters;
mod fund;
mod fund_reports;
mod fund_reports_more;
mod grant_amendments;
mod grant_budget;
mod grant_reports;
mod grants_cancel;
mod hostile;
mod integrity_snapshots;
mod ledger;
mod ledger_owners;
mod mail_headers;
mod money_bounds;
mod money_out;
mod money_out_properties;
mod notifications;
mod notifications_events;
mod ops;
mod organizations;
mod organizations_profile;
mod outage;
mod payment_references;
mod psc_credits;
mod refund_references;
mod registration_privacy;
mod report_gate;
mod schema_drift;
mod screening_checklist;
mod settings_bounds;
mod text_fields;
mod transition_reasons;
mod users;
mod vote_queue;
mod vote_secrecy;
mod voting;
mod voting_guards;
