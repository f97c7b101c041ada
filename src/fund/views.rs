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
    /// What grantees owe back on grants `closing` (received and not spent, less write-offs):
    /// not in the ledger until the money comes (a refund), so not in `balances`.
    #[schema(value_type = Money)]
    pub refunds_due: Money,
}

/// What a change of the PSC rate applies to (`SettingsView::psc_rate_applies_to`).
pub const PSC_RATE_APPLIES_TO: &str = "awards made after the rate is set; grants already \
     awarded keep the programme support cost committed at their award";

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsView {
    /// e.g. `"0.13"` for 13%; from 0 to 0.13. Taken by each award when the Board makes it:
    /// a change applies to awards made after it (see `psc_rate_applies_to`).
    #[schema(value_type = String, example = "0.13")]
    pub psc_rate: Decimal,
    /// What a change of `psc_rate` applies to, in words, so that whoever changes it reads
    /// it in the answer.
    #[schema(
        example = "awards made after the rate is set; grants already awarded keep the programme support cost committed at their award"
    )]
    pub psc_rate_applies_to: &'static str,
    /// Share of cash held back from commitments, from 0 to 0.5; applies at once to the
    /// balances, and never leaves the available balance below zero.
    #[schema(value_type = String, example = "0")]
    pub operating_reserve_rate: Decimal,
    #[schema(value_type = Option<Money>)]
    pub max_grant: Option<Money>,
}

impl From<&FundSettings> for SettingsView {
    fn from(s: &FundSettings) -> SettingsView {
        SettingsView {
            psc_rate: s.psc_rate,
            psc_rate_applies_to: PSC_RATE_APPLIES_TO,
            operating_reserve_rate: s.operating_reserve_rate,
            max_grant: s.max_grant,
        }
    }
}

/// The Fund as it stands in this snapshot, with its balances (every signed-in role).
pub fn show(conn: &mut DbConnection, _actor: &Actor) -> Result<FundView, AppError> {
    let fund = model::load(conn)?;
    let balances = crate::ledger::balances(conn)?;
    let due = refunds_due(conn)?;
    Ok(view(&fund, balances, due))
}

/// The refunds owed on every grant, in USD: one sum over the grants' own figure (kept
/// with each refund in its transaction; the integrity check recomputes it). Read from the
/// grants' table because grants sit above the Fund.
pub(super) fn refunds_due(conn: &mut DbConnection) -> Result<Money, AppError> {
    use crate::db::schema::grants;
    use diesel::prelude::*;
    // Only grants closing owe anything: few rows, summed exactly here.
    let owed: Vec<i64> = grants::table
        .filter(grants::refund_due_minor.gt(0))
        .select(grants::refund_due_minor)
        .load(conn)?;
    let total: i128 = owed.into_iter().map(i128::from).sum();
    i64::try_from(total)
        .map_err(AppError::internal)
        .and_then(|t| Money::from_minor(t, Currency::USD).map_err(AppError::internal))
}

pub(super) fn view(fund: &Fund, balances: crate::ledger::Balances, refunds_due: Money) -> FundView {
    FundView {
        id: fund.id.clone(),
        name: fund.name.clone(),
        legal_basis: fund.legal_basis.clone(),
        administrator: fund.administrator.clone(),
        parent_fund: fund.parent_fund.clone(),
        functional_currency: Currency::USD,
        settings: SettingsView::from(&fund.settings),
        balances,
        refunds_due,
    }
}
