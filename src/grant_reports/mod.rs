//! Grantee reports (DOMAIN.md, "Reports from grantees"): the grantee's applicants file
//! progress reports on each tranche and a final report; the secretariat accepts or returns
//! them. Beneficiaries are counts by sex, age group and form of exploitation, never a
//! person. A returned report is kept as it was and filed again as a new version.
//!
//! Other features ask one question of this one: [`accepted_through`], whether every
//! tranche up to `n` has an accepted report (a later tranche is paid only then).

mod access;
mod actions;
mod content;
mod gate;
mod grant;
mod handlers;
mod model;
mod notices;
pub mod reminders;
mod rules;
mod state;

use actix_web::web;
use utoipa::OpenApi;

pub use actions::{file, review};
pub use content::{BeneficiaryCount, ReportRequest, SpentLine};
pub use gate::accepted_through;
pub use model::{count_for_grant, ReportView, ReviewView};
pub use state::{ReportKind, ReportState};

/// A report id in a path: a UUID, so that the Fund's own reports (`/api/v1/reports/
/// geography`, …) can share the prefix without being taken for an id.
const REPORT: &str = "/api/v1/reports/{id:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/grants/{id}/reports")
            .route(web::get().to(handlers::list))
            .route(web::post().to(handlers::file)),
    )
    .service(web::resource(REPORT).route(web::get().to(handlers::get)))
    .service(web::resource(format!("{REPORT}/review")).route(web::post().to(handlers::review)));
}

#[derive(OpenApi)]
#[openapi(
    paths(handlers::file, handlers::list, handlers::get, handlers::review),
    components(schemas(
        ReportRequest,
        ReportView,
        ReviewView,
        BeneficiaryCount,
        SpentLine,
        ReportKind,
        ReportState,
        handlers::ReviewRequest,
        handlers::ReportPage
    ))
)]
pub struct GrantReportsApi;
