//! The JSON API: the HTTP face of every feature. Each operation is one handler, declared
//! once beside it (path and method in its actix attribute, `operationId`, answers and
//! documentation in `#[utoipa::path]`, the roles it is open to in its `Allowed<…>`
//! argument); the app and the published document are both built from those declarations
//! (`configure`). A handler parses, lets the gate decide who calls, runs one use case of
//! its feature in one blocking call (the account check included, see [`Caller`]), and
//! answers from what that call returned.
//!
//! Below this face are the features' cores, which know nothing of HTTP; above it only
//! the app (`crate::startup`).

pub mod applications;
pub mod audit;
pub mod auth;
pub mod board;
mod caller;
pub mod calls;
pub mod contributions;
pub mod documents;
pub mod exchange_rates;
pub mod exports;
mod fallback;
pub mod fund;
pub mod fund_reports;
mod gate;
pub mod grant_reports;
pub mod grants;
pub mod ledger;
pub mod ledger_owners;
pub mod ledger_periods;
pub mod notifications;
pub mod ops;
pub mod organizations;
pub mod public;
pub mod statements;
pub mod users;
pub mod voting;

pub use caller::{carries_valid_token, request_id, Caller};
pub use fallback::KnownPaths;
pub use gate::{only, Allowed, Public, Roles};

use utoipa_actix_web::service_config::ServiceConfig;

/// Every operation the API publishes, feature by feature.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(ops::configure);
    cfg.configure(auth::configure);
    cfg.configure(users::configure);
    cfg.configure(audit::configure);
    cfg.configure(organizations::configure);
    cfg.configure(fund::configure);
    cfg.configure(applications::configure);
    cfg.configure(voting::configure);
    cfg.configure(grants::configure);
    // Before the grantee reports: `/api/v1/reports/geography` and the others are the
    // Fund's, and must match before `/api/v1/reports/{id}` would take their names for ids.
    cfg.configure(fund_reports::configure);
    cfg.configure(grant_reports::configure);
    cfg.configure(ledger::configure);
    cfg.configure(ledger_owners::configure);
    cfg.configure(statements::configure);
    cfg.configure(ledger_periods::configure);
    cfg.configure(contributions::configure);
    cfg.configure(exchange_rates::configure);
    cfg.configure(exports::configure);
    cfg.configure(board::configure);
    cfg.configure(calls::configure);
    cfg.configure(notifications::configure);
    cfg.configure(documents::configure);
    cfg.configure(public::configure);
}
