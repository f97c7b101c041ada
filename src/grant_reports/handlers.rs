//! Grantee reports over HTTP: filing, reading and the secretariat's review.

use crate::api::{only, Allowed};
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::access::{check_visible, read_scope};
use super::actions;
use super::content::ReportRequest;
use super::grant;
use super::model::{self, ReportView};
use crate::api::Caller;
use crate::db::Db;
use crate::domain::{GrantId, GrantReportId, Text};
use crate::error::{AppError, Problem};
use crate::http::{Json, PageParams, Query};

crate::page_names!(ReportView => ReportPage);

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    pub accepted: bool,
    /// Required to return a report: what the grantee must put right.
    #[serde(default)]
    pub comments: Option<Text>,
}

async fn answer(db: &Db, id: GrantReportId) -> Result<ReportView, AppError> {
    db.read(move |conn| {
        let row = model::find_row(conn, id)?.ok_or(AppError::NotFound)?;
        model::view(conn, row)
    })
    .await
}

/// File a progress or final report on a grant of the caller's organisation (applicants
/// of the grantee; any other grant is a 404). The grant's agreement must be signed; a
/// progress report names one of its tranches; the period lies inside the grant period
/// and not in the future; money spent is in the grant's currency and at most the award.
#[utoipa::path(post, path = "/api/v1/grants/{id}/reports", tag = "grant reports", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ReportRequest,
    responses(
        (status = 201, body = ReportView, headers(("Location" = String))),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "an open (submitted or accepted) report on this tranche, or an open final report"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "no-agreement, grant-closed, report-tranche-required, report-tranche-out-of-range, report-period, report-spent-exceeds-award, report-spent-exceeds-paid, currency-mismatch"),
    ))]
pub async fn file(
    caller: Allowed<only::Applicant>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    body: Json<ReportRequest>,
) -> Result<HttpResponse, AppError> {
    let organization = caller.organization_id().ok_or(AppError::Forbidden)?;
    let report = body.into_inner();
    report.check_shape()?;
    let (grant, user) = (id.into_inner(), caller.id());
    let id = db
        .write(caller.actor(), move |tx| {
            actions::file(tx, organization, user, grant, report)
        })
        .await?;
    let view = answer(&db, id).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/reports/{id}")))
        .json(view))
}

/// A grant's reports, newest first, every version (returned ones included).
#[utoipa::path(get, path = "/api/v1/grants/{id}/reports", tag = "grant reports", security(("bearer" = [])),
    params(("id" = Uuid, Path), PageParams),
    responses((status = 200, body = ReportPage)))]
pub async fn list(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let scope = read_scope(&caller)?;
    let page = page.request()?;
    let grant_id = id.into_inner();
    let page = db
        .read(move |conn| {
            let grant = grant::find(conn, grant_id)?.ok_or(AppError::NotFound)?;
            check_visible(scope, grant.organization_id)?;
            model::list(conn, grant_id, page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One report.
#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "grant reports", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ReportView)))]
pub async fn get(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<GrantReportId>,
) -> Result<HttpResponse, AppError> {
    let scope = read_scope(&caller)?;
    let view = answer(&db, id.into_inner()).await?;
    check_visible(scope, view.organization_id)?;
    Ok(HttpResponse::Ok().json(view))
}

/// Accept or return a submitted report (returning needs `comments`). Accepting a final
/// report closes the grant.
#[utoipa::path(post, path = "/api/v1/reports/{id}/review", tag = "grant reports", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ReviewRequest,
    responses(
        (status = 200, body = ReportView),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "the report is not submitted"),
    ))]
pub async fn review(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<GrantReportId>,
    body: Json<ReviewRequest>,
) -> Result<HttpResponse, AppError> {
    let ReviewRequest { accepted, comments } = body.into_inner();
    if !accepted && comments.is_none() {
        return Err(AppError::bad_field(
            "comments",
            "say why the report is returned",
        ));
    }
    let (id, reviewer) = (id.into_inner(), caller.id());
    db.write(caller.actor(), move |tx| {
        actions::review(tx, reviewer, id, accepted, comments)
    })
    .await?;
    Ok(HttpResponse::Ok().json(answer(&db, id).await?))
}
