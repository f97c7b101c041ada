//! `GET /api/v1/fund` and `PATCH /api/v1/fund/settings`.

use crate::auth::{only, Allowed};
use actix_web::{web, HttpResponse};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::{self, Fund, FundSettings};
use crate::auth::Caller;
use crate::db::Db;
use crate::domain::{Currency, Money, PositiveMoney};
use crate::error::AppError;
use crate::http::Json;

#[derive(Debug, Serialize, ToSchema)]
pub struct FundView {
    pub id: String,
    pub name: String,
    pub legal_basis: String,
    pub administrator: String,
    pub parent_fund: String,
    #[schema(example = "USD")]
    pub functional_currency: Currency,
    pub settings: SettingsView,
    /// From the ledger, in USD.
    pub balances: crate::ledger::Balances,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsView {
    /// e.g. `"0.13"` for 13%.
    #[schema(value_type = String, example = "0.13")]
    pub psc_rate: Decimal,
    #[schema(value_type = String, example = "0")]
    pub operating_reserve_rate: Decimal,
    #[schema(value_type = Option<Money>)]
    pub max_grant: Option<Money>,
}

impl From<&FundSettings> for SettingsView {
    fn from(s: &FundSettings) -> SettingsView {
        SettingsView {
            psc_rate: s.psc_rate,
            operating_reserve_rate: s.operating_reserve_rate,
            max_grant: s.max_grant,
        }
    }
}

pub fn view(fund: &Fund, balances: crate::ledger::Balances) -> FundView {
    FundView {
        id: fund.id.clone(),
        name: fund.name.clone(),
        legal_basis: fund.legal_basis.clone(),
        administrator: fund.administrator.clone(),
        parent_fund: fund.parent_fund.clone(),
        functional_currency: Currency::USD,
        settings: SettingsView::from(&fund.settings),
        balances,
    }
}

/// The Fund: legal basis, settings.
#[utoipa::path(get, path = "/api/v1/fund", tag = "fund", security(("bearer" = [])),
    responses((status = 200, body = FundView)))]
pub async fn get(_caller: Caller, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let (fund, balances) = db
        .read(|conn| Ok((model::load(conn)?, crate::ledger::balances(conn)?)))
        .await?;
    Ok(HttpResponse::Ok().json(view(&fund, balances)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateSettingsRequest {
    /// At least 0 and below 1, at most 6 decimal places, e.g. `"0.13"`.
    #[schema(value_type = Option<String>, pattern = r"^0(\.[0-9]{1,6})?$")]
    pub psc_rate: Option<String>,
    /// At least 0 and below 1, at most 6 decimal places, e.g. `"0.05"`.
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
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

fn parse_rate(field: &str, text: &str) -> Result<Decimal, AppError> {
    let rate: Decimal = text
        .parse()
        .map_err(|_| AppError::bad_field(field, "must be a decimal string such as \"0.13\""))?;
    if rate < Decimal::ZERO || rate >= Decimal::ONE || rate.scale() > 6 {
        return Err(AppError::bad_field(
            field,
            "must be at least 0 and below 1, with at most 6 decimal places",
        ));
    }
    Ok(rate)
}

/// Change the Fund's settings (secretariat); recorded in the audit trail.
#[utoipa::path(patch, path = "/api/v1/fund/settings", tag = "fund", security(("bearer" = [])),
    request_body = UpdateSettingsRequest,
    responses((status = 200, body = FundView)))]
pub async fn update_settings(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    body: Json<UpdateSettingsRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let psc = body
        .psc_rate
        .as_deref()
        .map(|t| parse_rate("psc_rate", t))
        .transpose()?;
    let reserve = body
        .operating_reserve_rate
        .as_deref()
        .map(|t| parse_rate("operating_reserve_rate", t))
        .transpose()?;
    let max_grant = body.max_grant.map(|cap| cap.map(PositiveMoney::into_inner));
    if max_grant
        .flatten()
        .is_some_and(|m| m.currency() != Currency::USD)
    {
        return Err(AppError::bad_field(
            "max_grant.currency",
            "must be USD, the Fund's currency",
        ));
    }
    let fund = db
        .write(caller.actor(), move |tx| {
            let current = model::load(tx.conn())?.settings;
            let settings = FundSettings {
                psc_rate: psc.unwrap_or(current.psc_rate),
                operating_reserve_rate: reserve.unwrap_or(current.operating_reserve_rate),
                max_grant: max_grant.unwrap_or(current.max_grant),
            };
            let fund = model::update_settings(tx, settings)?;
            Ok((fund, crate::ledger::balances(tx.conn())?))
        })
        .await?;
    Ok(HttpResponse::Ok().json(view(&fund.0, fund.1)))
}
