//! The Fund's open data, `GET /api/v1/public/{summary,grants,contributions,beneficiaries}`:
//! anyone may read them, signed in or not (anonymous callers within the per-address rate
//! limit). Answered from the instance's snapshot of the public figures
//! (`crate::transparency::Snapshot`), so they may lag a change by a few seconds.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::fund_reports::Format;
use super::Public;
use crate::db::Db;
use crate::error::AppError;
use crate::fund_reports::{self, Tabular};
use crate::http::Query;
use crate::transparency::figures::{
    PublicBeneficiaries, PublicContributions, PublicGrants, PublicSummary,
};
use crate::transparency::Snapshot;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_public_figures)
        .service(get_public_grants)
        .service(get_public_contributions)
        .service(get_public_beneficiaries);
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PublicQuery {
    /// `json` (the default) or `csv`. In CSV, text that starts with `=`, `+`, `-`, `@`,
    /// tab or carriage return gets a leading `'`; counts of people are a number,
    /// `fewer_than_5` or `withheld`.
    #[serde(default)]
    #[param(inline)]
    pub format: Format,
}

/// How long a cache in front of the service may keep an answer: the snapshot's own lag.
const MAX_AGE: &str = "public, max-age=5";

fn respond<R: Serialize + Tabular>(
    answer: &R,
    name: &str,
    as_of: chrono::NaiveDate,
    format: Format,
) -> Result<HttpResponse, AppError> {
    match format {
        Format::Json => Ok(HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, MAX_AGE))
            .json(answer)),
        Format::Csv => Ok(HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, MAX_AGE))
            .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"trustfund-public-{name}-{as_of}.csv\""),
            ))
            .body(fund_reports::csv(answer)?)),
    }
}

/// The Fund in figures, for anyone: contributions received, grants awarded and paid,
/// commitments outstanding (the ledger's own totals, in USD), people reached and the Board
/// today (names and regional groups). JSON, or CSV with `format=csv`.
#[utoipa::path(tag = "public",
    params(PublicQuery),
    responses((status = 200, content((PublicSummary = "application/json"), (String = "text/csv")),
        description = "The figures; with `format=csv`, one row per figure, trustee and regional group")),
    operation_id = "get_public_figures")]
#[get("/api/v1/public/summary")]
async fn get_public_figures(
    _anyone: Public,
    db: web::Data<Db>,
    snapshot: web::Data<Snapshot>,
    query: Query<PublicQuery>,
) -> Result<HttpResponse, AppError> {
    let figures = snapshot.figures(&db).await?;
    respond(
        &figures.summary,
        "summary",
        figures.summary.as_of,
        query.format,
    )
}

/// Every grant awarded (organisation, country, year, award, paid, approved public
/// summary) and the money by year, regional group, country and form of exploitation, for
/// anyone. JSON, or CSV with `format=csv`.
#[utoipa::path(tag = "public",
    params(PublicQuery),
    responses((status = 200, content((PublicGrants = "application/json"), (String = "text/csv")),
        description = "The grants; with `format=csv`, one row per grant, year, group, country, form and the total")),
    operation_id = "get_public_grants")]
#[get("/api/v1/public/grants")]
async fn get_public_grants(
    _anyone: Public,
    db: web::Data<Db>,
    snapshot: web::Data<Snapshot>,
    query: Query<PublicQuery>,
) -> Result<HttpResponse, AppError> {
    let figures = snapshot.figures(&db).await?;
    respond(
        &figures.grants,
        "grants",
        figures.grants.as_of,
        query.format,
    )
}

/// Contributions received by year and donor (Member States by name, other donors summed by
/// donor type), in USD, for anyone. JSON, or CSV with `format=csv`.
#[utoipa::path(tag = "public",
    params(PublicQuery),
    responses((status = 200, content((PublicContributions = "application/json"), (String = "text/csv")),
        description = "The contributions; with `format=csv`, one row per year and donor, per year and the total")),
    operation_id = "get_public_contributions")]
#[get("/api/v1/public/contributions")]
async fn get_public_contributions(
    _anyone: Public,
    db: web::Data<Db>,
    snapshot: web::Data<Snapshot>,
    query: Query<PublicQuery>,
) -> Result<HttpResponse, AppError> {
    let figures = snapshot.figures(&db).await?;
    let c = &figures.contributions;
    respond(c, "contributions", c.as_of, query.format)
}

/// People reached (from accepted grantee reports) by sex and age group and by form of
/// exploitation, for anyone: a count from 1 to 4 is `fewer_than_5`, and a second count is
/// `withheld` where the total would reveal it (`small_counts`). JSON, or CSV with
/// `format=csv`.
#[utoipa::path(tag = "public",
    params(PublicQuery),
    responses((status = 200, content((PublicBeneficiaries = "application/json"), (String = "text/csv")),
        description = "The people reached; with `format=csv`, one row per sex and age group, per form and the total")),
    operation_id = "get_public_beneficiaries")]
#[get("/api/v1/public/beneficiaries")]
async fn get_public_beneficiaries(
    _anyone: Public,
    db: web::Data<Db>,
    snapshot: web::Data<Snapshot>,
    query: Query<PublicQuery>,
) -> Result<HttpResponse, AppError> {
    let figures = snapshot.figures(&db).await?;
    let b = &figures.beneficiaries;
    respond(b, "beneficiaries", b.as_of, query.format)
}
