//! Closure: once the final report is accepted (the reports feature calls [`close`]), the
//! grant closes. Whatever of its commitment (award and programme support cost) was not
//! paid out is released to the Fund's available balance in one ledger entry, and nothing
//! more can be paid on it (422 `grant-closed`). When the final report shows less spent
//! than the grantee received, the difference is a refund owed and the grant waits in
//! `closing` until it is refunded or written off (see [`super::settlement`]).

use serde_json::json;

use super::model::{self, GrantView};
use super::settlement;
use crate::audit::Change;
use crate::db::Tx;
use crate::domain::{GrantId, Money};
use crate::error::AppError;
use crate::grants::GrantState;

/// Closes grant `grant` inside `tx` on a final report showing `spent` over the whole
/// grant: 404 if unknown, 409 unless it is open. Releases the unpaid commitment (one
/// `release` entry owned by the grant; none when nothing is left), keeps the refund owed,
/// records the closure with its audit event, and returns the grant as it now stands.
pub fn close(tx: &mut Tx, grant: GrantId, spent: Money) -> Result<GrantView, AppError> {
    let row = model::row(tx.conn(), grant)?.ok_or(AppError::NotFound)?;
    if !row.state.is_open() {
        return Err(AppError::conflict(format!(
            "the grant is already {}",
            row.state.as_str()
        )));
    }
    if spent.currency() != row.currency || spent.is_negative() {
        return Err(AppError::internal(anyhow::anyhow!(
            "grant {grant}: final report spent {spent} in the wrong currency or below zero"
        )));
    }
    let loaded = super::ledger_book::load(tx.conn(), &row)?;
    let done = settlement::release(
        tx,
        &row,
        &loaded,
        GrantState::Closed,
        spent.to_minor(),
        "grant closed",
    )?;
    tx.audit(Change::new(
        "grant.closed",
        "grant",
        grant,
        json!({
            "before": {"state": row.state.as_str()},
            "after": {"state": done.state.as_str()},
            "released_minor": done.released_minor,
            "release_transaction_id": done.release,
            "spent_minor": spent.to_minor(),
            "refund_due_minor": done.refund_due_minor,
        }),
    ))?;
    let today = tx.now().date();
    model::find(tx.conn(), grant, today)?.ok_or(AppError::NotFound)
}
