//! How a grant ends: its unpaid commitment released, then any refund it is owed.
//!
//! **The release.** Closure (the final report accepted) and cancellation both release what
//! was not paid out (award and programme support cost, [`Book::unpaid_commitment`]) to
//! the available balance in one `release` ledger entry owned by the grant: the ledger
//! effect is the same, and the integrity check holds every grant to at most one release.
//! Why it was released is the grant's own record (its state, its cancellation).
//!
//! **Refunds owed.** At the release the spending the grantee has accounted for is kept
//! with the grant: the final report's total at closure (it covers the whole grant); at
//! cancellation the largest total among its accepted reports (each states spending to its
//! date), zero when none was accepted. What the grantee received (disbursed net of
//! refunds) beyond that spending, less what was written off, is owed back
//! ([`Book::refund_owed`]); while it is not zero the grant waits in `closing`. Every refund
//! and refund reversal on a released grant recomputes it in its own transaction: the
//! refund that brings it to zero closes the grant (`closed`, or `cancelled` if it was
//! cancelled); a reversal that makes money owed again reopens it (`closing`), since the
//! money it recorded did not come. A refund owed that will not come is written off by the
//! secretariat ([`write_off`]), which ends the grant with the amount recorded.
//!
//! [`Book::unpaid_commitment`]: super::book::Book::unpaid_commitment
//! [`Book::refund_owed`]: super::book::Book::refund_owed

use diesel::prelude::*;
use serde_json::json;

use super::ledger_book::Loaded;
use super::model::{self, GrantRow, GrantState, GrantView};
use crate::audit::Change;
use crate::db::schema::{grant_cancellations, grants};
use crate::db::{DbConnection, Tx};
use crate::domain::{GrantId, LedgerTransactionId, Money};
use crate::error::AppError;
use crate::ledger::{Account, Owner, Party, Posting, TransactionKind, ValueDate};

/// What a release did.
pub(super) struct Released {
    pub release: Option<LedgerTransactionId>,
    pub released_minor: i64,
    pub refund_due_minor: i64,
    pub state: GrantState,
}

fn to_i64(value: i128, what: &str) -> Result<i64, AppError> {
    i64::try_from(value).map_err(|_| AppError::internal(anyhow::anyhow!("{what} out of range")))
}

/// Releases the unpaid commitment of open grant `row` (one `release` entry, none when
/// nothing is left, with `memo` naming why), keeps `spent` as the spending accounted
/// for, and moves the grant to `end` — or to `closing` while a refund is owed.
pub(super) fn release(
    tx: &mut Tx,
    row: &GrantRow,
    loaded: &Loaded,
    end: GrantState,
    spent: i64,
    why: &str,
) -> Result<Released, AppError> {
    let grant = row.id;
    let unpaid = to_i64(loaded.book.unpaid_commitment(), "unpaid commitment")?;
    if unpaid < 0 {
        return Err(AppError::internal(anyhow::anyhow!(
            "grant {grant}: paid more than committed"
        )));
    }
    let release = if unpaid > 0 {
        let amount = Money::from_minor(unpaid, row.currency).map_err(AppError::internal)?;
        let party = Party::Grant(grant);
        let today = ValueDate::today(tx);
        Some(crate::ledger::post(
            tx,
            TransactionKind::Release,
            &format!("{why}: unpaid commitment {amount} released"),
            Owner::Grant(grant),
            today,
            vec![
                Posting::usd(Account::CommitmentsOutstanding, Some(party), amount),
                Posting::usd(Account::GrantCommitments, Some(party), -amount),
            ],
        )?)
    } else {
        None
    };
    let due = to_i64(
        loaded.book.refund_owed(spent, row.written_off_minor),
        "refund due",
    )?;
    let state = if due > 0 { GrantState::Closing } else { end };
    let now = tx.now();
    diesel::update(grants::table.find(grant))
        .set((
            grants::state.eq(state),
            grants::closed_at.eq(Some(now)),
            grants::release_transaction_id.eq(release),
            grants::accounted_spent_minor.eq(Some(spent)),
            grants::refund_due_minor.eq(due),
        ))
        .execute(tx.conn())?;
    Ok(Released {
        release,
        released_minor: unpaid,
        refund_due_minor: due,
        state,
    })
}

/// Where a released grant ends once nothing is owed: `cancelled` if it was cancelled.
fn settled_state(conn: &mut DbConnection, grant: GrantId) -> Result<GrantState, AppError> {
    let cancelled: i64 = grant_cancellations::table
        .filter(grant_cancellations::grant_id.eq(grant))
        .count()
        .get_result(conn)?;
    Ok(if cancelled > 0 {
        GrantState::Cancelled
    } else {
        GrantState::Closed
    })
}

/// After a refund or its reversal on grant `grant`, inside the same transaction: keeps the
/// refund due and the state it implies (see the module comment). Open grants, and grants
/// released before spending was kept, owe nothing on record: unchanged.
pub(super) fn refunds_changed(tx: &mut Tx, grant: GrantId) -> Result<(), AppError> {
    let row = model::row(tx.conn(), grant)?.ok_or(AppError::NotFound)?;
    let Some(spent) = row.accounted_spent_minor else {
        return Ok(());
    };
    if row.state.is_open() {
        return Ok(());
    }
    let loaded = super::ledger_book::load(tx.conn(), &row)?;
    let due = to_i64(
        loaded.book.refund_owed(spent, row.written_off_minor),
        "refund due",
    )?;
    let state = if due > 0 {
        GrantState::Closing
    } else {
        settled_state(tx.conn(), grant)?
    };
    if due == row.refund_due_minor && state == row.state {
        return Ok(());
    }
    diesel::update(grants::table.find(grant))
        .set((grants::state.eq(state), grants::refund_due_minor.eq(due)))
        .execute(tx.conn())?;
    let event = match (row.state, state) {
        (GrantState::Closing, GrantState::Closing) => "grant.refund_due_changed",
        (GrantState::Closing, _) => "grant.refund_settled",
        _ => "grant.refund_reopened",
    };
    tx.audit(Change::new(
        event,
        "grant",
        grant,
        json!({
            "before": {"state": row.state.as_str(), "refund_due_minor": row.refund_due_minor},
            "after": {"state": state.as_str(), "refund_due_minor": due},
        }),
    ))?;
    Ok(())
}

/// The secretariat writes off a refund owed that will not come.
#[derive(Debug, Clone)]
pub struct WriteOff {
    pub grant: GrantId,
    pub reason: String,
}

/// Writes off what grant `grant` still owes: 404 unknown, 409 unless it is `closing`. The
/// grant ends (`closed`, or `cancelled` if it was cancelled) with the amount written off
/// recorded, and its audit event. No ledger entry: a refund owed was never booked.
pub fn write_off(tx: &mut Tx, command: WriteOff) -> Result<GrantView, AppError> {
    let WriteOff { grant, reason } = command;
    let row = model::row(tx.conn(), grant)?.ok_or(AppError::NotFound)?;
    if row.state != GrantState::Closing || row.refund_due_minor <= 0 {
        return Err(AppError::conflict(format!(
            "the grant is {}: only a grant closing with a refund owed can have it written off",
            row.state.as_str()
        )));
    }
    let amount = row.refund_due_minor;
    let written_off = row
        .written_off_minor
        .checked_add(amount)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("written off out of range")))?;
    let state = settled_state(tx.conn(), grant)?;
    diesel::update(grants::table.find(grant))
        .set((
            grants::state.eq(state),
            grants::refund_due_minor.eq(0),
            grants::written_off_minor.eq(written_off),
        ))
        .execute(tx.conn())?;
    let shown = Money::from_minor(amount, row.currency).map_err(AppError::internal)?;
    tx.audit(Change::new(
        "grant.refund_written_off",
        "grant",
        grant,
        json!({
            "before": {"state": row.state.as_str(), "refund_due_minor": amount},
            "after": {"state": state.as_str(), "refund_due_minor": 0},
            "written_off": shown,
            "reason": reason,
        }),
    ))?;
    let today = tx.now().date();
    model::find(tx.conn(), grant, today)?.ok_or(AppError::NotFound)
}
