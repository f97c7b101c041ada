//! The months of the books, as finance lists and closes them.

use serde::Serialize;
use trustfund::domain::Month;
use trustfund::ledger_periods::{PeriodList, PeriodView};

use super::client::Reply;
use super::paths::{self, with_query};
use super::resources::Ledger;

/// The months listed from `from` to `to` (both optional).
#[derive(Debug, Clone, Default, Serialize)]
pub struct PeriodQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Month>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Month>,
}

impl Ledger<'_> {
    /// The months of the books (`PeriodQuery`, or anything serializing to `from`/`to`).
    pub async fn periods(self, query: &(impl Serialize + ?Sized)) -> Reply<PeriodList> {
        self.0.get(with_query(paths::ledger_periods(), query)).await
    }
    /// Closes `period` (`YYYY-MM`, sent as given so a malformed month can be tried); 200
    /// with the month closed.
    pub async fn close_period(self, period: &str) -> Reply<PeriodView> {
        self.0.post_empty(paths::ledger_period_close(period)).await
    }
}
