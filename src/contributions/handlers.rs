//! `POST/GET /api/v1/contributions`, `GET /api/v1/contributions/{id}`,
//! `POST /api/v1/contributions/{id}/receipts`.

use crate::api::{only, Allowed};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::bounds;
use super::model::{self, DonorType, NewReceipt};
use super::summary::RecordedReceiptView;
use super::view::ContributionView;
use crate::api::Caller;
use crate::auth::Role;
use crate::db::Db;
use crate::domain::{
    ContributionId, CountryCode, Currency, ExchangeRate, PositiveMoney, ShortText,
};
use crate::error::{AppError, Problem};
use crate::http::{Cursor, IdempotentJson, Page, PageParams, Query};

crate::page_names!(ContributionView => ContributionPage);

const READERS: &[Role] = &[Role::Secretariat, Role::Finance, Role::Auditor, Role::Admin];

#[derive(Debug, Deserialize, ToSchema)]
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

#[derive(Debug, Deserialize, ToSchema)]
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
#[utoipa::path(post, path = "/api/v1/contributions", tag = "contributions", security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header)), request_body = CreateContributionRequest,
    responses((status = 201, body = ContributionView),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create(
    caller: Allowed<only::SecretariatOrFinance>,
    db: web::Data<Db>,
    body: IdempotentJson<CreateContributionRequest>,
) -> Result<HttpResponse, AppError> {
    let IdempotentJson { body, key } = body;
    let donor = super::donor::donor(
        body.donor.name.map(ShortText::into_string),
        body.donor.donor_type,
        body.donor.country,
    )?;
    let pledged = body.pledged.map(PositiveMoney::into_inner);
    if let Some(pledged) = &pledged {
        bounds::amount("pledged", pledged)?;
    }
    let pledged_on = body.pledged_on;
    bounds::date("pledged_on", pledged_on, crate::db::now().date())?;
    caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            model::create(tx, donor, pledged, pledged_on)
        })
        .await
}

/// Contributions, newest first (secretariat, finance, auditor, admin).
#[utoipa::path(get, path = "/api/v1/contributions", tag = "contributions", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = ContributionPage)))]
pub async fn list(
    caller: Caller,
    db: web::Data<Db>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    caller.require(READERS)?;
    let limit = page.limit()?;
    let cursor = page.cursor()?;
    let rows = db
        .read(move |conn| model::list(conn, limit, cursor))
        .await?;
    let page = Page::from_rows(
        rows,
        limit,
        |c| Cursor::new(c.created_at, c.id),
        |c| ContributionView::from(&c),
    );
    Ok(HttpResponse::Ok().json(page))
}

/// One contribution with its receipts and figures.
#[utoipa::path(get, path = "/api/v1/contributions/{id}", tag = "contributions", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ContributionView)))]
pub async fn get(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<ContributionId>,
) -> Result<HttpResponse, AppError> {
    caller.require(READERS)?;
    let id = id.into_inner();
    let found = db
        .read(move |conn| model::find(conn, id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(ContributionView::from(&found)))
}

#[derive(Debug, Deserialize, ToSchema)]
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
    /// The UN operational rate of exchange of the month of receipt, USD per unit, from
    /// 0.000001 to 10; exactly 1 for USD.
    pub rate_to_usd: ExchangeRate,
    /// Unique among the contribution's receipts that stand (409 naming the earlier
    /// receipt otherwise); a reversed receipt frees its reference.
    pub bank_reference: ShortText,
}

/// Record money received (secretariat, finance): posts cash and the donor's contribution
/// in USD at the rate given. Answers the receipt and the contribution's figures after it
/// (not its receipts: `GET /api/v1/contributions/{id}` lists them). Honours
/// `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/contributions/{id}/receipts", tag = "contributions", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = ReceiptRequest,
    responses((status = 201, body = RecordedReceiptView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_receipt(
    caller: Allowed<only::SecretariatOrFinance>,
    db: web::Data<Db>,
    id: web::Path<ContributionId>,
    body: IdempotentJson<ReceiptRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let IdempotentJson { body, key } = body;
    if body.amount.currency() == Currency::USD
        && body.rate_to_usd.value() != rust_decimal::Decimal::ONE
    {
        return Err(AppError::bad_field(
            "rate_to_usd",
            "a USD receipt has a rate of exactly 1",
        ));
    }
    bounds::amount("amount", &body.amount)?;
    bounds::date("received_on", body.received_on, crate::db::now().date())?;
    let new = NewReceipt {
        amount: body.amount,
        received_on: body.received_on,
        rate_to_usd: body.rate_to_usd,
        bank_reference: body.bank_reference.into_string(),
    };
    caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            super::receipts::add_receipt(tx, id, new)
        })
        .await
}
