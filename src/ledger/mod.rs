//! The double-entry ledger: every movement of money is a transaction whose postings add
//! up to zero per currency, appended in the same database transaction as the business
//! change and its audit event, never edited, undone only by a reversal. The Fund's
//! balances and the integrity check are recomputed from the postings.
//!
//! Other features call [`post`], [`commit_grant`], [`balances`] and [`reverse`], and the
//! idempotency helper in [`crate::http::idempotency`].

mod account;
mod balances;
mod check;
pub mod cli;
mod handlers;
mod rules;
mod store;
mod view;

use actix_web::web;
use serde_json::json;
use utoipa::OpenApi;
use uuid::Uuid;

pub use account::{Account, TransactionKind};
pub use balances::{Balances, CurrencyReceipts};
pub use check::{run_check, CheckReport};
pub use rules::{Posting, ReceiptRecord, Violation};
pub use view::{PostingView, TransactionView};

use crate::audit::Change;
use crate::db::{DbConnection, Tx};
use crate::domain::{Currency, Money};
use crate::error::AppError;
use crate::error::Rule;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/ledger").route(web::get().to(handlers::list)))
        .service(web::resource("/api/v1/ledger/check").route(web::get().to(handlers::check)))
        .service(
            web::resource("/api/v1/ledger/transactions/{id}").route(web::get().to(handlers::get)),
        )
        .service(
            web::resource("/api/v1/ledger/transactions/{id}/reversal")
                .route(web::post().to(handlers::reverse)),
        );
}

#[derive(OpenApi)]
#[openapi(
    paths(handlers::list, handlers::check, handlers::get, handlers::reverse),
    components(schemas(
        Balances,
        CurrencyReceipts,
        TransactionView,
        PostingView,
        view::ReferenceView,
        Account,
        TransactionKind,
        Violation,
        CheckReport,
        handlers::ReversalRequest,
        handlers::JournalPage
    ))
)]
pub struct LedgerApi;

/// The Fund's balances in USD, from the postings, with the reserve at the Fund's rate.
pub fn balances(conn: &mut DbConnection) -> Result<Balances, AppError> {
    let rate = crate::fund::load(conn)?.settings.operating_reserve_rate;
    let postings = store::all_postings(conn)?;
    balances::from_postings(&postings, rate)
}

/// Validates that the postings balance and appends them as one entry (with its audit
/// event). Refuses 422 `insufficient-funds` if cash would go below zero. Reversals go
/// through [`reverse`], not here.
pub fn post(
    tx: &mut Tx,
    kind: TransactionKind,
    memo: &str,
    reference: Option<(&str, Uuid)>,
    postings: Vec<Posting>,
) -> Result<Uuid, AppError> {
    if kind == TransactionKind::Reversal {
        return Err(AppError::internal(anyhow::anyhow!(
            "reversals are posted by ledger::reverse"
        )));
    }
    store::insert(tx, kind, memo, reference, None, postings)
}

/// Commits a grant's award plus programme support cost: moves `available` down by their
/// sum. 422 `insufficient-funds` if available is less. See [`commit_grant_if_covered`].
pub fn commit_grant(
    tx: &mut Tx,
    grant_id: Uuid,
    award: Money,
    psc: Money,
) -> Result<Uuid, AppError> {
    commit_grant_if_covered(tx, grant_id, award, psc)?.ok_or_else(|| {
        AppError::rule(
            Rule::InsufficientFunds,
            format!(
                "the Fund's available balance does not cover {award} plus {psc} programme support cost"
            ),
        )
    })
}

/// Commits award + PSC when the Fund's available balance covers them; `None` (nothing
/// written) when it does not. Checked inside `tx`, which holds the write lock, so no
/// racing commitment can slip in between the check and the posting.
pub fn commit_grant_if_covered(
    tx: &mut Tx,
    grant_id: Uuid,
    award: Money,
    psc: Money,
) -> Result<Option<Uuid>, AppError> {
    let usd = |m: Money, field: &str| {
        if m.currency() != Currency::USD || m.is_negative() {
            Err(AppError::internal(anyhow::anyhow!(
                "{field} must be a USD amount of at least zero, got {m}"
            )))
        } else {
            Ok(m)
        }
    };
    let total = usd(award, "award")?
        .checked_add(usd(psc, "psc")?)
        .map_err(AppError::internal)?;
    let available = balances(tx.conn())?.available;
    if total > available {
        return Ok(None);
    }
    post(
        tx,
        TransactionKind::Commitment,
        &format!("grant commitment: award {award}, programme support cost {psc}"),
        Some(("grant", grant_id)),
        vec![
            Posting::usd(Account::GrantCommitments, Some(grant_id), total),
            Posting::usd(Account::CommitmentsOutstanding, Some(grant_id), -total),
        ],
    )
    .map(Some)
}

/// Undoes an entry by a new one with every posting negated. 404 if unknown; 409 if it
/// is a reversal or already reversed; 422 `insufficient-funds` if cash would go negative.
pub fn reverse(tx: &mut Tx, id: Uuid, reason: &str) -> Result<Uuid, AppError> {
    let original = store::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    let cash = store::cash(tx.conn())?;
    rules::reversal_allowed(
        original.record.kind,
        original.reversed_by.is_some(),
        cash,
        &original.record.postings,
    )
    .map_err(|refusal| match refusal {
        rules::ReversalRefusal::IsReversal => {
            AppError::conflict("a reversal cannot itself be reversed")
        }
        rules::ReversalRefusal::AlreadyReversed => {
            AppError::conflict("this entry has already been reversed")
        }
        rules::ReversalRefusal::InsufficientFunds => AppError::rule(
            Rule::InsufficientFunds,
            "reversing this entry would take the Fund's cash below zero",
        ),
    })?;
    let postings = rules::negate(&original.record.postings);
    let reversal = store::insert(
        tx,
        TransactionKind::Reversal,
        reason,
        None,
        Some(id),
        postings,
    )?;
    tx.audit(Change::new(
        "ledger_transaction.reversed",
        "ledger_transaction",
        id,
        json!({ "reversed_by": reversal, "reason": reason }),
    ))?;
    Ok(reversal)
}

/// The ids among `ids` whose entry has been reversed (e.g. receipts no longer counted).
pub fn reversed_among(
    conn: &mut DbConnection,
    ids: &[Uuid],
) -> Result<std::collections::HashSet<Uuid>, AppError> {
    store::reversed_among(conn, ids)
}

/// One entry, as the journal shows it.
pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Option<TransactionView>, AppError> {
    Ok(store::find(conn, id)?.as_ref().map(TransactionView::from))
}

#[cfg(test)]
mod tests;
