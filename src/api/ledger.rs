//! `GET /api/v1/ledger` and `GET /api/v1/ledger/transactions/{id}`. (The check and
//! reversals involve the owners of entries: see `super::ledger_owners`.)

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::db::{Cursor, Db};
use crate::domain::{LedgerTransactionId, QueryDate};
use crate::error::AppError;
use crate::http::{PageParams, Query};
use crate::ledger::{self, Account, JournalPage, TransactionKind, TransactionView};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_ledger_transactions)
        .service(get_ledger_transaction);
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct JournalParams {
    /// Entries booked on or after this day (UTC).
    #[serde(default)]
    #[param(inline)]
    pub from: Option<QueryDate>,
    /// Entries booked on or before this day (UTC).
    #[serde(default)]
    #[param(inline)]
    pub to: Option<QueryDate>,
    /// Only entries with a posting on this account.
    #[param(value_type = Option<Account>)]
    pub account: Option<Account>,
    #[param(value_type = Option<TransactionKind>)]
    pub kind: Option<TransactionKind>,
    /// 1 to 200, default 50.
    pub limit: Option<i64>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
}

/// The journal, newest first (finance, auditor).
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(JournalParams),
    responses((status = 200, body = JournalPage)),
    operation_id = "list_ledger_transactions")]
#[get("/api/v1/ledger")]
async fn list_ledger_transactions(
    caller: Allowed<only::FinanceOrAuditor>,
    db: web::Data<Db>,
    query: Query<JournalParams>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let limit = PageParams {
        limit: q.limit,
        cursor: None,
    }
    .limit()?;
    let after = q.cursor.as_deref().map(Cursor::parse).transpose()?;
    let query = ledger::JournalQuery {
        from: q.from.map(QueryDate::get),
        to: q.to.map(QueryDate::get),
        account: q.account,
        kind: q.kind,
        limit,
        after,
    };
    let page = caller
        .read(&db, move |conn, actor| {
            ledger::list_journal(conn, actor, query)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One entry (finance, auditor).
#[utoipa::path(tag = "ledger", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = TransactionView)),
    operation_id = "get_ledger_transaction")]
#[get("/api/v1/ledger/transactions/{id}")]
async fn get_ledger_transaction(
    caller: Allowed<only::FinanceOrAuditor>,
    db: web::Data<Db>,
    id: web::Path<LedgerTransactionId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let entry = caller
        .read(&db, move |conn, actor| {
            ledger::get_transaction(conn, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(entry))
}
