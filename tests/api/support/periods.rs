//! The months of the books, read back typed. The crate's `PeriodView` is only written (its
//! month is a `Period` the crate serializes as `YYYY-MM` and never reads), so the tests
//! read it through this twin: the same fields, the month as its text.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use trustfund::domain::{Money, UserId};
use trustfund::ledger::Account;

use super::client::Reply;
use super::paths::{self, with_query};
use super::resources::Ledger;

/// A month `open` or `closed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodState {
    Open,
    Closed,
}

/// One account's balance recorded by a close.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PeriodBalanceRead {
    pub account: Account,
    pub usd: Money,
}

/// One month of the books.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PeriodRead {
    /// `YYYY-MM`.
    pub period: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub state: PeriodState,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<UserId>,
    pub balances: Vec<PeriodBalanceRead>,
}

impl PeriodRead {
    /// The USD balance the close recorded for `account`, if it had postings.
    pub fn balance(&self, account: Account) -> Option<Money> {
        self.balances
            .iter()
            .find(|b| b.account == account)
            .map(|b| b.usd)
    }
}

/// `GET /ledger/periods`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PeriodListRead {
    /// `YYYY-MM`, or none until the first close.
    pub first_period: Option<String>,
    pub items: Vec<PeriodRead>,
}

/// The months listed from `from` to `to` (`YYYY-MM`, both optional).
#[derive(Debug, Clone, Default, Serialize)]
pub struct PeriodQuery<'q> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<&'q str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<&'q str>,
}

impl Ledger<'_> {
    /// The months of the books (`PeriodQuery`, or anything serializing to `from`/`to`).
    pub async fn periods(self, query: &(impl Serialize + ?Sized)) -> Reply<PeriodListRead> {
        self.0.get(with_query(paths::ledger_periods(), query)).await
    }
    /// Closes `period` (`YYYY-MM`, sent as given so a malformed month can be tried); 200
    /// with the month closed.
    pub async fn close_period(self, period: &str) -> Reply<PeriodRead> {
        self.0.post_empty(paths::ledger_period_close(period)).await
    }
}
