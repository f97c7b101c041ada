//! Cancelling or terminating a grant on a Board decision (the secretariat records it).
//!
//! Allowed while the grant is open (`awarded` or `agreement_signed`; 409 otherwise), and
//! whatever its organisation's standing: a grant of an organisation refused or suspended
//! since is exactly what may need cancelling, and cancelling moves money back to the Fund,
//! never toward the organisation. In one transaction: the unpaid commitment (award and
//! programme support cost) is released in one `release` entry owned by the grant (as at
//! closure: see [`super::settlement`]), unpaid tranches show `released`, payments made
//! stand, and what the grantee received beyond the spending its accepted reports account
//! for (the largest total among them, zero without one) is a refund owed: the grant is
//! `cancelled`, or `closing` until that refund is recorded or written off. Nothing more is
//! paid on it (`grant-closed`), no agreement is signed, and its disbursements are not
//! reversed. Audit event `grant.cancelled`; the grantee's users are told by mail.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::model::{self, GrantState, GrantView};
use super::settlement;
use crate::audit::Change;
use crate::db::schema::grant_cancellations as gc;
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::{Currency, GrantId, Money, UserId};
use crate::error::AppError;

/// The secretariat cancels a grant.
#[derive(Debug, Clone)]
pub struct Cancel {
    pub grant: GrantId,
    pub reason: String,
    pub board_decision: String,
}

/// Why and when a grant was cancelled, and what that released.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CancellationView {
    pub reason: String,
    /// The Board decision it rests on (its reference or wording).
    pub board_decision: String,
    /// The commitment (award and PSC) released by the cancellation.
    #[schema(value_type = crate::domain::Money)]
    pub released: Money,
    pub cancelled_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = gc)]
struct CancellationRow {
    grant_id: GrantId,
    reason: String,
    board_decision: String,
    released_minor: i64,
    cancelled_by: Option<UserId>,
    cancelled_at: NaiveDateTime,
}

/// Grant `grant`'s cancellation, if it was cancelled.
pub(super) fn find(
    conn: &mut DbConnection,
    grant: GrantId,
    currency: Currency,
) -> Result<Option<CancellationView>, AppError> {
    let row: Option<CancellationRow> = gc::table
        .find(grant)
        .select(CancellationRow::as_select())
        .get_result(conn)
        .optional()?;
    row.map(|r| {
        Ok(CancellationView {
            released: Money::from_minor(r.released_minor, currency).map_err(AppError::internal)?,
            reason: r.reason,
            board_decision: r.board_decision,
            cancelled_at: to_utc(r.cancelled_at),
        })
    })
    .transpose()
}

/// What grant `grant`'s cancellation recorded as released, if it was cancelled.
pub(super) fn released_minor(
    conn: &mut DbConnection,
    grant: GrantId,
) -> Result<Option<i64>, AppError> {
    Ok(gc::table
        .find(grant)
        .select(gc::released_minor)
        .get_result(conn)
        .optional()?)
}

/// Cancels grant `command.grant`: 404 unknown, 409 unless open. Answers the grant as
/// this transaction left it.
pub fn cancel(tx: &mut Tx, command: Cancel) -> Result<GrantView, AppError> {
    let Cancel {
        grant,
        reason,
        board_decision,
    } = command;
    let row = model::row(tx.conn(), grant)?.ok_or(AppError::NotFound)?;
    if !row.state.is_open() {
        return Err(AppError::conflict(format!(
            "the grant is {}: only an awarded or signed grant can be cancelled",
            row.state.as_str()
        )));
    }
    let loaded = super::ledger_book::load(tx.conn(), &row)?;
    let spent = super::reports_link::accounted_spent(tx.conn(), grant)?;
    let done = settlement::release(
        tx,
        &row,
        &loaded,
        GrantState::Cancelled,
        spent,
        "grant cancelled",
    )?;
    let cancelled = CancellationRow {
        grant_id: grant,
        reason,
        board_decision,
        released_minor: done.released_minor,
        cancelled_by: tx.actor().user_id,
        cancelled_at: tx.now(),
    };
    diesel::insert_into(gc::table)
        .values(&cancelled)
        .execute(tx.conn())?;
    let money = |minor| Money::from_minor(minor, row.currency).map_err(AppError::internal);
    let released = money(done.released_minor)?;
    let refund_due = money(done.refund_due_minor)?;
    tx.audit(Change::new(
        "grant.cancelled",
        "grant",
        grant,
        json!({
            "before": {"state": row.state.as_str()},
            "after": {"state": done.state.as_str()},
            "reason": cancelled.reason,
            "board_decision": cancelled.board_decision,
            "released": released,
            "release_transaction_id": done.release,
            "spent_minor": spent,
            "refund_due": refund_due,
        }),
    ))?;
    super::notices::grant_cancelled(
        tx,
        grant,
        &cancelled.reason,
        &cancelled.board_decision,
        refund_due,
    )?;
    let today = tx.now().date();
    model::find(tx.conn(), grant, today)?.ok_or(AppError::NotFound)
}
