//! `GET /api/v1/statements`: the Fund's statements of financial position and performance
//! for a period, beside the period before it, as JSON, CSV or an Excel workbook (finance
//! and auditors).

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::db::Db;
use crate::domain::QueryDate;
use crate::error::AppError;
use crate::fund_reports::statements::Statements;
use crate::fund_reports::{self, statements_xlsx, Period};
use crate::http::Query;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_statements);
}

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum StatementFormat {
    #[default]
    Json,
    Csv,
    Xlsx,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StatementsQuery {
    /// First day of the period, `YYYY-MM-DD`, inclusive; 1 January of `to`'s year if
    /// omitted.
    #[serde(default)]
    #[param(inline)]
    pub from: Option<QueryDate>,
    /// Last day of the period, `YYYY-MM-DD`, inclusive; today (UTC) if omitted. Not
    /// before `from` (a 400 naming `from`).
    #[serde(default)]
    #[param(inline)]
    pub to: Option<QueryDate>,
    /// `json` (the default), `csv` (one row per line, the current and previous periods
    /// side by side) or `xlsx` (a sheet per statement).
    #[serde(default)]
    #[param(inline)]
    pub format: StatementFormat,
}

fn attachment(content_type: &str, file: String, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file}\""),
        ))
        .body(body)
}

/// The Fund's statement of financial position (cash, contributions receivable, refunds
/// due, grant commitments outstanding, net assets) at the end of the period, and of
/// financial performance (contributions, refunds, exchange differences, grants paid,
/// programme support cost, commitments charged, surplus) over it, each beside the period
/// before (as many whole months when the period is whole months, else as many days).
/// Ledger figures are balances by value date; the surplus is the change in net assets in
/// the ledger, to the cent (finance, auditors).
///
/// Rules the schema cannot state: `from` is not after `to` (400 naming `from`).
#[utoipa::path(tag = "ledger", security(("bearer" = [])),
    params(StatementsQuery),
    responses((status = 200, content(
            (Statements = "application/json"),
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
        description = "The statements; with `format=csv` a row per line, with `format=xlsx` a workbook")),
    operation_id = "get_statements")]
#[get("/api/v1/statements")]
async fn get_statements(
    caller: Allowed<only::FinanceOrAuditor>,
    db: web::Data<Db>,
    query: Query<StatementsQuery>,
) -> Result<HttpResponse, AppError> {
    let period = Period::asked(
        query.from.map(QueryDate::get),
        query.to.map(QueryDate::get),
        db.clock(),
    )?;
    let statements = caller
        .read(&db, move |conn, actor| {
            fund_reports::statements(conn, actor, period)
        })
        .await?;
    let name = format!("trustfund-statements-{}-to-{}", period.from, period.to);
    Ok(match query.format {
        StatementFormat::Json => HttpResponse::Ok().json(&statements),
        StatementFormat::Csv => attachment(
            "text/csv; charset=utf-8",
            format!("{name}.csv"),
            fund_reports::csv(&statements)?,
        ),
        StatementFormat::Xlsx => attachment(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            format!("{name}.xlsx"),
            statements_xlsx::workbook(&statements)?,
        ),
    })
}
