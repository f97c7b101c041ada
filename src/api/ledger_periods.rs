//! `GET /api/v1/ledger/periods` and `POST /api/v1/ledger/periods/{period}/close`: the
//! months of the books and closing one (see `crate::ledger_periods`).

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::db::Db;
use crate::domain::Month;
use crate::error::{AppError, Problem};
use crate::http::Query;
use crate::ledger_periods::{self, PeriodList, PeriodView};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_ledger_periods)
        .service(close_ledger_period);
}

const MONTH: &str = "a month as YYYY-MM";

fn month(field: &str, text: &str) -> Result<Month, AppError> {
    Month::parse(text).map_err(|_| AppError::bad_field(field, format!("must be {MONTH}")))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PeriodParams {
    /// The first month listed (`YYYY-MM`); the Fund's first period if left out.
    #[param(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub from: Option<String>,
    /// The last month listed (`YYYY-MM`); the current month if left out or later.
    #[param(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub to: Option<String>,
}

/// The months of the books, oldest first, from the Fund's first period to the current
/// month: each `open` or `closed`, a closed one with when and by whom, and the closing
/// balance per account recorded by its close (finance, auditor).
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(PeriodParams),
    responses((status = 200, body = PeriodList)),
    operation_id = "list_ledger_periods")]
#[get("/api/v1/ledger/periods")]
async fn list_ledger_periods(
    caller: Allowed<only::FinanceOrAuditor>,
    db: web::Data<Db>,
    query: Query<PeriodParams>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let from = q.from.as_deref().map(|t| month("from", t)).transpose()?;
    let to = q.to.as_deref().map(|t| month("to", t)).transpose()?;
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(AppError::bad_field("to", "must not be before `from`"));
        }
    }
    let list = caller
        .read(&db, move |conn, actor| {
            ledger_periods::list_periods(conn, actor, from, to)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Close a month of the books (finance): once closed, no entry is dated in it (a
/// receipt, payment or refund dated there is refused, 422 `period-closed` naming its
/// date's field), so its figures and its exports never change; a wrong entry of a closed
/// month is corrected by a reversal, dated today. The close records each account's
/// closing balance (also in its audit event).
///
/// Rules the schema cannot state: the month has ended (422 `period-not-ended`); it is
/// not before the Fund's first period (`before-first-period`); every earlier month since
/// the first period is closed (`periods-out-of-order`); the ledger's integrity check
/// passes (`ledger-check-failed`). A month already closed, or closed by a concurrent
/// request, is a 409.
#[utoipa::path(tag = "ledger", security(("bearer" = [])),
    params(("period" = String, Path, description = "The month, YYYY-MM", pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$")),
    responses((status = 200, body = PeriodView),
        (status = 400, description = "`period` is not a month as YYYY-MM", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The month is already closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    operation_id = "close_ledger_period")]
#[post("/api/v1/ledger/periods/{period}/close")]
async fn close_ledger_period(
    caller: Allowed<only::Finance>,
    db: web::Data<Db>,
    period: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let period = month("period", &period.into_inner())?;
    let closed = caller
        .write(&db, move |tx| ledger_periods::close_period(tx, period))
        .await?;
    Ok(HttpResponse::Ok().json(closed))
}
