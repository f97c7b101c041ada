//! What the Fund looks like to its readers: its record, settings and balances.

use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;

use super::model::{self, Fund, FundSettings};
use crate::db::{Actor, DbConnection};
use crate::domain::{Currency, Money};
use crate::error::AppError;

#[derive(Debug, Serialize, ToSchema)]
pub struct FundView {
    pub id: String,
    pub name: String,
    pub legal_basis: String,
    pub administrator: String,
    pub parent_fund: String,
    #[schema(example = "USD")]
    pub functional_currency: Currency,
    pub settings: SettingsView,
    /// From the ledger, in USD.
    pub balances: crate::ledger::Balances,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsView {
    /// e.g. `"0.13"` for 13%.
    #[schema(value_type = String, example = "0.13")]
    pub psc_rate: Decimal,
    #[schema(value_type = String, example = "0")]
    pub operating_reserve_rate: Decimal,
    #[schema(value_type = Option<Money>)]
    pub max_grant: Option<Money>,
}

impl From<&FundSettings> for SettingsView {
    fn from(s: &FundSettings) -> SettingsView {
        SettingsView {
            psc_rate: s.psc_rate,
            operating_reserve_rate: s.operating_reserve_rate,
            max_grant: s.max_grant,
        }
    }
}

/// The Fund as it stands in this snapshot, with its balances (every signed-in role).
pub fn show(conn: &mut DbConnection, _actor: &Actor) -> Result<FundView, AppError> {
    let fund = model::load(conn)?;
    let balances = crate::ledger::balances(conn)?;
    Ok(view(&fund, balances))
}

pub(super) fn view(fund: &Fund, balances: crate::ledger::Balances) -> FundView {
    FundView {
        id: fund.id.clone(),
        name: fund.name.clone(),
        legal_basis: fund.legal_basis.clone(),
        administrator: fund.administrator.clone(),
        parent_fund: fund.parent_fund.clone(),
        functional_currency: Currency::USD,
        settings: SettingsView::from(&fund.settings),
        balances,
    }
}
