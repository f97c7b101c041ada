//! Value dates and accounting periods, as the ledger keeps them. Every entry is dated in
//! the books by its value date; a month finance has closed (`ledger_periods`) accepts no
//! entry dated in it, and nothing is dated before the Fund's first period
//! (`ledger_books.first_period`). Both are checked here, inside the write transaction
//! that posts the entry, so a close and a back-dated entry can never both commit: writers
//! are serialised by `Tx::begin`. Closing a month (which needs the integrity check, above
//! the ledger) is `crate::ledger_periods`; this module only reads and records.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use serde::{Serialize, Serializer};

use super::account::Account;
use crate::db::schema::{ledger_books as lb, ledger_period_balances as lpb, ledger_periods as lp};
use crate::db::{DbConnection, Sql, Tx};
use crate::domain::UserId;
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

/// A calendar month of the books (`YYYY-MM` on the wire), held as its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period(NaiveDate);

impl Period {
    /// The month `date` falls in.
    pub fn of(date: NaiveDate) -> Period {
        Period(date.with_day(1).unwrap_or(date))
    }

    /// `YYYY-MM`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Period> {
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1).map(Period)
    }

    pub fn first_day(self) -> NaiveDate {
        self.0
    }

    /// The month after; `None` only at the end of the calendar.
    pub fn next(self) -> Option<Period> {
        self.0
            .checked_add_months(chrono::Months::new(1))
            .map(Period)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next()
            .and_then(|next| next.0.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m"))
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The Fund's first period, once known (see the migration `2026-12-14-000101`).
pub fn first_period(conn: &mut DbConnection) -> Result<Option<Period>, AppError> {
    let first: Option<Option<NaiveDate>> = lb::table
        .filter(lb::id.eq(1))
        .select(lb::first_period)
        .get_result(conn)
        .optional()?;
    Ok(first.flatten().map(Period::of))
}

/// Sets the first period (once, by the first close of an installation that had none).
pub fn set_first_period(tx: &mut Tx, period: Period) -> Result<(), AppError> {
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
pub fn last_closed(conn: &mut DbConnection) -> Result<Option<Period>, AppError> {
    let last: Option<NaiveDate> = lp::table
        .select(diesel::dsl::max(lp::period))
        .get_result(conn)?;
    Ok(last.map(Period::of))
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
        if Period::of(value.date) <= last {
            return Err(AppError::rule_on_field(
                Rule::PeriodClosed,
                value.field,
                format!(
                    "{} falls in {}, which finance has closed (closed up to {last}); date a \
                     correction in the open period",
                    value.date,
                    Period::of(value.date)
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
    period: Period,
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
    pub period: Period,
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
    from: Period,
    to: Period,
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
                period: Period::of(period),
                closed_at,
                closed_by,
                last_seq,
                balances: sums,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::Period;

    #[test]
    fn periods_parse_and_bound_their_month() {
        let p = Period::parse("2026-02").expect("a month");
        assert_eq!(p.to_string(), "2026-02");
        assert_eq!(p.last_day().to_string(), "2026-02-28");
        assert_eq!(p.next().map(|n| n.to_string()).as_deref(), Some("2026-03"));
        assert_eq!(
            Period::parse("2026-12")
                .map(|p| p.last_day().to_string())
                .as_deref(),
            Some("2026-12-31")
        );
        for bad in ["2026-13", "2026-1", "26-01", "2026-01-01", "", "abcd-ef"] {
            assert!(Period::parse(bad).is_none(), "{bad}");
        }
    }
}
