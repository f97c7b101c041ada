//! What each grant says about its money, for the integrity check (read-only;
//! `crate::ledger_owners` reconciles it against the grant's postings): the commitment it
//! says is still outstanding, the cash its payments and refunds moved, the ledger entry
//! behind each payment, refund and award change (and its reversal), the release at
//! closure or cancellation, and the grant's own invariants over the award and PSC as
//! amended (paid ≤ award, refunds ≤ paid, PSC parts add up; the refund due what received
//! less accounted spending and write-offs makes it, and the state it implies; a
//! cancellation's release the grant's).

use crate::domain::{GrantId, LedgerTransactionId};
use diesel::prelude::*;

use super::book::Book;
use super::model::{GrantRow, GrantState};
use crate::db::schema::grants;
use crate::db::DbConnection;
use crate::domain::Currency;
use crate::error::AppError;
use crate::ledger::TransactionKind;

/// One payment or refund as the grant records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantEntry {
    pub kind: TransactionKind,
    pub transaction: LedgerTransactionId,
    pub reversal: Option<LedgerTransactionId>,
}

/// One grant as the check sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantCommitment {
    pub grant: GrantId,
    pub state: String,
    /// Award plus programme support cost, in USD cents, less what has been paid out
    /// (award and PSC, net of reversals), and nothing once closed (released).
    pub committed_minor: i64,
    /// What its entries moved in cash: refunds (with PSC) in, payments (with PSC) out.
    pub cash_minor: i128,
    /// Its payments and refunds, each with its ledger entry.
    pub entries: Vec<GrantEntry>,
    pub closed: bool,
    /// The release entry recorded at closure, if any.
    pub release: Option<LedgerTransactionId>,
    /// The commitment closure released (zero until closed).
    pub released_minor: i128,
    /// The grant's own invariants broken, as `(rule, detail)`.
    pub broken: Vec<(&'static str, String)>,
}

pub fn commitments(conn: &mut DbConnection) -> Result<Vec<GrantCommitment>, AppError> {
    let rows = grants::table
        .order(grants::created_at.asc())
        .select(GrantRow::as_select())
        .load(conn)?;
    rows.into_iter().map(|row| record(conn, row)).collect()
}

fn record(conn: &mut DbConnection, row: GrantRow) -> Result<GrantCommitment, AppError> {
    let loaded = super::ledger_book::load(conn, &row)?;
    let book: &Book = &loaded.book;
    let paid = book.paid();
    let refunded = book.refunded();
    let closed = !row.state.is_open();
    let mut entries: Vec<GrantEntry> = loaded
        .disbursements
        .iter()
        .map(|d| GrantEntry {
            kind: TransactionKind::Disbursement,
            transaction: d.ledger_transaction_id,
            reversal: d.reversal_transaction_id,
        })
        .collect();
    entries.extend(loaded.refunds.iter().map(|r| GrantEntry {
        kind: TransactionKind::Refund,
        transaction: r.ledger_transaction_id,
        reversal: r.reversal_transaction_id,
    }));
    // Award changes are never reversed: a later amendment changes the award back.
    entries.extend(
        super::amendments::ledger_entries(conn, row.id)?
            .into_iter()
            .map(|transaction| GrantEntry {
                kind: TransactionKind::AwardChange,
                transaction,
                reversal: None,
            }),
    );
    Ok(GrantCommitment {
        grant: row.id,
        state: row.state.as_str().to_string(),
        committed_minor: i64::try_from(book.outstanding()).map_err(AppError::internal)?,
        cash_minor: refunded.amount + refunded.psc - paid.amount - paid.psc,
        entries,
        closed,
        release: row.release_transaction_id,
        released_minor: if closed { book.unpaid_commitment() } else { 0 },
        broken: {
            let mut broken = book.broken_invariants();
            let cancelled = super::cancellation::released_minor(conn, row.id)?;
            broken.extend(end_invariants(&row, book, cancelled));
            broken
        },
    })
}

fn money(minor: i128, currency: Currency) -> String {
    i64::try_from(minor)
        .ok()
        .and_then(|m| crate::domain::Money::from_minor(m, currency).ok())
        .map_or_else(|| format!("{minor} minor units"), |m| m.to_string())
}

/// How the grant's end holds together: an open grant owes nothing and is not cancelled;
/// a released one owes what its book says (received less accounted spending and
/// write-offs), is `closing` exactly while it owes, and ends `cancelled` exactly when a
/// cancellation is recorded, whose release is the grant's.
fn end_invariants(
    row: &GrantRow,
    book: &Book,
    cancellation: Option<i64>,
) -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    let c = row.currency;
    let due = i128::from(row.refund_due_minor);
    if row.state.is_open() {
        if due != 0 || row.accounted_spent_minor.is_some() || cancellation.is_some() {
            found.push((
                "open-grant-ended",
                format!(
                    "{} grant with a refund due of {}, spending kept or a cancellation",
                    row.state.as_str(),
                    money(due, c)
                ),
            ));
        }
        return found;
    }
    let owed = row
        .accounted_spent_minor
        .map_or(0, |spent| book.refund_owed(spent, row.written_off_minor));
    if due != owed {
        found.push((
            "refund-due-mismatch",
            format!(
                "the grant records {} due; received less accounted spending and write-offs is {}",
                money(due, c),
                money(owed, c)
            ),
        ));
    }
    let settled = if cancellation.is_some() {
        GrantState::Cancelled
    } else {
        GrantState::Closed
    };
    let expected = if due > 0 {
        GrantState::Closing
    } else {
        settled
    };
    if row.state != expected {
        found.push((
            "grant-state-mismatch",
            format!(
                "the grant is {} with {} due{}; it should be {}",
                row.state.as_str(),
                money(due, c),
                if cancellation.is_some() {
                    ", cancelled"
                } else {
                    ""
                },
                expected.as_str()
            ),
        ));
    }
    if let Some(released) = cancellation {
        if i128::from(released) != book.unpaid_commitment() {
            found.push((
                "cancellation-release-mismatch",
                format!(
                    "the cancellation records {} released; the unpaid commitment is {}",
                    money(released.into(), c),
                    money(book.unpaid_commitment(), c)
                ),
            ));
        }
    }
    found
}
