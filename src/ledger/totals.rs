//! The journal's running totals: each account's USD balance and what contributions brought
//! in per original currency, one row each, kept by [`add`] in the same transaction as the
//! postings they add up. The balances and every money write's cash check read these few
//! rows instead of summing the whole journal, whose cost grew with it (issue 14); the
//! integrity check recomputes them from the postings (`rules::totals_mismatches`).
//!
//! `add` increments each row in one statement (an upsert), so two writers could not lose
//! an update even if they ran at once; they do not anyway: `Tx::begin` serialises writers
//! (the audit head's row lock on PostgreSQL, the database's write lock on SQLite).

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::upsert::excluded;

use super::account::Account;
use super::balances::ByCurrency;
use super::rules::Posting;
use crate::db::schema::{ledger_account_totals as lat, ledger_currency_receipts as lcr};
use crate::db::{per_backend, DbConnection};
use crate::domain::Currency;
use crate::error::AppError;

fn overflow() -> AppError {
    AppError::internal(anyhow::anyhow!("ledger total overflows"))
}

/// `a + b`, or an internal error: only corrupt data gets near `i64`'s bounds.
fn plus(a: i64, b: i64) -> Result<i64, AppError> {
    a.checked_add(b).ok_or_else(overflow)
}

/// One account's running total: the sum of its postings' `usd_minor`, as posted (debits
/// positive), and how many postings it has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountTotal {
    pub usd_minor: i64,
    pub postings: i64,
}

/// Received in one original currency, credits counted as positive: in that currency's
/// minor units, in USD cents, and from how many postings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CurrencyTotal {
    pub received_minor: i64,
    pub usd_minor: i64,
    pub postings: i64,
}

/// Both tables' rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub accounts: BTreeMap<Account, AccountTotal>,
    pub currencies: BTreeMap<Currency, CurrencyTotal>,
}

impl Totals {
    /// Adds postings to the totals (checked): what [`add`] does to the stored rows, and
    /// how the check recomputes them from the journal.
    pub fn apply<'a>(
        &mut self,
        postings: impl IntoIterator<Item = &'a Posting>,
    ) -> Result<(), AppError> {
        for p in postings {
            let account = self.accounts.entry(p.account).or_default();
            account.usd_minor = plus(account.usd_minor, p.usd.to_minor())?;
            account.postings = plus(account.postings, 1)?;
            if p.account == Account::Contributions {
                let original = p.original.map_or(p.amount, |(money, _)| money);
                let currency = self.currencies.entry(original.currency()).or_default();
                let neg = |v: i64| v.checked_neg().ok_or_else(overflow);
                currency.received_minor = plus(currency.received_minor, neg(original.to_minor())?)?;
                currency.usd_minor = plus(currency.usd_minor, neg(p.usd.to_minor())?)?;
                currency.postings = plus(currency.postings, 1)?;
            }
        }
        Ok(())
    }
}

/// Adds a new entry's postings to the stored totals: one upsert for all the accounts it
/// touches and, for a receipt, one for its currency, each row an increment of the stored
/// one. The accounts are summed first, so no row appears twice in a statement (which
/// PostgreSQL refuses in `ON CONFLICT DO UPDATE`); one statement instead of one per account
/// saves a disbursement four round trips (issue 14).
pub(super) fn add(conn: &mut DbConnection, postings: &[Posting]) -> Result<(), AppError> {
    let mut delta = Totals::default();
    delta.apply(postings)?;
    let accounts: Vec<_> = delta
        .accounts
        .into_iter()
        .map(|(account, t)| {
            (
                lat::account.eq(account),
                lat::usd_minor.eq(t.usd_minor),
                lat::postings.eq(t.postings),
            )
        })
        .collect();
    if !accounts.is_empty() {
        per_backend!(&mut *conn, |c| diesel::insert_into(lat::table)
            .values(&accounts)
            .on_conflict(lat::account)
            .do_update()
            .set((
                lat::usd_minor.eq(lat::usd_minor + excluded(lat::usd_minor)),
                lat::postings.eq(lat::postings + excluded(lat::postings)),
            ))
            .execute(c))?;
    }
    let currencies: Vec<_> = delta
        .currencies
        .into_iter()
        .map(|(currency, t)| {
            (
                lcr::currency.eq(currency),
                lcr::received_minor.eq(t.received_minor),
                lcr::usd_minor.eq(t.usd_minor),
                lcr::postings.eq(t.postings),
            )
        })
        .collect();
    if !currencies.is_empty() {
        per_backend!(&mut *conn, |c| diesel::insert_into(lcr::table)
            .values(&currencies)
            .on_conflict(lcr::currency)
            .do_update()
            .set((
                lcr::received_minor.eq(lcr::received_minor + excluded(lcr::received_minor)),
                lcr::usd_minor.eq(lcr::usd_minor + excluded(lcr::usd_minor)),
                lcr::postings.eq(lcr::postings + excluded(lcr::postings)),
            ))
            .execute(c))?;
    }
    Ok(())
}

/// The stored totals (a few rows: one per account and per currency received).
pub(super) fn load(conn: &mut DbConnection) -> Result<Totals, AppError> {
    let accounts: Vec<(Account, i64, i64)> = lat::table
        .select((lat::account, lat::usd_minor, lat::postings))
        .load(conn)?;
    let currencies: Vec<(Currency, i64, i64, i64)> = lcr::table
        .select((
            lcr::currency,
            lcr::received_minor,
            lcr::usd_minor,
            lcr::postings,
        ))
        .load(conn)?;
    Ok(Totals {
        accounts: accounts
            .into_iter()
            .map(|(account, usd_minor, postings)| {
                (
                    account,
                    AccountTotal {
                        usd_minor,
                        postings,
                    },
                )
            })
            .collect(),
        currencies: currencies
            .into_iter()
            .map(|(currency, received_minor, usd_minor, postings)| {
                (
                    currency,
                    CurrencyTotal {
                        received_minor,
                        usd_minor,
                        postings,
                    },
                )
            })
            .collect(),
    })
}

/// Every account's USD balance in cents.
pub(super) fn account_sums(conn: &mut DbConnection) -> Result<BTreeMap<Account, i64>, AppError> {
    let rows: Vec<(Account, i64)> = lat::table
        .select((lat::account, lat::usd_minor))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Contributions received per original currency: (original minor units, USD cents).
pub(super) fn received_by_currency(conn: &mut DbConnection) -> Result<ByCurrency, AppError> {
    let rows: Vec<(Currency, i64, i64)> = lcr::table
        .select((lcr::currency, lcr::received_minor, lcr::usd_minor))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(currency, received, usd)| (currency, (received, usd)))
        .collect())
}
