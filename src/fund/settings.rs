//! Changing the Fund's settings (the secretariat), with the rules every face shares.

use rust_decimal::Decimal;

use super::model::{self, FundSettings};
use super::views::{view, FundView};
use crate::db::Tx;
use crate::domain::{Currency, Money};
use crate::error::AppError;

/// A change of settings: each `None` leaves that setting as it is.
#[derive(Debug, Default)]
pub struct SettingsChange {
    /// Text as the client sent it, e.g. `"0.13"`: checked by [`change_settings`].
    pub psc_rate: Option<String>,
    pub operating_reserve_rate: Option<String>,
    /// `Some(None)` clears the cap.
    pub max_grant: Option<Option<Money>>,
}

/// A rate: at least 0 and below 1, at most 6 decimal places; a 400 naming `field`.
fn parse_rate(field: &str, text: &str) -> Result<Decimal, AppError> {
    let rate: Decimal = text
        .parse()
        .map_err(|_| AppError::bad_field(field, "must be a decimal string such as \"0.13\""))?;
    if rate < Decimal::ZERO || rate >= Decimal::ONE || rate.scale() > 6 {
        return Err(AppError::bad_field(
            field,
            "must be at least 0 and below 1, with at most 6 decimal places",
        ));
    }
    Ok(rate)
}

/// Changes the Fund's settings (the secretariat, as its faces declare), recorded in the audit trail; answers the
/// Fund as the same transaction leaves it.
pub fn change_settings(tx: &mut Tx, change: SettingsChange) -> Result<FundView, AppError> {
    let psc = change
        .psc_rate
        .as_deref()
        .map(|t| parse_rate("psc_rate", t))
        .transpose()?;
    let reserve = change
        .operating_reserve_rate
        .as_deref()
        .map(|t| parse_rate("operating_reserve_rate", t))
        .transpose()?;
    if change
        .max_grant
        .flatten()
        .is_some_and(|m| m.currency() != Currency::USD)
    {
        return Err(AppError::bad_field(
            "max_grant.currency",
            "must be USD, the Fund's currency",
        ));
    }
    let current = model::load(tx.conn())?.settings;
    let settings = FundSettings {
        psc_rate: psc.unwrap_or(current.psc_rate),
        operating_reserve_rate: reserve.unwrap_or(current.operating_reserve_rate),
        max_grant: change.max_grant.unwrap_or(current.max_grant),
    };
    let fund = model::update_settings(tx, settings)?;
    let balances = crate::ledger::balances(tx.conn())?;
    Ok(view(&fund, balances, super::views::refunds_due(tx.conn())?))
}
