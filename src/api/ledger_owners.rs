//! `GET /api/v1/ledger/check` and `POST /api/v1/ledger/transactions/{id}/reversal`:
//! the ledger's operations that reach the owners of its entries.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::db::Db;
use crate::domain::{LedgerTransactionId, ShortText};
use crate::error::{AppError, Problem};
use crate::http::IdempotentJson;
use crate::ledger::TransactionView;
use crate::ledger_owners::{self, CheckReport, Reversal};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(check_ledger)
        .service(reverse_ledger_transaction);
}

/// Recompute every balance from the postings, verify the ledger's invariants and
/// reconcile every receipt and grant with its postings (finance, auditor).
#[utoipa::path(tag = "ledger", security(("bearer" = [])),
    responses((status = 200, body = CheckReport)),
    operation_id = "check_ledger")]
#[get("/api/v1/ledger/check")]
async fn check_ledger(
    caller: Allowed<only::FinanceOrAuditor>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let report = caller.read(&db, ledger_owners::check_ledger).await?;
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
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
/// refused (422 `insufficient-funds`). The reversal is dated today (its `value_date`),
/// whatever the original's: an entry of a closed month is corrected in the open one.
/// Honours `Idempotency-Key`.
///
/// Rules the schema cannot state: The entry's owner decides: a grant's commitment is
/// never reversed from the ledger (422 `grant-commitment-not-reversible`), and no
/// reversal may leave commitments above the Fund's means (`insufficient-funds`); a
/// grant's disbursements and refunds are reversed latest first (`reversal-out-of-order`),
/// never on a closed grant (`grant-closed`), nor a disbursement that refunds rely on
/// (`refunds-depend-on-disbursement`).
#[utoipa::path(tag = "ledger", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = ReversalRequest,
    responses((status = 201, body = TransactionView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    operation_id = "reverse_ledger_transaction")]
#[post("/api/v1/ledger/transactions/{id}/reversal")]
async fn reverse_ledger_transaction(
    caller: Allowed<only::Finance>,
    db: web::Data<Db>,
    id: web::Path<LedgerTransactionId>,
    body: IdempotentJson<ReversalRequest>,
) -> Result<HttpResponse, AppError> {
    let reversal = Reversal {
        entry: id.into_inner(),
        reason: body.body.reason.into_string(),
    };
    caller
        .write_once(&db, body.key, StatusCode::CREATED, move |tx| {
            ledger_owners::reverse_entry(tx, reversal)
        })
        .await
}
