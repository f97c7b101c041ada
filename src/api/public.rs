//! The Fund's open data, `GET /api/v1/public/{summary,grants,contributions,beneficiaries}`
//! and its IATI files, `GET /api/v1/public/iati/{activities,organisation}.xml`: anyone may
//! read them, signed in or not (anonymous callers within the per-address rate
//! limit). Answered from the instance's snapshot of the public figures
//! (`crate::transparency::Snapshot`), so they may lag a change by a few seconds.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::fund_reports::Format;
use super::Public;
use crate::audit::Signer;
use crate::config::IatiSettings;
use crate::db::Db;
use crate::error::AppError;
use crate::exports::iati::{self, PublicFiles};
use crate::fund_reports::{self, Tabular};
use crate::http::Query;
use crate::transparency::figures::{
    PublicBeneficiaries, PublicContributions, PublicFigures, PublicGrants, PublicSummary,
};
use crate::transparency::Snapshot;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_public_figures)
        .service(get_public_grants)
        .service(get_public_contributions)
        .service(get_public_beneficiaries)
        .service(get_public_iati_activities)
        .service(get_public_iati_organisation);
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

/// The table `pick` chooses from the instance's figures (with the day it stands at), as
/// JSON or as a CSV attachment named for `name` and that day.
async fn answer<R: Serialize + Tabular>(
    db: &Db,
    snapshot: &Snapshot,
    format: Format,
    name: &str,
    pick: for<'f> fn(&'f PublicFigures) -> (&'f R, chrono::NaiveDate),
) -> Result<HttpResponse, AppError> {
    let figures = snapshot.figures(db).await?;
    let (table, as_of) = pick(&figures);
    let mut ok = HttpResponse::Ok();
    ok.insert_header((header::CACHE_CONTROL, MAX_AGE));
    match format {
        Format::Json => Ok(ok.json(table)),
        Format::Csv => Ok(ok
            .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"trustfund-public-{name}-{as_of}.csv\""),
            ))
            .body(fund_reports::csv(table)?)),
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
    answer(&db, &snapshot, query.format, "summary", |f| {
        (&f.summary, f.summary.as_of)
    })
    .await
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
    answer(&db, &snapshot, query.format, "grants", |f| {
        (&f.grants, f.grants.as_of)
    })
    .await
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
    answer(&db, &snapshot, query.format, "contributions", |f| {
        (&f.contributions, f.contributions.as_of)
    })
    .await
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
    answer(&db, &snapshot, query.format, "beneficiaries", |f| {
        (&f.beneficiaries, f.beneficiaries.as_of)
    })
    .await
}

/// Where an IATI file for anyone comes from: its bytes as the instance last wrote them.
async fn iati_file(
    db: &Db,
    snapshot: &Snapshot,
    settings: &IatiSettings,
    signer: &Signer,
    pick: fn(&PublicFiles) -> Option<&bytes::Bytes>,
) -> Result<HttpResponse, AppError> {
    let files = snapshot.iati(db, settings, signer).await?;
    let file = pick(&files).ok_or_else(iati::nothing_to_export)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, MAX_AGE))
        .insert_header((header::CONTENT_TYPE, "application/xml; charset=utf-8"))
        .body(file.clone()))
}

/// The Fund's IATI activity file (IATI 2.03) for anyone, over its whole life to today: the
/// Fund's own activity with its contributions received as incoming funds (Member States
/// named, other donors by their type, as on the public page), and one activity per grant
/// awarded with its commitments, disbursements and refunds, described by the public summary
/// the secretariat approved and titled by its organisation and countries (an application's
/// own text is never published). Written again after the Fund changes (within seconds).
#[utoipa::path(tag = "public",
    responses((status = 200, content((String = "application/xml")),
        description = "The activity file; it validates against the IATI 2.03 activity schema"),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json",
            description = "nothing-to-export: the Fund has received and granted nothing yet; iati-publisher-unset: the service does not name its IATI publisher (iati.reporting_org_ref)")),
    operation_id = "get_public_iati_activities")]
#[get("/api/v1/public/iati/activities.xml")]
async fn get_public_iati_activities(
    _anyone: Public,
    db: web::Data<Db>,
    snapshot: web::Data<Snapshot>,
    settings: web::Data<IatiSettings>,
    signer: web::Data<Signer>,
) -> Result<HttpResponse, AppError> {
    iati_file(&db, &snapshot, &settings, &signer, |f| {
        f.activities.as_ref()
    })
    .await
}

/// The Fund's IATI organisation file (IATI 2.03) for anyone: its total budget (committed)
/// and expenditure for each calendar year since it began, in USD.
#[utoipa::path(tag = "public",
    responses((status = 200, content((String = "application/xml")),
        description = "The organisation file; it validates against the IATI 2.03 organisation schema"),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json",
            description = "iati-publisher-unset: the service does not name its IATI publisher (iati.reporting_org_ref)")),
    operation_id = "get_public_iati_organisation")]
#[get("/api/v1/public/iati/organisation.xml")]
async fn get_public_iati_organisation(
    _anyone: Public,
    db: web::Data<Db>,
    snapshot: web::Data<Snapshot>,
    settings: web::Data<IatiSettings>,
    signer: web::Data<Signer>,
) -> Result<HttpResponse, AppError> {
    iati_file(&db, &snapshot, &settings, &signer, |f| {
        Some(&f.organisation)
    })
    .await
}
