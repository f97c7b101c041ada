//! `GET /api/v1/ledger` and `GET /api/v1/ledger/transactions/{id}`. (The check and
//! reversals involve the owners of entries: see `crate::ledger_owners`.)

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::domain::{LedgerTransactionId, QueryDate};

use super::account::{Account, TransactionKind};
use super::store::{self, JournalFilter};
use super::view::TransactionView;
use crate::api::Caller;
use crate::auth::Role;
use crate::db::Db;
use crate::error::AppError;
use crate::http::{Cursor, Page, Query};

const READERS: &[Role] = &[Role::Finance, Role::Auditor];

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct JournalQuery {
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

#[derive(Debug, Serialize, ToSchema)]
pub struct JournalPage {
    pub items: Vec<TransactionView>,
    pub next_cursor: Option<String>,
}

/// The journal, newest first (finance, auditor).
#[utoipa::path(get, path = "/api/v1/ledger", tag = "ledger", security(("bearer" = [])), params(JournalQuery),
    responses((status = 200, body = JournalPage)))]
pub async fn list(
    caller: Caller,
    db: web::Data<Db>,
    query: Query<JournalQuery>,
) -> Result<HttpResponse, AppError> {
    caller.require(READERS)?;
    let q = query.into_inner();
    let limit = crate::http::PageParams {
        limit: q.limit,
        cursor: None,
    }
    .limit()?;
    let before_seq = q
        .cursor
        .as_deref()
        .map(Cursor::parse)
        .transpose()?
        .map(|c| {
            c.id.parse::<i64>()
                .map_err(|_| AppError::bad_field("cursor", "not a cursor this service returned"))
        })
        .transpose()?;
    let (from, to) = (q.from.map(QueryDate::get), q.to.map(QueryDate::get));
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(AppError::bad_field("to", "must not be before `from`"));
        }
    }
    let filter = JournalFilter {
        from: from.and_then(|d| d.and_hms_opt(0, 0, 0)),
        until: to
            .and_then(|d| d.succ_opt())
            .and_then(|d| d.and_hms_opt(0, 0, 0)),
        account: q.account,
        kind: q.kind,
        before_seq,
    };
    let rows = db
        .read(move |conn| store::list(conn, filter, limit))
        .await?;
    let page = Page::from_rows(
        rows,
        limit,
        |e| Cursor::new(e.created_at, e.record.seq),
        |e| TransactionView::from(&e),
    );
    Ok(HttpResponse::Ok().json(JournalPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// One entry (finance, auditor).
#[utoipa::path(get, path = "/api/v1/ledger/transactions/{id}", tag = "ledger", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = TransactionView)))]
pub async fn get(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<LedgerTransactionId>,
) -> Result<HttpResponse, AppError> {
    caller.require(READERS)?;
    let id = id.into_inner();
    let entry = db
        .read(move |conn| super::find(conn, id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(entry))
}
