//! Money out over HTTP: `POST /api/v1/grants/{id}/agreement` (secretariat),
//! `POST/GET /api/v1/grants/{id}/disbursements` and `GET …/disbursements/{disbursement}`
//! (finance pays; the grantee's applicants, staff and auditors read),
//! `POST/GET /api/v1/grants/{id}/refunds` (finance records; the same readers).

use crate::api::{only, Allowed};
use actix_web::body::{to_bytes, BoxBody};
use actix_web::http::header::{HeaderValue, LOCATION};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::agreement::{self, NewAgreement};
use super::disbursements::{self, DisbursementView, NewDisbursement};
use super::model::{self, GrantView};
use super::refunds::{self, NewRefund, RefundView};
use crate::api::Caller;
use crate::auth::Role;
use crate::db::Db;
use crate::domain::{DisbursementId, GrantId, PositiveMoney, ShortText};
use crate::error::{AppError, Problem};
use crate::http::{IdempotentJson, PageParams, Query};

crate::page_names!(DisbursementView => DisbursementPage);

/// Who reads a grant's payments: staff, auditors, and the grantee's own applicants.
const READERS: &[Role] = &[
    Role::Admin,
    Role::Secretariat,
    Role::Finance,
    Role::Auditor,
    Role::Applicant,
];

/// Checks the caller may read grant `id`'s money; 404 for another organisation's grant.
async fn readable(caller: &Caller, db: &Db, id: GrantId) -> Result<(), AppError> {
    caller.require(READERS)?;
    let grant = db
        .read(move |conn| model::find(conn, id))
        .await?
        .ok_or(AppError::NotFound)?;
    if caller.role() == Role::Applicant && caller.organization_id() != Some(grant.organization_id) {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Adds `Location: {base}/{id}` from the answer's `id` (a replayed answer included).
async fn with_location(response: HttpResponse, base: String) -> Result<HttpResponse, AppError> {
    let (head, body) = response.into_parts();
    let bytes = to_bytes(body)
        .await
        .map_err(|e| AppError::internal(anyhow::anyhow!("reading the answer: {e}")))?;
    let id = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v["id"].as_str().map(str::to_string));
    let mut response = head.set_body(BoxBody::new(bytes));
    if let Some(id) = id {
        let value = HeaderValue::from_str(&format!("{base}/{id}")).map_err(AppError::internal)?;
        response.headers_mut().insert(LOCATION, value);
    }
    Ok(response)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrancheRequest {
    /// In the award's currency; the tranches add up to the award exactly.
    pub amount: PositiveMoney,
    /// In order, from the signature to the end of the grant period.
    #[serde(deserialize_with = "crate::domain::date")]
    pub due_on: NaiveDate,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementRequest {
    /// From the award to tomorrow (UTC).
    #[serde(deserialize_with = "crate::domain::date")]
    pub signed_on: NaiveDate,
    #[serde(deserialize_with = "crate::domain::date")]
    pub period_start: NaiveDate,
    /// After `period_start`, at most 60 months later.
    #[serde(deserialize_with = "crate::domain::date")]
    pub period_end: NaiveDate,
    /// 1 to 12 tranches.
    #[schema(min_items = 1, max_items = 12)]
    pub tranches: Vec<TrancheRequest>,
}

/// Sign a grant's agreement with its tranche schedule (secretariat). Once only (409
/// after); the tranches add up to the award exactly (422 `schedule-mismatch`), due dates
/// in order inside the period (422 `schedule-dates`); the grantee must still be allowed
/// money. Each tranche gets its part of the programme support cost (its share rounded
/// down to the cent, the last tranche takes the rest). Honours `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/grants/{id}/agreement", tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = AgreementRequest,
    responses((status = 201, body = GrantView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn sign_agreement(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    body: IdempotentJson<AgreementRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let IdempotentJson { body, key } = body;
    let new = NewAgreement {
        signed_on: body.signed_on,
        period_start: body.period_start,
        period_end: body.period_end,
        tranches: body
            .tranches
            .into_iter()
            .map(|t| (t.amount.into_inner(), t.due_on))
            .collect(),
    };
    caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            agreement::sign(tx, id, new)?;
            model::find(tx.conn(), id)?.ok_or(AppError::NotFound)
        })
        .await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisbursementRequest {
    /// The tranche paid: 1, 2, … as in the agreement.
    #[schema(minimum = 1, maximum = 12)]
    pub tranche: i32,
    /// In the award's currency; at most what is left of the tranche.
    pub amount: PositiveMoney,
    /// From the agreement's signature to tomorrow (UTC).
    #[serde(deserialize_with = "crate::domain::date")]
    pub value_date: NaiveDate,
    pub payment_reference: ShortText,
}

/// Pay a tranche, in full or in part (finance). One ledger entry: the payment and its
/// programme support cost out of cash, releasing that much of the grant's commitment.
/// 422 `no-agreement`, `tranche-exceeded`, `report-pending` (tranche 2 and later wait for
/// the accepted reports on the tranches before), `grant-closed`, `insufficient-funds`,
/// `organization-refused`. Honours `Idempotency-Key`; answers 201 with `Location`.
#[utoipa::path(post, path = "/api/v1/grants/{id}/disbursements", tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = DisbursementRequest,
    responses((status = 201, body = DisbursementView,
            headers(("Location" = String, description = "the disbursement"))),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn disburse(
    caller: Allowed<only::Finance>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    body: IdempotentJson<DisbursementRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let IdempotentJson { body, key } = body;
    let new = NewDisbursement {
        tranche: body.tranche,
        amount: body.amount.into_inner(),
        value_date: body.value_date,
        payment_reference: body.payment_reference.into_string(),
    };
    let response = caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            disbursements::disburse(tx, id, new)
        })
        .await?;
    with_location(response, format!("/api/v1/grants/{id}/disbursements")).await
}

/// A grant's disbursements, newest first, reversed ones marked (the grantee's applicants,
/// staff, auditors).
#[utoipa::path(get, path = "/api/v1/grants/{id}/disbursements", tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), PageParams),
    responses((status = 200, body = DisbursementPage)))]
pub async fn list_disbursements(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let page = page.request()?;
    readable(&caller, &db, id).await?;
    let page = db
        .read(move |conn| disbursements::list(conn, id, page))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One disbursement (the grantee's applicants, staff, auditors).
#[utoipa::path(get, path = "/api/v1/grants/{id}/disbursements/{disbursement_id}", tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("disbursement_id" = Uuid, Path)),
    responses((status = 200, body = DisbursementView)))]
pub async fn get_disbursement(
    caller: Caller,
    db: web::Data<Db>,
    path: web::Path<(GrantId, DisbursementId)>,
) -> Result<HttpResponse, AppError> {
    let (id, disbursement) = path.into_inner();
    readable(&caller, &db, id).await?;
    let found = db
        .read(move |conn| disbursements::find(conn, id, disbursement))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(found))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// In the award's currency; at most what was paid net of earlier refunds.
    pub amount: PositiveMoney,
    /// From the first payment's value date to tomorrow (UTC).
    #[serde(deserialize_with = "crate::domain::date")]
    pub received_on: NaiveDate,
    pub bank_reference: ShortText,
    /// Why the money came back (unspent at closure, ineligible expenditure, …).
    pub reason: ShortText,
}

/// Record unspent money returned by the grantee (finance): back into cash and the
/// available balance, with its share of programme support cost credited back. 422
/// `refund-exceeds-paid`; 409 when a standing refund of the grant already carries the bank
/// reference (the answer names it). Honours `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/grants/{id}/refunds", tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = RefundRequest,
    responses((status = 201, body = RefundView),
        (status = 409, description = "A standing refund of this grant already carries the bank reference", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn refund(
    caller: Allowed<only::Finance>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    body: IdempotentJson<RefundRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let IdempotentJson { body, key } = body;
    let new = NewRefund {
        amount: body.amount.into_inner(),
        received_on: body.received_on,
        bank_reference: body.bank_reference.into_string(),
        reason: body.reason.into_string(),
    };
    caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            refunds::refund(tx, id, new)
        })
        .await
}

/// A grant's refunds, newest first (the grantee's applicants, staff, auditors).
#[utoipa::path(get, path = "/api/v1/grants/{id}/refunds", tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<RefundView>)))]
pub async fn list_refunds(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    readable(&caller, &db, id).await?;
    let refunds = db.read(move |conn| refunds::list(conn, id)).await?;
    Ok(HttpResponse::Ok().json(refunds))
}
