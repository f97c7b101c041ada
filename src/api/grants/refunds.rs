//! `POST/GET /api/v1/grants/{id}/refunds`: finance records money a grantee returns; the
//! grantee's applicants, staff and auditors read.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::{only, Allowed};
use crate::db::Db;
use crate::domain::{GrantId, PositiveMoney, ShortText};
use crate::error::{AppError, Problem};
use crate::grants::{self, NewRefund, RefundView};
use crate::http::IdempotentJson;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
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
///
/// Rules the schema cannot state: The amount is in the award's currency
/// (`currency-mismatch`), with no more decimal places than it allows, and at most what
/// was paid net of earlier refunds (`refund-exceeds-paid`); `received_on` is not in a
/// month finance has closed (`period-closed`) nor before the Fund's first accounting
/// period (`before-first-period`).
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = RefundRequest,
    responses((status = 201, body = RefundView),
        (status = 409, description = "A standing refund of this grant already carries the bank reference", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    operation_id = "record_refund")]
#[post("/api/v1/grants/{id}/refunds")]
async fn record_refund(
    caller: Allowed<only::Finance>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    body: IdempotentJson<RefundRequest>,
) -> Result<HttpResponse, AppError> {
    let IdempotentJson { body, key } = body;
    let new = NewRefund {
        grant: id.into_inner(),
        amount: body.amount.into_inner(),
        received_on: body.received_on,
        bank_reference: body.bank_reference.into_string(),
        reason: body.reason.into_string(),
    };
    caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            grants::refund(tx, new)
        })
        .await
}

/// A grant's refunds, newest first (the grantee's applicants, staff, auditors).
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<RefundView>)),
    operation_id = "list_refunds")]
#[get("/api/v1/grants/{id}/refunds")]
async fn list_refunds(
    caller: Allowed<only::StaffOrApplicant>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
) -> Result<HttpResponse, AppError> {
    let grant = id.into_inner();
    let refunds = caller
        .read(&db, move |conn, actor| {
            grants::list_refunds(conn, actor, grant)
        })
        .await?;
    Ok(HttpResponse::Ok().json(refunds))
}
