//! `GET /api/v1/fund` and `PATCH /api/v1/fund/settings`.

use actix_web::{get, patch, web, HttpResponse};
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::db::Db;
use crate::domain::PositiveMoney;
use crate::error::{AppError, Problem};
use crate::fund::{self, FundView, SettingsChange};
use crate::http::Json;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_fund).service(update_fund_settings);
}

/// The Fund: legal basis, settings.
#[utoipa::path(tag = "fund", security(("bearer" = [])),
    responses((status = 200, body = FundView)),
    operation_id = "get_fund")]
#[get("/api/v1/fund")]
async fn get_fund(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let fund = caller.read(&db, fund::show).await?;
    Ok(HttpResponse::Ok().json(fund))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateSettingsRequest {
    /// From 0 to 0.13 inclusive, at most 6 decimal places, e.g. `"0.13"`. Applies to
    /// awards made after the change; grants already awarded keep their programme support
    /// cost.
    #[schema(value_type = Option<String>, pattern = r"^0(\.[0-9]{1,6})?$")]
    pub psc_rate: Option<String>,
    /// From 0 to 0.5 inclusive, at most 6 decimal places, e.g. `"0.05"`. Applies at once;
    /// never more than leaves the available balance at zero.
    #[schema(value_type = Option<String>, pattern = r"^0(\.[0-9]{1,6})?$")]
    pub operating_reserve_rate: Option<String>,
    /// In USD (another currency is a 400). Absent: left as it is; `null`: cleared (no
    /// Fund-wide cap).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<PositiveMoney>, nullable = true, required = false)]
    pub max_grant: Option<Option<PositiveMoney>>,
}

/// Tells a field sent as `null` (`Some(None)`) from one left out (`None`, by `default`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Change the Fund's settings (secretariat); recorded in the audit trail.
///
/// A new `psc_rate` applies to awards made after the change: grants already awarded keep
/// the programme support cost committed at their award (the answer says so in
/// `settings.psc_rate_applies_to`). A new `operating_reserve_rate` applies at once to the
/// balances.
///
/// Rules the schema cannot state: `max_grant` is in USD; `psc_rate` is at most 0.13 and
/// `operating_reserve_rate` at most 0.5 (400 naming the field and the bound); a reserve
/// raised so far that the available balance would go below zero is 422
/// `insufficient-funds` naming `operating_reserve_rate`, with the figures.
#[utoipa::path(tag = "fund", security(("bearer" = [])),
    request_body = UpdateSettingsRequest,
    responses((status = 200, body = FundView),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    operation_id = "update_fund_settings")]
#[patch("/api/v1/fund/settings")]
async fn update_fund_settings(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    body: Json<UpdateSettingsRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let change = SettingsChange {
        psc_rate: body.psc_rate,
        operating_reserve_rate: body.operating_reserve_rate,
        max_grant: body.max_grant.map(|cap| cap.map(PositiveMoney::into_inner)),
    };
    let fund = caller
        .write(&db, move |tx| fund::change_settings(tx, change))
        .await?;
    Ok(HttpResponse::Ok().json(fund))
}
