//! `POST /api/v1/grants/{id}/cancellation` and `POST /api/v1/grants/{id}/write-off`: the
//! secretariat cancels a grant on a Board decision, and writes off a refund owed that
//! will not come.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::{only, Allowed};
use crate::db::Db;
use crate::domain::{GrantId, ShortText, Text};
use crate::error::{AppError, Problem};
use crate::grants::{self, Cancel, GrantView, WriteOff};
use crate::http::IdempotentJson;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancellationRequest {
    /// Why the grant is cancelled or terminated.
    pub reason: Text,
    /// The Board decision it rests on: its reference or wording.
    pub board_decision: ShortText,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WriteOffRequest {
    /// Why the refund owed will not come.
    pub reason: Text,
}

/// Cancel or terminate a grant on a Board decision (secretariat): everything not paid
/// (award and programme support cost) is released to the available balance in one ledger
/// entry, unpaid tranches become `released`, payments made stand. What the grantee
/// received beyond the spending its accepted reports account for is a refund owed: the
/// grant is `cancelled`, or `closing` while that refund is owed. Honours
/// `Idempotency-Key`.
///
/// Rules the schema cannot state: only an `awarded` or `agreement_signed` grant can be
/// cancelled (409 otherwise); allowed whatever the organisation's standing.
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = CancellationRequest,
    responses((status = 201, body = GrantView),
        (status = 409, description = "The grant is already closing, closed or cancelled", body = Problem, content_type = "application/problem+json")),
    operation_id = "cancel_grant")]
#[post("/api/v1/grants/{id}/cancellation")]
async fn cancel_grant(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    body: IdempotentJson<CancellationRequest>,
) -> Result<HttpResponse, AppError> {
    let IdempotentJson { body, key } = body;
    let command = Cancel {
        grant: id.into_inner(),
        reason: body.reason.into_string(),
        board_decision: body.board_decision.into_string(),
    };
    caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            grants::cancel(tx, command)
        })
        .await
}

/// Write off a refund owed that will not come (secretariat): the grant ends (`closed`,
/// or `cancelled` if it was cancelled) with the amount written off recorded. Honours
/// `Idempotency-Key`.
///
/// Rules the schema cannot state: only a grant `closing` with a refund owed (409
/// otherwise).
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = WriteOffRequest,
    responses((status = 201, body = GrantView),
        (status = 409, description = "The grant owes no refund", body = Problem, content_type = "application/problem+json")),
    operation_id = "write_off_refund")]
#[post("/api/v1/grants/{id}/write-off")]
async fn write_off_refund(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    body: IdempotentJson<WriteOffRequest>,
) -> Result<HttpResponse, AppError> {
    let IdempotentJson { body, key } = body;
    let command = WriteOff {
        grant: id.into_inner(),
        reason: body.reason.into_string(),
    };
    caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            grants::write_off(tx, command)
        })
        .await
}
