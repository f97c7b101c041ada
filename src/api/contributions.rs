//! `POST/GET /api/v1/contributions`, `GET /api/v1/contributions/{id}`,
//! `POST /api/v1/contributions/{id}/receipts`.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::contributions::{
    self, ContributionView, DonorInput, DonorType, NewContribution, ReceiptEntry,
    RecordedReceiptView,
};
use crate::db::Db;
use crate::domain::{ContributionId, CountryCode, ExchangeRate, PositiveMoney, ShortText};
use crate::error::{AppError, Problem};
use crate::http::{IdempotentJson, PageParams, Query};

crate::page_names!(ContributionView => ContributionPage);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_contribution)
        .service(list_contributions)
        .service(get_contribution)
        .service(record_receipt);
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DonorRequest {
    /// Required, except for a `member_state`, which is named by its country (a name given
    /// must be that country's, in any letter case; another is refused, 400).
    pub name: Option<ShortText>,
    pub donor_type: DonorType,
    /// ISO 3166-1 alpha-2 of a UN Member State; required for `member_state`.
    #[schema(example = "JP")]
    pub country: Option<CountryCode>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateContributionRequest {
    pub donor: DonorRequest,
    /// The pledge; absent for a one-off gift. At most 10,000,000,000 in its currency;
    /// only currencies a Fund can hold (active ISO 4217, no fund codes, metals or testing
    /// codes).
    pub pledged: Option<PositiveMoney>,
    /// From 2010-07-30 (GA resolution 64/293, which created the Fund) to tomorrow (UTC).
    #[serde(deserialize_with = "crate::domain::date")]
    pub pledged_on: NaiveDate,
}

/// Record a donor and their pledge (secretariat, finance). Honours `Idempotency-Key`.
///
/// Rules the schema cannot state: `pledged_on` runs from 2010-07-30 (resolution 64/293)
/// to tomorrow (UTC); `donor.name` is required unless `donor_type` is `member_state`,
/// which names its `country` (a name given must be that country's); the pledge is at
/// most 10,000,000,000 in its currency, with no more decimal places than the currency
/// has.
#[utoipa::path(tag = "contributions", security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header)), request_body = CreateContributionRequest,
    responses((status = 201, body = ContributionView),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    operation_id = "create_contribution")]
#[post("/api/v1/contributions")]
async fn create_contribution(
    caller: Allowed<only::SecretariatOrFinance>,
    db: web::Data<Db>,
    body: IdempotentJson<CreateContributionRequest>,
) -> Result<HttpResponse, AppError> {
    let IdempotentJson { body, key } = body;
    let new = NewContribution {
        donor: DonorInput {
            name: body.donor.name.map(ShortText::into_string),
            donor_type: body.donor.donor_type,
            country: body.donor.country,
        },
        pledged: body.pledged.map(PositiveMoney::into_inner),
        pledged_on: body.pledged_on,
    };
    caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            contributions::record_contribution(tx, new)
        })
        .await
}

/// Contributions, newest first (secretariat, finance, auditor, admin).
#[utoipa::path(tag = "contributions", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = ContributionPage)),
    operation_id = "list_contributions")]
#[get("/api/v1/contributions")]
async fn list_contributions(
    caller: Allowed<only::Staff>,
    db: web::Data<Db>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let page = page.request()?;
    let found = caller
        .read(&db, move |conn, actor| {
            contributions::list_contributions(conn, actor, page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

/// One contribution with its receipts and figures.
///
/// A pledge is valued in USD at the UN operational rate in force on `pledged_on`
/// (`pledged_usd`); what is still receivable at that rate and at today's, with the
/// exchange difference between them (`receivable`). A figure whose month has no rate for
/// the currency is `null`, and `rates_missing` names the month and currency.
#[utoipa::path(tag = "contributions", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ContributionView)),
    operation_id = "get_contribution")]
#[get("/api/v1/contributions/{id}")]
async fn get_contribution(
    caller: Allowed<only::Staff>,
    db: web::Data<Db>,
    id: web::Path<ContributionId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let found = caller
        .read(&db, move |conn, actor| {
            contributions::get_contribution(conn, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = RecordReceiptRequest)]
pub struct ReceiptRequest {
    /// In the pledge's currency (any currency a Fund can hold for an unpledged gift); at
    /// most 10,000,000,000 in its currency.
    pub amount: PositiveMoney,
    /// From 2010-07-30 (the Fund's creation) to tomorrow (UTC), and not before the
    /// pledge (422 `receipt-before-pledge`).
    #[serde(deserialize_with = "crate::domain::date")]
    pub received_on: NaiveDate,
    /// USD per unit, from 0.000001 to 10; exactly 1 for USD. Leave it out to take the UN
    /// operational rate of exchange in force on `received_on` (finance's table of the
    /// month, `PUT /api/v1/exchange-rates/{month}`): 422 `exchange-rate-missing` if the
    /// month has none for the currency. Another rate than the one in force needs
    /// `rate_reason` (422 `rate-reason-required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_to_usd: Option<ExchangeRate>,
    /// Unique among the contribution's receipts that stand (409 naming the earlier
    /// receipt otherwise); a reversed receipt frees its reference.
    pub bank_reference: ShortText,
    /// Why `rate_to_usd` is not the rate in force on `received_on` (a bank's own
    /// conversion, say); kept with the receipt. Only with such a rate (400 otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_reason: Option<ShortText>,
}

/// Record money received (secretariat, finance): posts cash and the donor's contribution
/// in USD at the UN operational rate in force on its day, or at the rate given with its
/// reason. Answers the receipt and the contribution's figures after it
/// (not its receipts: `GET /api/v1/contributions/{id}` lists them). Honours
/// `Idempotency-Key`.
///
/// Rules the schema cannot state: `received_on` runs from 2010-07-30 to tomorrow (UTC)
/// and is never before the pledge (422 `receipt-before-pledge`); `amount` is in the
/// pledge's currency, at most 10,000,000,000, with no more decimal places than the
/// currency has; `rate_to_usd` is exactly 1 for USD, else 0.000001 to 10; absent, the
/// rate in force on `received_on` (422 `exchange-rate-missing` naming the month and
/// currency to record when there is none); given and not the rate in force, with its
/// `rate_reason` (422 `rate-reason-required`); a reason without such a rate is a 400;
/// `bank_reference` is unique among the contribution's standing receipts (409);
/// `received_on` is not in a month finance has closed (422 `period-closed`) nor before
/// the Fund's first accounting period (`before-first-period`).
#[utoipa::path(tag = "contributions", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = ReceiptRequest,
    responses((status = 201, body = RecordedReceiptView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    operation_id = "record_receipt")]
#[post("/api/v1/contributions/{id}/receipts")]
async fn record_receipt(
    caller: Allowed<only::SecretariatOrFinance>,
    db: web::Data<Db>,
    id: web::Path<ContributionId>,
    body: IdempotentJson<ReceiptRequest>,
) -> Result<HttpResponse, AppError> {
    let IdempotentJson { body, key } = body;
    let entry = ReceiptEntry {
        contribution: id.into_inner(),
        amount: body.amount,
        received_on: body.received_on,
        rate_to_usd: body.rate_to_usd,
        bank_reference: body.bank_reference.into_string(),
        rate_reason: body.rate_reason.map(ShortText::into_string),
    };
    caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            contributions::record_receipt(tx, entry)
        })
        .await
}
