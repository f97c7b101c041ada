//! `POST/GET /api/v1/grants/{id}/disbursements` and `GET …/disbursements/{disbursement_id}`:
//! finance pays; the grantee's applicants, staff and auditors read.

use actix_web::body::{to_bytes, BoxBody};
use actix_web::http::header::{HeaderValue, LOCATION};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::{only, Allowed};
use crate::config::GrantSettings;
use crate::db::Db;
use crate::domain::{DisbursementId, GrantId, PositiveMoney, ShortText};
use crate::error::{AppError, Problem};
use crate::grants::{self, DisbursementRef, DisbursementView, ListDisbursements, NewDisbursement};
use crate::http::{IdempotentJson, PageParams, Query};

crate::page_names!(DisbursementView => DisbursementPage);

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
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

/// Adds `Location: {base}/{id}` from the answer's `id`: the answer may be one replayed
/// for an `Idempotency-Key`, so the id is read from the body rather than the use case.
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

/// Pay a tranche, in full or in part (finance). One ledger entry: the payment and its
/// programme support cost out of cash, releasing that much of the grant's commitment.
/// 422 `no-agreement`, `tranche-exceeded`, `previous-tranche-unpaid`, `report-pending`,
/// `report-spent-too-little` (tranche 2 and later wait for the tranches before to be paid,
/// their reports accepted, and the report on the one just before to show the configured
/// share of the money received through it spent), `grant-closed`, `insufficient-funds`,
/// `organization-refused`. Honours `Idempotency-Key`; answers 201 with `Location`.
///
/// Rules the schema cannot state: The agreement is signed (422 `no-agreement`); the
/// amount is in the award's currency (`currency-mismatch`), with no more decimal places
/// than it allows, and at most what is left of the tranche (`tranche-exceeded`); a
/// tranche after the first waits for those before it to be paid, at least in part
/// (`previous-tranche-unpaid`), for their accepted reports (`report-pending`), and for
/// the accepted report on the one just before to show at least the Fund's configured
/// share (`grants.report_min_spent_share`, 70% unless configured) of the money received
/// through it spent (`report-spent-too-little`); a closed grant pays nothing (`grant-closed`); the payment
/// reference is not carried by a standing disbursement of the Fund (409); `value_date` is
/// not in a month finance has closed (`period-closed`) nor before the Fund's first
/// accounting period (`before-first-period`).
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = DisbursementRequest,
    responses((status = 201, body = DisbursementView,
            headers(("Location" = String, description = "the disbursement"))),
        (status = 409, description = "A standing disbursement of the Fund, on this grant or another, already carries the payment reference (the detail names it: id, grant, value date); a reversed one frees it", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    operation_id = "disburse_tranche")]
#[post("/api/v1/grants/{id}/disbursements")]
async fn disburse_tranche(
    caller: Allowed<only::Finance>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    grant_settings: web::Data<GrantSettings>,
    body: IdempotentJson<DisbursementRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let IdempotentJson { body, key } = body;
    let new = NewDisbursement {
        grant: id,
        tranche: body.tranche,
        amount: body.amount.into_inner(),
        value_date: body.value_date,
        payment_reference: body.payment_reference.into_string(),
        min_spent_share: grant_settings.report_min_spent_share,
    };
    let response = caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            grants::disburse(tx, new)
        })
        .await?;
    with_location(response, format!("/api/v1/grants/{id}/disbursements")).await
}

/// A grant's disbursements, newest first, reversed ones marked (the grantee's applicants,
/// staff, auditors).
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), PageParams),
    responses((status = 200, body = DisbursementPage)),
    operation_id = "list_disbursements")]
#[get("/api/v1/grants/{id}/disbursements")]
async fn list_disbursements(
    caller: Allowed<only::StaffOrApplicant>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let query = ListDisbursements {
        grant: id.into_inner(),
        page: page.request()?,
    };
    let page = caller
        .read(&db, move |conn, actor| {
            grants::list_disbursements(conn, actor, query)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One disbursement (the grantee's applicants, staff, auditors).
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("disbursement_id" = Uuid, Path)),
    responses((status = 200, body = DisbursementView)),
    operation_id = "get_disbursement")]
#[get("/api/v1/grants/{id}/disbursements/{disbursement_id}")]
async fn get_disbursement(
    caller: Allowed<only::StaffOrApplicant>,
    db: web::Data<Db>,
    path: web::Path<(GrantId, DisbursementId)>,
) -> Result<HttpResponse, AppError> {
    let (grant, disbursement) = path.into_inner();
    let query = DisbursementRef {
        grant,
        disbursement,
    };
    let found = caller
        .read(&db, move |conn, actor| {
            grants::show_disbursement(conn, actor, query)
        })
        .await?;
    Ok(HttpResponse::Ok().json(found))
}
