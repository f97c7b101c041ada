//! `GET /api/v1/ledger/check` and `POST /api/v1/ledger/transactions/{id}/reversal`.

use crate::api::{only, Allowed};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::check::CheckReport;
use crate::api::Caller;
use crate::auth::Role;
use crate::db::Db;
use crate::domain::{LedgerTransactionId, ShortText};
use crate::error::{AppError, Problem};
use crate::http::IdempotentJson;
use crate::ledger::TransactionView;

/// Recompute every balance from the postings, verify the ledger's invariants and
/// reconcile every receipt and grant with its postings (finance, auditor).
#[utoipa::path(get, path = "/api/v1/ledger/check", tag = "ledger", security(("bearer" = [])),
    responses((status = 200, body = CheckReport)))]
pub async fn check(caller: Caller, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    caller.require(&[Role::Finance, Role::Auditor])?;
    let report = db.read(super::run_check).await?;
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReversalRequest {
    /// Why the entry was wrong.
    pub reason: ShortText,
}

/// Undo a wrong entry by a new one that negates it (finance), through the feature that
/// owns it: a receipt is marked reversed on its contribution. Once only; a reversal
/// cannot be reversed (409). A grant's commitment is never reversed here (422
/// `grant-commitment-not-reversible`): the grant's own lifecycle releases it. A reversal
/// that would take cash below zero or leave commitments larger than the Fund's means is
/// refused (422 `insufficient-funds`). Honours `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/ledger/transactions/{id}/reversal", tag = "ledger", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = ReversalRequest,
    responses((status = 201, body = TransactionView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn reverse(
    caller: Allowed<only::Finance>,
    db: web::Data<Db>,
    id: web::Path<LedgerTransactionId>,
    body: IdempotentJson<ReversalRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let reason = body.body.reason.into_string();
    caller
        .write_once(&db, body.key, StatusCode::CREATED, move |tx| {
            let reversal = super::reverse(tx, id, &reason)?;
            crate::ledger::find(tx.conn(), reversal)?.ok_or(AppError::NotFound)
        })
        .await
}
