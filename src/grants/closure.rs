//! Closure: once the final report is accepted (the reports feature calls [`close`]), the
//! grant closes. Whatever of its commitment (award and programme support cost) was not
//! paid out is released to the Fund's available balance in one ledger entry, and nothing
//! more can be paid on it (422 `grant-closed`). Refunds are still received after closure:
//! unspent money comes back once the final report shows it.

use diesel::prelude::*;
use serde_json::json;

use super::model::{self, GrantState, GrantView};
use crate::audit::Change;
use crate::db::schema::grants;
use crate::db::Tx;
use crate::domain::{GrantId, Money};
use crate::error::AppError;
use crate::ledger::{Account, Owner, Posting, TransactionKind};

/// Closes grant `grant` inside `tx`: 404 if unknown, 409 if already closed. Releases the
/// unpaid commitment (one `release` entry owned by the grant; none when nothing is left),
/// records the closure with its audit event, and returns the closed grant.
pub fn close(tx: &mut Tx, grant: GrantId) -> Result<GrantView, AppError> {
    let row = model::row(tx.conn(), grant)?.ok_or(AppError::NotFound)?;
    if row.state == GrantState::Closed {
        return Err(AppError::conflict("the grant is already closed"));
    }
    let loaded = super::ledger_book::load(tx.conn(), &row)?;
    let unpaid = i64::try_from(loaded.book.unpaid_commitment()).map_err(AppError::internal)?;
    if unpaid < 0 {
        return Err(AppError::internal(anyhow::anyhow!(
            "grant {grant}: paid more than committed"
        )));
    }
    let release = if unpaid > 0 {
        let amount = Money::from_minor(unpaid, row.currency).map_err(AppError::internal)?;
        let party = grant.as_uuid();
        Some(crate::ledger::post(
            tx,
            TransactionKind::Release,
            &format!("grant closed: unpaid commitment {amount} released"),
            Owner::Grant(grant),
            vec![
                Posting::usd(Account::CommitmentsOutstanding, Some(party), amount),
                Posting::usd(Account::GrantCommitments, Some(party), -amount),
            ],
        )?)
    } else {
        None
    };
    let now = tx.now();
    diesel::update(grants::table.find(grant))
        .set((
            grants::state.eq(GrantState::Closed),
            grants::closed_at.eq(Some(now)),
            grants::release_transaction_id.eq(release),
        ))
        .execute(tx.conn())?;
    tx.audit(Change::new(
        "grant.closed",
        "grant",
        grant,
        json!({
            "before": {"state": row.state.as_str()},
            "after": {"state": "closed"},
            "released_minor": unpaid,
            "release_transaction_id": release,
        }),
    ))?;
    let today = tx.now().date();
    model::find(tx.conn(), grant, today)?.ok_or(AppError::NotFound)
}
