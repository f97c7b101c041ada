//! Grantee reports over HTTP: filing (`POST /api/v1/grants/{id}/reports`), reading
//! (`GET …/reports`, `GET /api/v1/reports/{id}`) and the secretariat's review
//! (`POST /api/v1/reports/{id}/review`).
//!
//! `/api/v1/reports/{id}` shares its prefix with the Fund's own reports
//! (`/api/v1/reports/geography`, …): `crate::api::configure` registers those first, so
//! their names are never taken for an id, and any other segment reaches these handlers
//! (a 404 when it is not a report's id).

use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::config::GrantSettings;
use crate::db::Db;
use crate::domain::{GrantId, GrantReportId, Text};
use crate::error::{AppError, Problem};
use crate::grant_reports::{
    self, BeneficiaryCount, FileReport, ListReports, NewReport, ReportKind, ReportView, Review,
    SpentLine,
};
use crate::http::{Json, PageParams, Query};

crate::page_names!(ReportView => ReportPage);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(file_grant_report)
        .service(list_grant_reports)
        .service(get_grant_report)
        .service(review_grant_report);
}

/// A report as filed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    pub kind: ReportKind,
    /// The tranche reported on: required for a progress report; a final report may name
    /// the last tranche it covers.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 12)]
    pub tranche: Option<i32>,
    #[serde(deserialize_with = "crate::domain::date")]
    pub period_start: NaiveDate,
    /// On or after `period_start`, and not in the future.
    #[serde(deserialize_with = "crate::domain::date")]
    pub period_end: NaiveDate,
    /// At least one line; each sex, age group and form of exploitation at most once.
    /// Cumulative: the people assisted under the grant from its start to `period_end`
    /// (a progress report's figures to date; the final report's, the grant's totals),
    /// each group at least as many as in the grant's latest accepted report.
    #[schema(min_items = 1)]
    pub beneficiaries: Vec<BeneficiaryCount>,
    /// At least one line, labels distinct, amounts not negative.
    #[schema(min_items = 1)]
    pub spent: Vec<SpentLine>,
    pub narrative: Text,
}

impl From<ReportRequest> for NewReport {
    fn from(r: ReportRequest) -> NewReport {
        NewReport {
            kind: r.kind,
            tranche: r.tranche,
            period_start: r.period_start,
            period_end: r.period_end,
            beneficiaries: r.beneficiaries,
            spent: r.spent,
            narrative: r.narrative,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    pub accepted: bool,
    /// Required to return a report: what the grantee must put right.
    #[serde(default)]
    pub comments: Option<Text>,
}

/// File a progress or final report on a grant of the caller's organisation (applicants
/// of the grantee; any other grant is a 404). The grant's agreement must be signed; a
/// progress report names one of its tranches; the period lies inside the grant period
/// and not in the future; money spent is in the grant's currency and at most the award.
///
/// Rules the schema cannot state: The agreement is signed (`no-agreement`) and the grant
/// open (`grant-closed`); a progress report names its tranche (`report-tranche-required`),
/// within the schedule (`report-tranche-out-of-range`); the period runs forwards, within
/// the grant period and not into the future (`report-period`); money spent in the grant's
/// currency, at most the award (`report-spent-exceeds-award`) and at most what the
/// grantee received, disbursed net of refunds (`report-spent-exceeds-paid`); each sex,
/// age group and form of exploitation and each budget label at most once; each label a
/// line of the grant's budget (`unknown-budget-line`), none spent, with the accepted
/// reports, beyond its budget plus the configured share (`budget-line-overspent`: a
/// budget revision comes first); beneficiaries are cumulative, each group at least
/// as many as in the grant's latest accepted report (`report-beneficiaries-decreased`);
/// one open report per tranche (409).
#[utoipa::path(tag = "grant reports", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ReportRequest,
    responses(
        (status = 201, body = ReportView, headers(("Location" = String))),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "an open (submitted or accepted) report on this tranche, or an open final report"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "no-agreement, grant-closed, report-tranche-required, report-tranche-out-of-range, report-period, report-spent-exceeds-award, report-spent-exceeds-paid, currency-mismatch, unknown-budget-line, budget-line-overspent, report-beneficiaries-decreased"),
    ),
    operation_id = "file_grant_report")]
#[post("/api/v1/grants/{id}/reports")]
async fn file_grant_report(
    caller: Allowed<only::Applicant>,
    db: web::Data<Db>,
    grants: web::Data<GrantSettings>,
    id: web::Path<GrantId>,
    body: Json<ReportRequest>,
) -> Result<HttpResponse, AppError> {
    let command = FileReport {
        grant: id.into_inner(),
        report: body.into_inner().into(),
        overspend_share: grants.budget_line_overspend_share,
    };
    let filed = caller
        .write(&db, move |tx| grant_reports::file(tx, command))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/reports/{}", filed.id)))
        .json(filed))
}

/// A grant's reports, newest first, every version (returned ones included).
#[utoipa::path(tag = "grant reports", security(("bearer" = [])),
    params(("id" = Uuid, Path), PageParams),
    responses((status = 200, body = ReportPage)),
    operation_id = "list_grant_reports")]
#[get("/api/v1/grants/{id}/reports")]
async fn list_grant_reports(
    caller: Allowed<only::StaffOrApplicant>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let query = ListReports {
        grant: id.into_inner(),
        page: page.request()?,
    };
    let page = caller
        .read(&db, move |conn, actor| {
            grant_reports::list_reports(conn, actor, query)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One report.
#[utoipa::path(tag = "grant reports", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ReportView)),
    operation_id = "get_grant_report")]
#[get("/api/v1/reports/{id}")]
async fn get_grant_report(
    caller: Allowed<only::StaffOrApplicant>,
    db: web::Data<Db>,
    id: web::Path<GrantReportId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let report = caller
        .read(&db, move |conn, actor| {
            grant_reports::show_report(conn, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(report))
}

/// Accept or return a submitted report (returning needs `comments`). Accepting a final
/// report closes the grant.
///
/// Rules the schema cannot state: `comments` are required to return a report (`accepted`
/// false); only a submitted report can be reviewed (409); a report is accepted only if
/// its cumulative counts are not below the grant's latest accepted report's, group by
/// group (`report-beneficiaries-decreased`: return it for correction instead); a final
/// report is accepted only with a current `financial_statement` document beside it
/// (`documents-missing`, field `documents`: the grant is closed on that statement);
/// returning a report needs no document.
#[utoipa::path(tag = "grant reports", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ReviewRequest,
    responses(
        (status = 200, body = ReportView),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "the report is not submitted"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "report-beneficiaries-decreased, documents-missing"),
    ),
    operation_id = "review_grant_report")]
#[post("/api/v1/reports/{id}/review")]
async fn review_grant_report(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<GrantReportId>,
    body: Json<ReviewRequest>,
) -> Result<HttpResponse, AppError> {
    let ReviewRequest { accepted, comments } = body.into_inner();
    let command = Review {
        report: id.into_inner(),
        accepted,
        comments,
    };
    let reviewed = caller
        .write(&db, move |tx| grant_reports::review(tx, command))
        .await?;
    Ok(HttpResponse::Ok().json(reviewed))
}
