//! The Fund as its readers see it, read back whole. The crate's `FundView` is only
//! written (its settings carry a fixed text the crate holds as a `&'static str`), so the
//! tests read it through this twin: the same fields, the balances in the ledger's own type.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use trustfund::domain::Money;
use trustfund::ledger::Balances;

use super::client::Reply;
use super::paths;
use super::resources::Fund;

/// `GET /fund` and the answer to a change of its settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FundRead {
    pub id: String,
    pub name: String,
    pub legal_basis: String,
    pub administrator: String,
    pub parent_fund: String,
    pub functional_currency: trustfund::domain::Currency,
    pub settings: SettingsRead,
    pub balances: Balances,
    pub refunds_due: Money,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SettingsRead {
    pub psc_rate: Decimal,
    pub psc_rate_applies_to: String,
    pub operating_reserve_rate: Decimal,
    pub max_grant: Option<Money>,
}

impl Fund<'_> {
    /// The Fund, typed.
    pub async fn read(self) -> Reply<FundRead> {
        self.0.get(paths::fund()).await
    }
    /// A change of the settings (`{"psc_rate", "operating_reserve_rate", "max_grant"}`:
    /// JSON, since `max_grant` tells `null` from absent), answered with the Fund, typed.
    pub async fn change_settings(self, body: &impl Serialize) -> Reply<FundRead> {
        self.0.patch(paths::fund_settings(), body).await
    }
}
