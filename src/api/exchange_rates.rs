//! `PUT /api/v1/exchange-rates/{month}` (a month's table of UN operational rates of
//! exchange, as JSON or as `text/csv`) and `GET /api/v1/exchange-rates?month=`.

use actix_web::{get, put, web, HttpMessage, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::db::Db;
use crate::domain::{Currency, ExchangeRate, Month};
use crate::error::{AppError, Problem};
use crate::exchange_rates::{self, MonthRatesView, RateLine};
use crate::http::{BodyLimit, Query};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(record_exchange_rates)
        .service(get_exchange_rates);
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RateLineRequest {
    /// ISO 4217, a currency a Fund can hold; not USD (always 1).
    #[schema(example = "NOK")]
    pub currency: Currency,
    /// USD per unit, exactly as published (0.000001 to 10, at most 10 decimal places).
    pub rate_to_usd: ExchangeRate,
    /// The day it takes effect, within the month: a mid-month revision. Absent, the 1st.
    #[serde(
        default,
        deserialize_with = "crate::domain::optional_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub from: Option<NaiveDate>,
}

/// A month's table of rates. As `text/csv`: the header `currency,rate_to_usd,from`, then
/// one line per rate (`from` empty for the 1st).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordRatesRequest {
    /// At least one; each (currency, from) once.
    pub rates: Vec<RateLineRequest>,
}

/// Record a month's UN operational rates of exchange (finance), replacing the month's
/// table whole: send the table as it now stands, mid-month revisions included. Audited
/// (`exchange_rates.recorded`, with the rows it replaced).
///
/// A receipt keeps the rate it was recorded at: a new table decides the rate of receipts
/// recorded after it (and the valuation of pledges), never what a receipt recorded.
///
/// Rules the schema cannot state: `month` is `YYYY-MM`, from 2010-07 (the Fund's
/// creation) to next month; each `from` lies within the month; a currency and `from`
/// appear once; USD is never listed (400 naming the field, `rates[2].from` style, for
/// the CSV form too, counting lines after the header from 0).
#[utoipa::path(tag = "exchange-rates", security(("bearer" = [])),
    params(("month" = String, Path, pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$", example = "2026-03")),
    request_body(content((RecordRatesRequest = "application/json"), (String = "text/csv"))),
    responses((status = 200, body = MonthRatesView),
        (status = 415, body = Problem, content_type = "application/problem+json",
            description = "neither JSON nor text/csv")),
    operation_id = "record_exchange_rates")]
#[put("/api/v1/exchange-rates/{month}")]
async fn record_exchange_rates(
    caller: Allowed<only::Finance>,
    db: web::Data<Db>,
    month: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let month = Month::parse(&month).map_err(|e| AppError::bad_field("month", e.to_string()))?;
    let lines = read_lines(&req, payload).await?;
    let view = caller
        .write(&db, move |tx| {
            exchange_rates::record_month(tx, month, lines)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The table as JSON or CSV, read here (after the gate let the caller through, since a
/// handler runs only then) within the body limit.
async fn read_lines(
    req: &HttpRequest,
    mut payload: web::Payload,
) -> Result<Vec<RateLine>, AppError> {
    let mime = req.mime_type().ok().flatten();
    let json = mime
        .as_ref()
        .is_some_and(|m| m.subtype() == "json" || m.suffix().is_some_and(|s| s == "json"));
    let csv = mime
        .as_ref()
        .is_some_and(|m| m.type_() == "text" && m.subtype() == "csv");
    if !json && !csv {
        return Err(AppError::UnsupportedMediaType);
    }
    let limit = req
        .app_data::<BodyLimit>()
        .map_or(BodyLimit::DEFAULT, |l| l.0);
    let mut body = web::BytesMut::new();
    while let Some(piece) = payload.next().await {
        let piece =
            piece.map_err(|_| AppError::bad_field("body", "the request body could not be read"))?;
        if body.len() + piece.len() > limit {
            return Err(AppError::PayloadTooLarge { limit });
        }
        body.extend_from_slice(&piece);
    }
    if csv {
        return exchange_rates::parse_csv(&body);
    }
    let request: RecordRatesRequest = crate::http::parse_json_body(&body)?;
    Ok(request
        .rates
        .into_iter()
        .map(|r| RateLine {
            currency: r.currency,
            rate_to_usd: r.rate_to_usd,
            from: r.from,
        })
        .collect())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RatesQuery {
    /// `YYYY-MM`.
    #[param(value_type = String, pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$", example = "2026-03")]
    pub month: Month,
}

/// A month's UN operational rates of exchange (finance, auditor): an empty `rates` when
/// none is recorded.
#[utoipa::path(tag = "exchange-rates", security(("bearer" = [])), params(RatesQuery),
    responses((status = 200, body = MonthRatesView)),
    operation_id = "get_exchange_rates")]
#[get("/api/v1/exchange-rates")]
async fn get_exchange_rates(
    caller: Allowed<only::FinanceOrAuditor>,
    db: web::Data<Db>,
    query: Query<RatesQuery>,
) -> Result<HttpResponse, AppError> {
    let month = query.into_inner().month;
    let view = caller
        .read(&db, move |conn, _actor| {
            exchange_rates::month_view(conn, month)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
