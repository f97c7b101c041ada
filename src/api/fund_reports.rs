//! The Fund's reports, `GET /api/v1/reports/{geography,contributions,exploitation,
//! beneficiaries,board}`: each a period asked for, one report read in one snapshot, and
//! its rendering (JSON by default, CSV with `?format=csv`).

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::db::Db;
use crate::domain::QueryDate;
use crate::error::AppError;
use crate::fund_reports::beneficiaries::BeneficiariesReport;
use crate::fund_reports::board::BoardReport;
use crate::fund_reports::contributions::ContributionsReport;
use crate::fund_reports::exploitation::ExploitationReport;
use crate::fund_reports::geography::GeographyReport;
use crate::fund_reports::{self, Period, Tabular};
use crate::http::Query;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_geography_report)
        .service(get_contributions_report)
        .service(get_exploitation_report)
        .service(get_beneficiaries_report)
        .service(get_board_report);
}

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Json,
    Csv,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// First day of the period, `YYYY-MM-DD`, inclusive; 1 January of the current year
    /// (UTC) if omitted.
    #[serde(default)]
    #[param(inline)]
    pub from: Option<QueryDate>,
    /// Last day of the period, `YYYY-MM-DD`, inclusive; today (UTC) if omitted. Not
    /// before `from` (a 400 naming `from`).
    #[serde(default)]
    #[param(inline)]
    pub to: Option<QueryDate>,
    /// `json` (the default) or `csv`. In CSV, a user's text (a donor's or trustee's name)
    /// that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so
    /// a spreadsheet shows it instead of running it as a formula; amounts are unchanged.
    #[serde(default)]
    #[param(inline)]
    pub format: Format,
}

impl ReportQuery {
    fn period(&self, clock: crate::clock::Clock) -> Result<Period, AppError> {
        Period::asked(
            self.from.map(QueryDate::get),
            self.to.map(QueryDate::get),
            clock,
        )
    }
}

/// Answers `report` as JSON, or as CSV with a file name saying which report and which
/// period.
fn respond<R: Serialize + Tabular>(
    report: &R,
    name: &str,
    period: Period,
    format: Format,
) -> Result<HttpResponse, AppError> {
    match format {
        Format::Json => Ok(HttpResponse::Ok().json(report)),
        Format::Csv => {
            let body = fund_reports::csv(report)?;
            let file = fund_reports::csv_file_name(name, period);
            Ok(HttpResponse::Ok()
                .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
                .insert_header((
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file}\""),
                ))
                .body(body))
        }
    }
}

/// Grants, awards and disbursements by UN regional group and grantee country, as USD
/// amounts and shares, for a period (staff, trustees, auditors). JSON, or CSV with
/// `format=csv`.
///
/// Rules the schema cannot state: `from` is not after `to` (400 naming `from`).
#[utoipa::path(tag = "reports", security(("bearer" = [])),
    params(ReportQuery),
    responses((status = 200, content((GeographyReport = "application/json"), (String = "text/csv")),
        description = "The report; with `format=csv`, `text/csv` with one row per group, country and the total")),
    operation_id = "get_geography_report")]
#[get("/api/v1/reports/geography")]
async fn get_geography_report(
    caller: Allowed<only::StaffOrTrustee>,
    db: web::Data<Db>,
    query: Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let period = query.period(db.clock())?;
    let report = caller
        .read(&db, move |conn, actor| {
            fund_reports::geography_report(conn, actor, period)
        })
        .await?;
    respond(&report, "geography", period, query.format)
}

/// Contributions pledged against received, by donor type, donor and currency, in the
/// currency and in USD, for a period (staff, trustees, auditors). JSON, or CSV with
/// `format=csv`.
///
/// Rules the schema cannot state: `from` is not after `to` (400 naming `from`).
#[utoipa::path(tag = "reports", security(("bearer" = [])),
    params(ReportQuery),
    responses((status = 200, content((ContributionsReport = "application/json"), (String = "text/csv")),
        description = "The report; with `format=csv`, `text/csv` with one row per donor and currency, donor type, currency and the total")),
    operation_id = "get_contributions_report")]
#[get("/api/v1/reports/contributions")]
async fn get_contributions_report(
    caller: Allowed<only::StaffOrTrustee>,
    db: web::Data<Db>,
    query: Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let period = query.period(db.clock())?;
    let report = caller
        .read(&db, move |conn, actor| {
            fund_reports::contributions_report(conn, actor, period)
        })
        .await?;
    respond(&report, "contributions", period, query.format)
}

/// Grants awarded and money paid by form of exploitation and by type of aid, in USD with
/// shares, for a period (staff, trustees, auditors). A grant counts under every form and
/// type its application names, and its amounts are split equally among them to the cent
/// (largest remainder), so each list adds up to the totals, which equal the geography
/// report's. JSON, or CSV with `format=csv`.
///
/// Rules the schema cannot state: `from` is not after `to` (400 naming `from`).
#[utoipa::path(tag = "reports", security(("bearer" = [])),
    params(ReportQuery),
    responses((status = 200, content((ExploitationReport = "application/json"), (String = "text/csv")),
        description = "The report; with `format=csv`, `text/csv` with one row per form of exploitation, per type of aid, and the total")),
    operation_id = "get_exploitation_report")]
#[get("/api/v1/reports/exploitation")]
async fn get_exploitation_report(
    caller: Allowed<only::StaffOrTrustee>,
    db: web::Data<Db>,
    query: Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let period = query.period(db.clock())?;
    let report = caller
        .read(&db, move |conn, actor| {
            fund_reports::exploitation_report(conn, actor, period)
        })
        .await?;
    respond(&report, "exploitation", period, query.format)
}

/// Beneficiaries targeted (in the applications of the grants awarded in the period)
/// against reached (in the grantee reports accepted in the period), by sex and age group,
/// and reached by form of exploitation: counts only (staff, trustees, auditors). JSON, or
/// CSV with `format=csv`.
///
/// Rules the schema cannot state: `from` is not after `to` (400 naming `from`).
#[utoipa::path(tag = "reports", security(("bearer" = [])),
    params(ReportQuery),
    responses((status = 200, content((BeneficiariesReport = "application/json"), (String = "text/csv")),
        description = "The report; with `format=csv`, `text/csv` with one row per sex and age group, per form of exploitation (reached only), and the total")),
    operation_id = "get_beneficiaries_report")]
#[get("/api/v1/reports/beneficiaries")]
async fn get_beneficiaries_report(
    caller: Allowed<only::StaffOrTrustee>,
    db: web::Data<Db>,
    query: Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let period = query.period(db.clock())?;
    let report = caller
        .read(&db, move |conn, actor| {
            fund_reports::beneficiaries_report(conn, actor, period)
        })
        .await?;
    respond(&report, "beneficiaries", period, query.format)
}

/// The Board's composition over a period: every term overlapping it, the days each UN
/// regional group was represented, and every stretch with fewer than five members or a
/// group missing or doubled (DOMAIN.md: five seats, one per group), for staff, trustees and
/// auditors. JSON, or CSV with `format=csv`.
///
/// Rules the schema cannot state: `from` is not after `to` (400 naming `from`).
#[utoipa::path(tag = "reports", security(("bearer" = [])),
    params(ReportQuery),
    responses((status = 200, content((BoardReport = "application/json"), (String = "text/csv")),
        description = "The report; with `format=csv`, `text/csv` with one row per term, per regional group, per shortfall, and the days whole and balanced")),
    operation_id = "get_board_report")]
#[get("/api/v1/reports/board")]
async fn get_board_report(
    caller: Allowed<only::StaffOrTrustee>,
    db: web::Data<Db>,
    query: Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let period = query.period(db.clock())?;
    let report = caller
        .read(&db, move |conn, actor| {
            fund_reports::board_report(conn, actor, period)
        })
        .await?;
    respond(&report, "board", period, query.format)
}
