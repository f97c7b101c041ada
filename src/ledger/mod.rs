//! The double-entry ledger: every movement of money is a transaction whose postings add
//! up to zero per currency, owned by one business object ([`Owner`]), appended in the
//! same database transaction as the business change and its audit event, never edited,
//! undone only by a reversal that the owner's feature asks for. The Fund's balances are
//! derived from the postings.
//!
//! The ledger is the bottom of the money features: it imports none of them. Owners call
//! [`post`], [`commit_grant`] and [`reverse`]; `crate::ledger_owners` (above the ledger)
//! sends a reversal request to the owning feature and reconciles every owner against its
//! postings in the integrity check.

mod account;
mod balances;
mod check;
mod journal;
mod owner;
mod party;
mod periods;
mod reserve;
mod rows;
mod rules;
mod store;
mod totals;
mod view;

use rust_decimal::Decimal;
use serde_json::json;

pub use account::{Account, TransactionKind};
pub use balances::{AccountSums, Balances, CurrencyReceipts, Position};
pub use check::{check_journal, JournalCheck};
pub use journal::{get_transaction, list_journal, JournalPage, JournalQuery};
pub use owner::{Owner, OwnerKind, OwnerView};
pub use party::{Party, PartyKind};
pub use periods::{
    closed_periods, closing_balances, earliest_value_date, first_period, last_closed, record_close,
    set_first_period, ClosedPeriod, ValueDate,
};
pub use reserve::operating_reserve_rate;
pub use rules::{violation, Posting, TxRecord, Violation};
pub use view::{PostingView, TransactionView};

use crate::audit::Change;
use crate::db::{DbConnection, Tx};
use crate::domain::{Currency, GrantId, LedgerTransactionId, Money};
use crate::error::AppError;
use crate::error::Rule;

/// The Fund's balances in USD, from the running totals per account, with the reserve at
/// the Fund's operating reserve rate.
pub fn balances(conn: &mut DbConnection) -> Result<Balances, AppError> {
    let rate = operating_reserve_rate(conn)?;
    balances_at(conn, rate)
}

/// The Fund's position were the operating reserve at `rate` (a change of the rate asks it,
/// inside the transaction that would make it).
pub fn position_at(conn: &mut DbConnection, rate: Decimal) -> Result<Position, AppError> {
    AccountSums::new(totals::account_sums(conn)?).position(rate)
}

fn balances_at(conn: &mut DbConnection, rate: Decimal) -> Result<Balances, AppError> {
    let sums = AccountSums::new(totals::account_sums(conn)?);
    balances::from_sums(&sums, totals::received_by_currency(conn)?, rate)
}

fn insufficient(detail: impl Into<String>) -> AppError {
    AppError::rule(Rule::InsufficientFunds, detail)
}

fn cents(minor: i64) -> String {
    Money::from_minor(minor, Currency::USD)
        .map(|m| m.to_string())
        .unwrap_or_else(|_| format!("{minor} cents"))
}

/// Validates that the postings balance and appends them as one entry owned by `owner`,
/// dated `value_date` (with its audit event). Refuses 422 `period-closed` if the date
/// falls in a closed month and `before-first-period` if before the Fund's first, each
/// naming the date's field; `insufficient-funds` if cash would go below zero.
/// Reversals go through [`reverse`], not here.
pub fn post(
    tx: &mut Tx,
    kind: TransactionKind,
    memo: &str,
    owner: Owner,
    value_date: ValueDate,
    postings: Vec<Posting>,
) -> Result<LedgerTransactionId, AppError> {
    if kind == TransactionKind::Reversal {
        return Err(AppError::internal(anyhow::anyhow!(
            "reversals are posted by ledger::reverse"
        )));
    }
    let mut after = AccountSums::new(totals::account_sums(tx.conn())?);
    after.apply(&postings)?;
    if after.get(Account::Cash) < 0 {
        return Err(insufficient("the Fund's cash would go below zero"));
    }
    periods::ensure_open(tx.conn(), value_date)?;
    store::insert(tx, kind, memo, owner, None, value_date.date, postings)
}

/// Commits a grant's award plus programme support cost: moves `available` down by their
/// sum. 422 `insufficient-funds` if available is less. See [`commit_grant_if_covered`].
pub fn commit_grant(
    tx: &mut Tx,
    grant_id: GrantId,
    award: Money,
    psc: Money,
) -> Result<LedgerTransactionId, AppError> {
    commit_grant_if_covered(tx, grant_id, award, psc)?.ok_or_else(|| {
        insufficient(format!(
            "the Fund's available balance does not cover {award} plus {psc} programme support cost"
        ))
    })
}

/// Commits award + PSC when the Fund's available balance covers them; `None` (nothing
/// written) when it does not. Checked inside `tx`, which holds the write lock, so no
/// racing commitment can slip in between the check and the posting.
pub fn commit_grant_if_covered(
    tx: &mut Tx,
    grant_id: GrantId,
    award: Money,
    psc: Money,
) -> Result<Option<LedgerTransactionId>, AppError> {
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
    let rate = operating_reserve_rate(tx.conn())?;
    let available = AccountSums::new(totals::account_sums(tx.conn())?)
        .position(rate)?
        .available;
    if total.to_minor() > available {
        return Ok(None);
    }
    let today = ValueDate::today(tx);
    post(
        tx,
        TransactionKind::Commitment,
        &format!("grant commitment: award {award}, programme support cost {psc}"),
        Owner::Grant(grant_id),
        today,
        vec![
            Posting::usd(Account::GrantCommitments, Some(grant_id.into()), total),
            Posting::usd(
                Account::CommitmentsOutstanding,
                Some(grant_id.into()),
                -total,
            ),
        ],
    )
    .map(Some)
}

/// Undoes an entry of `owner` by a new one with every posting negated, dated today
/// whatever the original's date: a correction is booked in the open period and points to
/// what it corrects, so a closed month's figures never change (an entry of a closed month
/// may be reversed). Called by the owner's feature, which records the reversal in its own
/// state in the same transaction.
/// 404 if unknown or not `owner`'s; 409 if it is a reversal or already reversed; 422
/// `insufficient-funds` if cash would go negative, or if the Fund would be left
/// committed beyond its means (available below zero).
pub fn reverse(
    tx: &mut Tx,
    owner: Owner,
    id: LedgerTransactionId,
    reason: &str,
) -> Result<LedgerTransactionId, AppError> {
    let original = store::find(tx.conn(), id)?
        .filter(|e| e.record.owner == owner)
        .ok_or(AppError::NotFound)?;
    rules::reversal_allowed(original.record.kind, original.reversed_by.is_some()).map_err(
        |refusal| match refusal {
            rules::ReversalRefusal::IsReversal => {
                AppError::conflict("a reversal cannot itself be reversed")
            }
            rules::ReversalRefusal::AlreadyReversed => {
                AppError::conflict("this entry has already been reversed")
            }
        },
    )?;
    let postings = rules::negate(&original.record.postings);
    let rate = operating_reserve_rate(tx.conn())?;
    let mut sums = AccountSums::new(totals::account_sums(tx.conn())?);
    let before = sums.position(rate)?;
    sums.apply(&postings)?;
    let after = sums.position(rate)?;
    if after.cash < 0 {
        return Err(insufficient(
            "reversing this entry would take the Fund's cash below zero",
        ));
    }
    if after.available < 0 && after.available < before.available {
        return Err(insufficient(format!(
            "reversing this entry would leave {} of commitments outstanding against {} of cash \
             (available {})",
            cents(after.commitments),
            cents(after.cash),
            cents(after.available)
        )));
    }
    let today = ValueDate::today(tx);
    periods::ensure_open(tx.conn(), today)?;
    let reversal = store::insert(
        tx,
        TransactionKind::Reversal,
        reason,
        owner,
        Some(id),
        today.date,
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

/// One entry, as the journal shows it.
pub fn find(
    conn: &mut DbConnection,
    id: LedgerTransactionId,
) -> Result<Option<TransactionView>, AppError> {
    Ok(store::find(conn, id)?.as_ref().map(TransactionView::from))
}

/// The owner and kind of an entry, to send a reversal request to its feature.
pub fn owner_of(
    conn: &mut DbConnection,
    id: LedgerTransactionId,
) -> Result<Option<(Owner, TransactionKind)>, AppError> {
    Ok(store::find(conn, id)?.map(|e| (e.record.owner, e.record.kind)))
}

#[cfg(test)]
mod tests;
