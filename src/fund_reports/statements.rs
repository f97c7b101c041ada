//! The Fund's financial statements for a period, beside the period of the same length
//! just before it: its financial position at the end of each (cash, contributions
//! receivable, refunds due, grant commitments outstanding, net assets) and its financial
//! performance over each (contributions, refunds, exchange differences against grants
//! paid, programme support cost and commitments charged).
//!
//! Every ledger figure is an account's balance by value date, summed by the database in
//! one snapshot, so the statements reconcile with the ledger to the cent: the surplus of
//! a period is exactly the change in the ledger's net assets (cash less commitments
//! outstanding) over it, since every entry balances. Contributions receivable and refunds
//! due are not ledger balances (the ledger records money when it moves): they come from
//! the pledges and from the refunds grants owe, as they stood at the period's end.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveTime};
use diesel::query_dsl::RunQueryDsl;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Timestamp};
use diesel::QueryableByName;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::period::Period;
use super::sums::{sub, usd};
use super::table::{Table, Tabular};
use crate::db::{dialect, Actor, DbConnection};
use crate::domain::csv_cell::Cell;
use crate::domain::{Currency, Money};
use crate::error::AppError;
use crate::exchange_rates;
use crate::ledger::Account;

/// What the statements say about how they are made.
pub const BASIS: &str = "Ledger balances by value date in USD. Net assets in the ledger \
     are cash less grant commitments outstanding; a period's surplus is their change. \
     Contributions receivable are pledges less what was received against them by the \
     period's end, valued in USD; refunds due are what grants released by then still owed.";

/// Both statements for a period and the one before it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Statements {
    pub basis: String,
    pub current: PeriodStatements,
    /// The period of the same number of days just before `current`'s.
    pub previous: PeriodStatements,
}

/// The statements of one period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PeriodStatements {
    pub period: Period,
    pub position: FinancialPosition,
    pub performance: FinancialPerformance,
}

/// The Fund's financial position at the end of a period, in USD.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FinancialPosition {
    #[schema(value_type = String, format = Date)]
    pub as_at: NaiveDate,
    #[schema(value_type = crate::domain::Money)]
    pub cash: Money,
    /// Pledges not yet received, valued in USD at the UN operational rate in force at
    /// the period's end (a pledge whose currency has no rate then is left out: see
    /// `unvalued_receivable`).
    #[schema(value_type = crate::domain::Money)]
    pub contributions_receivable: Money,
    /// Pledges still receivable in a currency the statements cannot value in USD, in that
    /// currency: left out of `contributions_receivable`, never guessed.
    #[schema(value_type = Vec<crate::domain::Money>)]
    pub unvalued_receivable: Vec<Money>,
    /// Refunds grantees owed the Fund for grants released by then.
    #[schema(value_type = crate::domain::Money)]
    pub refunds_due: Money,
    /// Grant commitments not yet paid (a liability).
    #[schema(value_type = crate::domain::Money)]
    pub commitments_outstanding: Money,
    /// Cash less commitments outstanding: what the ledger holds.
    #[schema(value_type = crate::domain::Money)]
    pub net_assets_in_ledger: Money,
    /// Net assets in the ledger, with contributions receivable and refunds due.
    #[schema(value_type = crate::domain::Money)]
    pub net_assets: Money,
}

/// The Fund's financial performance over a period, in USD.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FinancialPerformance {
    /// Contributions received.
    #[schema(value_type = crate::domain::Money)]
    pub contributions: Money,
    /// Grant money returned by grantees.
    #[schema(value_type = crate::domain::Money)]
    pub refunds: Money,
    /// Gains (positive) and losses from currency conversion.
    #[schema(value_type = crate::domain::Money)]
    pub exchange_differences: Money,
    #[schema(value_type = crate::domain::Money)]
    pub revenue: Money,
    /// Grant money paid out (disbursements).
    #[schema(value_type = crate::domain::Money)]
    pub grants_paid: Money,
    /// Programme support cost charged on disbursements, less what refunds credited back.
    #[schema(value_type = crate::domain::Money)]
    pub programme_support_cost: Money,
    /// Commitments made less those paid and released: the change in grants committed and
    /// not yet paid.
    #[schema(value_type = crate::domain::Money)]
    pub commitments_charged: Money,
    #[schema(value_type = crate::domain::Money)]
    pub expenses: Money,
    /// Revenue less expenses: the change in net assets in the ledger.
    #[schema(value_type = crate::domain::Money)]
    pub surplus: Money,
}

#[derive(QueryableByName)]
struct AccountBalances {
    #[diesel(sql_type = Text)]
    account: String,
    #[diesel(sql_type = BigInt)]
    before_previous: i64,
    #[diesel(sql_type = BigInt)]
    before_current: i64,
    #[diesel(sql_type = BigInt)]
    at_end: i64,
}

#[derive(QueryableByName)]
struct Pledge {
    #[diesel(sql_type = Text)]
    currency: Currency,
    #[diesel(sql_type = BigInt)]
    pledged: i64,
    #[diesel(sql_type = Date)]
    #[allow(dead_code)]
    pledged_on: NaiveDate,
    #[diesel(sql_type = BigInt)]
    received: i64,
}

#[derive(QueryableByName)]
struct RefundsDue {
    #[diesel(sql_type = BigInt)]
    owed_now: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    received_after: Option<i64>,
}

/// The period before `period`: as many whole months, when it is whole calendar months
/// (November's previous period is October), else as many days, ending the day before it.
pub fn previous(period: Period) -> Period {
    let to = period.from - Duration::days(1);
    let months = whole_months(period);
    let from = match months {
        Some(n) => period
            .from
            .checked_sub_months(Months::new(n))
            .unwrap_or(to - (period.to - period.from)),
        None => to - (period.to - period.from),
    };
    Period { from, to }
}

/// How many calendar months `period` spans, if it starts on a first and ends on a last day.
fn whole_months(period: Period) -> Option<u32> {
    let ends_a_month = (period.to + Duration::days(1)).day() == 1;
    if period.from.day() != 1 || !ends_a_month {
        return None;
    }
    let months = (period.to.year() - period.from.year()) * 12
        + i32::try_from(period.to.month()).ok()?
        - i32::try_from(period.from.month()).ok()?
        + 1;
    u32::try_from(months).ok()
}

/// Balances per account at the three cut-offs of a period and its previous one.
struct Cutoffs {
    rows: Vec<AccountBalances>,
}

impl Cutoffs {
    fn sum(&self, account: Account, pick: impl Fn(&AccountBalances) -> i64) -> i64 {
        self.rows
            .iter()
            .filter(|r| r.account == account.code())
            .map(pick)
            .sum()
    }

    /// (balance before the previous period, at its end, at the current period's end).
    fn of(&self, account: Account) -> [i64; 3] {
        [
            self.sum(account, |r| r.before_previous),
            self.sum(account, |r| r.before_current),
            self.sum(account, |r| r.at_end),
        ]
    }
}

/// The statements for `period` and the one before it, from one snapshot (finance and
/// auditors, as the face declares).
pub fn statements(
    conn: &mut DbConnection,
    _actor: &Actor,
    period: Period,
) -> Result<Statements, AppError> {
    let before = previous(period);
    let rows: Vec<AccountBalances> =
        dialect::sql_query(conn, include_str!("sql/statement_balances.sql"))
            .bind::<Date, _>(before.from)
            .bind::<Date, _>(period.from)
            .bind::<Date, _>(period.to)
            .load(conn)?;
    let cutoffs = Cutoffs { rows };
    let previous_position = position(conn, &cutoffs, 1, before.to)?;
    let current_position = position(conn, &cutoffs, 2, period.to)?;
    Ok(Statements {
        basis: BASIS.to_string(),
        previous: PeriodStatements {
            period: before,
            performance: performance(&cutoffs, 0, 1)?,
            position: previous_position,
        },
        current: PeriodStatements {
            period,
            performance: performance(&cutoffs, 1, 2)?,
            position: current_position,
        },
    })
}

/// The financial position at cut-off `at` (1: the previous period's end, 2: the current
/// one's), which is the end of day `as_at`.
fn position(
    conn: &mut DbConnection,
    cutoffs: &Cutoffs,
    at: usize,
    as_at: NaiveDate,
) -> Result<FinancialPosition, AppError> {
    let cash = cutoffs.of(Account::Cash)[at];
    let outstanding = -cutoffs.of(Account::CommitmentsOutstanding)[at];
    let (receivable, unvalued) = receivable(conn, as_at)?;
    let refunds_due = refunds_due(conn, as_at)?;
    let in_ledger = sub(cash, outstanding)?;
    let net = in_ledger
        .checked_add(receivable)
        .and_then(|n| n.checked_add(refunds_due))
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("statement sum overflows")))?;
    Ok(FinancialPosition {
        as_at,
        cash: usd(cash)?,
        contributions_receivable: usd(receivable)?,
        unvalued_receivable: unvalued,
        refunds_due: usd(refunds_due)?,
        commitments_outstanding: usd(outstanding)?,
        net_assets_in_ledger: usd(in_ledger)?,
        net_assets: usd(net)?,
    })
}

/// Pledges not yet received at the end of `as_at`: in USD (minor units) where they can be
/// valued, and per currency where they cannot.
fn receivable(conn: &mut DbConnection, as_at: NaiveDate) -> Result<(i64, Vec<Money>), AppError> {
    let pledges: Vec<Pledge> =
        dialect::sql_query(conn, include_str!("sql/statement_receivable.sql"))
            .bind::<Date, _>(as_at)
            .load(conn)?;
    let mut in_usd = 0_i64;
    let mut unvalued: std::collections::BTreeMap<Currency, i64> = Default::default();
    for pledge in pledges {
        let left = sub(pledge.pledged, pledge.received)?.max(0);
        if left == 0 {
            continue;
        }
        let amount = Money::from_minor(left, pledge.currency).map_err(AppError::internal)?;
        // At the rate in force at the end of the period, as a receivable is valued.
        match exchange_rates::in_force(conn, pledge.currency, as_at)? {
            Some(rate) => {
                let usd = amount.usd_from_rate(&rate).map_err(|e| {
                    AppError::internal(anyhow::anyhow!("valuing a receivable: {e}"))
                })?;
                in_usd = in_usd
                    .checked_add(usd.to_minor())
                    .ok_or_else(|| AppError::internal(anyhow::anyhow!("receivable overflows")))?;
            }
            None => *unvalued.entry(pledge.currency).or_default() += left,
        }
    }
    let unvalued = unvalued
        .into_iter()
        .map(|(currency, minor)| Money::from_minor(minor, currency).map_err(AppError::internal))
        .collect::<Result<_, _>>()?;
    Ok((in_usd, unvalued))
}

/// What grantees owed at the end of `as_at`, in USD minor units.
fn refunds_due(conn: &mut DbConnection, as_at: NaiveDate) -> Result<i64, AppError> {
    let midnight_after = (as_at + Duration::days(1)).and_time(NaiveTime::MIN);
    let due: RefundsDue = dialect::sql_query(conn, include_str!("sql/statement_refunds_due.sql"))
        .bind::<Date, _>(as_at)
        .bind::<Timestamp, _>(midnight_after)
        .get_result(conn)?;
    due.owed_now
        .checked_add(due.received_after.unwrap_or(0))
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("refunds due overflow")))
}

/// The performance between cut-offs `from` and `to` (0 → 1: the previous period; 1 → 2:
/// the current one). Revenue accounts carry credits (negative), so their movement is
/// negated; expenses carry debits.
fn performance(
    cutoffs: &Cutoffs,
    from: usize,
    to: usize,
) -> Result<FinancialPerformance, AppError> {
    let moved = |account: Account| {
        let b = cutoffs.of(account);
        sub(b[to], b[from])
    };
    let contributions = -moved(Account::Contributions)?;
    let refunds = -moved(Account::Refunds)?;
    let exchange = -moved(Account::ExchangeDifferences)?;
    let paid = moved(Account::GrantsPaid)?;
    let psc = moved(Account::ProgrammeSupportCosts)?;
    let charged = moved(Account::GrantCommitments)?;
    let total = |parts: &[i64]| -> Result<i64, AppError> {
        parts.iter().try_fold(0_i64, |a, b| {
            a.checked_add(*b)
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("statement sum overflows")))
        })
    };
    let revenue = total(&[contributions, refunds, exchange])?;
    let expenses = total(&[paid, psc, charged])?;
    Ok(FinancialPerformance {
        contributions: usd(contributions)?,
        refunds: usd(refunds)?,
        exchange_differences: usd(exchange)?,
        revenue: usd(revenue)?,
        grants_paid: usd(paid)?,
        programme_support_cost: usd(psc)?,
        commitments_charged: usd(charged)?,
        expenses: usd(expenses)?,
        surplus: usd(sub(revenue, expenses)?)?,
    })
}

/// The lines of both statements, in order: (statement, line, current, previous).
pub fn lines(s: &Statements) -> Vec<(&'static str, &'static str, Money, Money)> {
    let (c, p) = (&s.current, &s.previous);
    let position = |line, f: fn(&FinancialPosition) -> Money| {
        ("financial_position", line, f(&c.position), f(&p.position))
    };
    let performance = |line, f: fn(&FinancialPerformance) -> Money| {
        (
            "financial_performance",
            line,
            f(&c.performance),
            f(&p.performance),
        )
    };
    vec![
        position("cash", |x| x.cash),
        position("contributions_receivable", |x| x.contributions_receivable),
        position("refunds_due", |x| x.refunds_due),
        position("commitments_outstanding", |x| x.commitments_outstanding),
        position("net_assets_in_ledger", |x| x.net_assets_in_ledger),
        position("net_assets", |x| x.net_assets),
        performance("contributions", |x| x.contributions),
        performance("refunds", |x| x.refunds),
        performance("exchange_differences", |x| x.exchange_differences),
        performance("revenue", |x| x.revenue),
        performance("grants_paid", |x| x.grants_paid),
        performance("programme_support_cost", |x| x.programme_support_cost),
        performance("commitments_charged", |x| x.commitments_charged),
        performance("expenses", |x| x.expenses),
        performance("surplus", |x| x.surplus),
    ]
}

impl Tabular for Statements {
    fn header() -> &'static [&'static str] {
        &[
            "statement",
            "line",
            "currency",
            "current_from",
            "current_to",
            "current_amount",
            "previous_from",
            "previous_to",
            "previous_amount",
        ]
    }

    fn rows(&self, table: &mut Table) {
        let (c, p) = (self.current.period, self.previous.period);
        let row = |table: &mut Table, statement, line, currency: Currency, current, previous| {
            table.row([
                ("statement", Cell::value(statement)),
                ("line", Cell::value(line)),
                ("currency", Cell::value(currency)),
                ("current_from", Cell::value(c.from)),
                ("current_to", Cell::value(c.to)),
                ("current_amount", Cell::value(current)),
                ("previous_from", Cell::value(p.from)),
                ("previous_to", Cell::value(p.to)),
                ("previous_amount", Cell::value(previous)),
            ])
        };
        for (statement, line, current, previous) in lines(self) {
            row(
                table,
                statement,
                line,
                Currency::USD,
                current.amount(),
                previous.amount(),
            );
        }
        for (currency, current, previous) in unvalued(self) {
            row(
                table,
                "financial_position",
                "unvalued_receivable",
                currency,
                current,
                previous,
            );
        }
    }
}

/// Receivables no rate values, per currency: (currency, at the current period's end, at
/// the previous one's).
pub fn unvalued(s: &Statements) -> Vec<(Currency, rust_decimal::Decimal, rust_decimal::Decimal)> {
    let mut by_currency: std::collections::BTreeMap<Currency, [rust_decimal::Decimal; 2]> =
        Default::default();
    for (at, position) in [&s.current.position, &s.previous.position]
        .into_iter()
        .enumerate()
    {
        for money in &position.unvalued_receivable {
            by_currency.entry(money.currency()).or_default()[at] = money.amount();
        }
    }
    by_currency
        .into_iter()
        .map(|(currency, [current, previous])| (currency, current, previous))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_period_is_as_long_and_ends_the_day_before() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let p = previous(Period {
            from: d("2026-11-01"),
            to: d("2026-11-30"),
        });
        assert_eq!((p.from, p.to), (d("2026-10-01"), d("2026-10-31")));
        let p = previous(Period {
            from: d("2026-01-01"),
            to: d("2026-03-31"),
        });
        assert_eq!((p.from, p.to), (d("2025-10-01"), d("2025-12-31")));
        let p = previous(Period {
            from: d("2026-11-03"),
            to: d("2026-11-12"),
        });
        assert_eq!((p.from, p.to), (d("2026-10-24"), d("2026-11-02")));
        let p = previous(Period {
            from: d("2026-01-01"),
            to: d("2026-01-01"),
        });
        assert_eq!((p.from, p.to), (d("2025-12-31"), d("2025-12-31")));
    }
}
