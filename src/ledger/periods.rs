//! Value dates and accounting periods, as the ledger keeps them. Every entry is dated in
//! the books by its value date; a month finance has closed (`ledger_periods`) accepts no
//! entry dated in it, and nothing is dated before the Fund's first period
//! (`ledger_books.first_period`). Both are checked here, inside the write transaction
//! that posts the entry, so a close and a back-dated entry can never both commit: writers
//! are serialised by `Tx::begin`. Closing a month (which needs the integrity check, above
//! the ledger) is `crate::ledger_periods`; this module only reads and records.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::account::Account;
use crate::db::schema::{ledger_books as lb, ledger_period_balances as lpb, ledger_periods as lp};
use crate::db::{DbConnection, Sql, Tx};
use crate::domain::{Month, UserId};
use crate::error::{AppError, Rule};

/// The day an entry is dated in the books, and the request field it came from (named by a
/// refusal: `received_on`, `value_date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueDate {
    pub date: NaiveDate,
    pub field: &'static str,
}

impl ValueDate {
    /// The date a request gave in `field`.
    pub fn of(field: &'static str, date: NaiveDate) -> ValueDate {
        ValueDate { date, field }
    }

    /// The transaction's day (the app's clock): commitments, releases, award changes and
    /// reversals, which happen when they are booked.
    pub fn today(tx: &Tx) -> ValueDate {
        ValueDate {
            date: tx.now().date(),
            field: "value_date",
        }
    }
}

/// The Fund's first period, once known (see the migration `2026-12-14-000101`).
pub fn first_period(conn: &mut DbConnection) -> Result<Option<Month>, AppError> {
    let first: Option<Option<NaiveDate>> = lb::table
        .filter(lb::id.eq(1))
        .select(lb::first_period)
        .get_result(conn)
        .optional()?;
    Ok(first.flatten().map(Month::of))
}

/// Sets the first period (once, by the first close of an installation that had none).
pub fn set_first_period(tx: &mut Tx, period: Month) -> Result<(), AppError> {
    let changed = diesel::update(lb::table.filter(lb::id.eq(1)))
        .set(lb::first_period.eq(Some(period.first_day())))
        .execute(tx.conn())?;
    if changed == 0 {
        diesel::insert_into(lb::table)
            .values((lb::id.eq(1), lb::first_period.eq(Some(period.first_day()))))
            .execute(tx.conn())?;
    }
    Ok(())
}

/// The latest closed month. Months close in order, so every month up to it is closed.
pub fn last_closed(conn: &mut DbConnection) -> Result<Option<Month>, AppError> {
    let last: Option<NaiveDate> = lp::table
        .select(diesel::dsl::max(lp::period))
        .get_result(conn)?;
    Ok(last.map(Month::of))
}

/// The earliest value date in the journal.
pub fn earliest_value_date(conn: &mut DbConnection) -> Result<Option<NaiveDate>, AppError> {
    use crate::db::schema::ledger_transactions as lt;
    Ok(lt::table
        .select(diesel::dsl::min(lt::value_date))
        .get_result(conn)?)
}

/// 422 `before-first-period` or `period-closed`, naming `value.field`, unless an entry
/// may be dated on `value.date`. Two index reads.
pub(super) fn ensure_open(conn: &mut DbConnection, value: ValueDate) -> Result<(), AppError> {
    if let Some(first) = first_period(conn)? {
        if value.date < first.first_day() {
            return Err(AppError::rule_on_field(
                Rule::BeforeFirstPeriod,
                value.field,
                format!(
                    "{} is before the Fund's first accounting period ({first})",
                    value.date
                ),
            ));
        }
    }
    if let Some(last) = last_closed(conn)? {
        if Month::of(value.date) <= last {
            return Err(AppError::rule_on_field(
                Rule::PeriodClosed,
                value.field,
                format!(
                    "{} falls in {}, which finance has closed (closed up to {last}); date a \
                     correction in the open period",
                    value.date,
                    Month::of(value.date)
                ),
            ));
        }
    }
    Ok(())
}

#[derive(QueryableByName)]
struct AccountSum {
    #[diesel(sql_type = Text)]
    account: String,
    #[diesel(sql_type = Nullable<BigInt>)]
    total: Option<i64>,
}

/// Each account's balance at the end of `period`: its USD postings of entries dated on or
/// before the period's last day (debits positive), accounts without postings left out.
pub fn closing_balances(
    conn: &mut DbConnection,
    period: Month,
) -> Result<Vec<(Account, i64)>, AppError> {
    let mut sql = Sql::new(
        conn,
        "SELECT p.account AS account, CAST(SUM(p.usd_minor) AS BIGINT) AS total \
         FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id \
         WHERE t.value_date <= ",
    );
    sql.bind(period.last_day())
        .push(" GROUP BY p.account ORDER BY p.account");
    let sums: Vec<AccountSum> = sql.query().load(conn)?;
    let mut balances = sums
        .into_iter()
        .map(|s| {
            Account::parse(&s.account)
                .map(|a| (a, s.total.unwrap_or(0)))
                .ok_or_else(|| {
                    AppError::internal(anyhow::anyhow!("bad account stored: {:?}", s.account))
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    balances.sort();
    Ok(balances)
}

/// A closed month as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedPeriod {
    pub period: Month,
    pub closed_at: NaiveDateTime,
    pub closed_by: Option<UserId>,
    /// The last entry posted when it closed.
    pub last_seq: i64,
    pub balances: Vec<(Account, i64)>,
}

/// Records the close of `closed.period` (the caller has checked that it may close).
pub fn record_close(tx: &mut Tx, closed: &ClosedPeriod) -> Result<(), AppError> {
    diesel::insert_into(lp::table)
        .values((
            lp::period.eq(closed.period.first_day()),
            lp::closed_at.eq(closed.closed_at),
            lp::closed_by.eq(closed.closed_by),
            lp::last_seq.eq(closed.last_seq),
        ))
        .execute(tx.conn())?;
    let rows: Vec<_> = closed
        .balances
        .iter()
        .map(|(account, usd)| {
            (
                lpb::period.eq(closed.period.first_day()),
                lpb::account.eq(*account),
                lpb::usd_minor.eq(*usd),
            )
        })
        .collect();
    for row in rows {
        diesel::insert_into(lpb::table)
            .values(row)
            .execute(tx.conn())?;
    }
    Ok(())
}

/// The closed months from `from` to `to` (inclusive), oldest first, with their balances.
pub fn closed_periods(
    conn: &mut DbConnection,
    from: Month,
    to: Month,
) -> Result<Vec<ClosedPeriod>, AppError> {
    let rows: Vec<(NaiveDate, NaiveDateTime, Option<UserId>, i64)> = lp::table
        .filter(lp::period.ge(from.first_day()))
        .filter(lp::period.le(to.first_day()))
        .order(lp::period.asc())
        .select((lp::period, lp::closed_at, lp::closed_by, lp::last_seq))
        .load(conn)?;
    let balances: Vec<(NaiveDate, Account, i64)> = lpb::table
        .filter(lpb::period.ge(from.first_day()))
        .filter(lpb::period.le(to.first_day()))
        .order((lpb::period.asc(), lpb::account.asc()))
        .select((lpb::period, lpb::account, lpb::usd_minor))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(period, closed_at, closed_by, last_seq)| {
            let mut sums: Vec<(Account, i64)> = balances
                .iter()
                .filter(|(p, _, _)| *p == period)
                .map(|(_, account, usd)| (*account, *usd))
                .collect();
            sums.sort();
            ClosedPeriod {
                period: Month::of(period),
                closed_at,
                closed_by,
                last_seq,
                balances: sums,
            }
        })
        .collect())
}
