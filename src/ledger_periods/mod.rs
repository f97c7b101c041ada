//! Closing the books: finance closes each month once reconciled, in order, and a closed
//! month accepts no entry dated in it (the ledger refuses it, `ledger::post`), so its
//! figures never change. Above `crate::ledger_owners`: a month closes only on a ledger
//! whose whole integrity check passes, owners reconciled included.
//!
//! `POST /api/v1/ledger/periods/{YYYY-MM}/close`, `GET /api/v1/ledger/periods`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::audit::Change;
use crate::db::{to_utc, Actor, DbConnection, Tx};
use crate::domain::{Currency, Money, Month, Role, UserId};
use crate::error::{AppError, Rule};
use crate::ledger::{self, Account, ClosedPeriod};

/// One account's balance at the end of a closed month, in USD (debits positive, credits
/// negative, as posted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PeriodBalance {
    pub account: Account,
    pub usd: Money,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PeriodState {
    Open,
    Closed,
}

/// One month of the books.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PeriodView {
    /// The month, `YYYY-MM`.
    #[schema(value_type = String, example = "2026-11")]
    pub period: Month,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub state: PeriodState,
    pub closed_at: Option<DateTime<Utc>>,
    #[schema(value_type = Option<uuid::Uuid>)]
    pub closed_by: Option<UserId>,
    /// The balances recorded at the close, per account with postings (closed months).
    pub balances: Vec<PeriodBalance>,
}

impl PeriodView {
    /// The USD balance the close recorded for `account`, if it had postings.
    pub fn balance(&self, account: Account) -> Option<Money> {
        self.balances
            .iter()
            .find(|b| b.account == account)
            .map(|b| b.usd)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PeriodList {
    /// Where the Fund's books begin: nothing is dated before it. None until known (an
    /// installation without history fixes it by its first close).
    #[schema(value_type = Option<String>, example = "2026-01")]
    pub first_period: Option<Month>,
    /// Oldest first.
    pub items: Vec<PeriodView>,
}

fn usd(minor: i64) -> Result<Money, AppError> {
    Money::from_minor(minor, Currency::USD).map_err(AppError::internal)
}

fn open_view(period: Month) -> PeriodView {
    PeriodView {
        period,
        starts_on: period.first_day(),
        ends_on: period.last_day(),
        state: PeriodState::Open,
        closed_at: None,
        closed_by: None,
        balances: Vec::new(),
    }
}

fn closed_view(closed: &ClosedPeriod) -> Result<PeriodView, AppError> {
    Ok(PeriodView {
        state: PeriodState::Closed,
        closed_at: Some(to_utc(closed.closed_at)),
        closed_by: closed.closed_by,
        balances: closed
            .balances
            .iter()
            .map(|(account, minor)| {
                Ok(PeriodBalance {
                    account: *account,
                    usd: usd(*minor)?,
                })
            })
            .collect::<Result<_, AppError>>()?,
        ..open_view(closed.period)
    })
}

/// Closes `period` (finance). 422 `period-not-ended` until the month is over,
/// `before-first-period`, `periods-out-of-order` while an earlier month since the first
/// period is open, `ledger-check-failed` if the integrity check finds anything; 409 if
/// already closed (two closes racing: the write lock orders them and the second finds the
/// month closed; the primary key would refuse it anyway). The audit event carries the
/// balances recorded.
pub fn close_period(tx: &mut Tx, period: Month) -> Result<PeriodView, AppError> {
    tx.actor().require(&[Role::Finance])?;
    let today = tx.now().date();
    if period.last_day() >= today {
        return Err(AppError::rule_on_field(
            Rule::PeriodNotEnded,
            "period",
            format!(
                "{period} ends on {}: close it from the day after",
                period.last_day()
            ),
        ));
    }
    let known = ledger::first_period(tx.conn())?;
    // No first period yet: the books begin with the earliest entry, or with this month if
    // nothing is dated before it.
    let first = match known {
        Some(first) => first,
        None => ledger::earliest_value_date(tx.conn())?
            .map(Month::of)
            .filter(|earliest| *earliest < period)
            .unwrap_or(period),
    };
    if period < first {
        return Err(AppError::rule_on_field(
            Rule::BeforeFirstPeriod,
            "period",
            format!("the Fund's books begin in {first}"),
        ));
    }
    let last = ledger::last_closed(tx.conn())?;
    if let Some(last) = last.filter(|last| period <= *last) {
        return Err(AppError::conflict(format!(
            "{period} is already closed (the books are closed up to {last})"
        )));
    }
    let due = last.and_then(Month::next).unwrap_or(first);
    if period != due {
        return Err(AppError::rule_on_field(
            Rule::PeriodsOutOfOrder,
            "period",
            format!("months close in order: close {due} first"),
        ));
    }
    let check = crate::ledger_owners::run_check(tx.conn())?;
    if !check.ok {
        let codes: Vec<&str> = check.violations.iter().map(|v| v.rule.as_str()).collect();
        return Err(AppError::rule(
            Rule::LedgerCheckFailed,
            format!(
                "the ledger check finds {} violation(s) ({}): reconcile before closing",
                codes.len(),
                codes.join(", ")
            ),
        ));
    }
    if known.is_none() {
        ledger::set_first_period(tx, first)?;
    }
    let closed = ClosedPeriod {
        period,
        closed_at: tx.now(),
        closed_by: tx.actor().user_id,
        last_seq: last_seq(tx.conn())?,
        balances: ledger::closing_balances(tx.conn(), period)?,
    };
    ledger::record_close(tx, &closed)?;
    let view = closed_view(&closed)?;
    tx.audit(Change::new(
        "ledger_period.closed",
        "ledger_period",
        period,
        json!({ "after": view, "last_seq": closed.last_seq }),
    ))?;
    Ok(view)
}

fn last_seq(conn: &mut DbConnection) -> Result<i64, AppError> {
    use crate::db::schema::ledger_transactions as lt;
    use diesel::prelude::*;
    let last: Option<i64> = lt::table
        .select(diesel::dsl::max(lt::seq))
        .get_result(conn)?;
    Ok(last.unwrap_or(0))
}

/// The months of the books, oldest first, from the first period (or, before it is known,
/// the month of the earliest entry) to the current month, within `from`..=`to` when
/// given; each open or closed, a closed one with what its close recorded.
pub fn list_periods(
    conn: &mut DbConnection,
    actor: &Actor,
    from: Option<Month>,
    to: Option<Month>,
) -> Result<PeriodList, AppError> {
    let current = Month::of(actor.clock.today());
    let first = ledger::first_period(conn)?;
    let start = match first {
        Some(first) => first,
        None => ledger::earliest_value_date(conn)?
            .map(Month::of)
            .map_or(current, |earliest| earliest.min(current)),
    };
    let start = from.map_or(start, |from| from.max(start));
    let end = to.map_or(current, |to| to.min(current));
    let mut closed = ledger::closed_periods(conn, start, end)?
        .into_iter()
        .peekable();
    let mut items = Vec::new();
    let mut month = Some(start);
    while let Some(period) = month.filter(|m| *m <= end) {
        match closed.next_if(|c| c.period == period) {
            Some(c) => items.push(closed_view(&c)?),
            None => items.push(open_view(period)),
        }
        month = period.next();
    }
    Ok(PeriodList {
        first_period: first,
        items,
    })
}
