//! Changing the Fund's settings (the secretariat), with the rules every face shares.
//!
//! The programme support cost rate is taken by each award when the Board makes it (the
//! grant stores the PSC it committed), so a change applies to awards made after it and
//! never to a grant already awarded. The operating reserve is read by every balance, so a
//! change applies at once: it is refused when it would leave the available balance below
//! zero, computed from the ledger's balances in the transaction that changes it.

use rust_decimal::Decimal;

use super::model::{self, FundSettings};
use super::views::{view, FundView};
use crate::db::Tx;
use crate::domain::{Currency, Money};
use crate::error::{AppError, Rule};

/// A change of settings: each `None` leaves that setting as it is.
#[derive(Debug, Default)]
pub struct SettingsChange {
    /// Text as the client sent it, e.g. `"0.13"`: checked by [`change_settings`].
    pub psc_rate: Option<String>,
    pub operating_reserve_rate: Option<String>,
    /// `Some(None)` clears the cap.
    pub max_grant: Option<Option<Money>>,
}

/// The highest programme support cost rate: 13%, the standard rate of UN trust funds
/// (and the most their rules allow to be charged on expenditure).
pub const MAX_PSC_RATE: Decimal = Decimal::from_parts(13, 0, 0, false, 2);

/// The highest operating reserve: half the cash. A reserve is a buffer against late
/// contributions and exchange losses, commonly a few months of outgoings; a Fund that
/// held back more than half its cash would not be making grants, and a typing slip
/// (0.8 for 0.08) should be refused rather than freeze the Fund's available balance.
pub const MAX_OPERATING_RESERVE_RATE: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// A rate: from 0 to `max` inclusive, at most 6 decimal places; a 400 naming `field` and
/// the bound.
fn parse_rate(field: &str, text: &str, max: Decimal) -> Result<Decimal, AppError> {
    let rate: Decimal = text
        .parse()
        .map_err(|_| AppError::bad_field(field, "must be a decimal string such as \"0.13\""))?;
    if rate < Decimal::ZERO || rate > max || rate.scale() > 6 {
        return Err(AppError::bad_field(
            field,
            format!("must be from 0 to {max} inclusive, with at most 6 decimal places"),
        ));
    }
    Ok(rate)
}

/// Refuses (422 `insufficient-funds`, naming `operating_reserve_rate`) a reserve rate
/// raised to where the reserve would leave less than nothing available for new grants.
fn ensure_reserve_leaves_funds(
    tx: &mut Tx,
    before: Decimal,
    after: Decimal,
) -> Result<(), AppError> {
    if after <= before {
        return Ok(());
    }
    let position = crate::ledger::position_at(tx.conn(), after)?;
    if position.available >= 0 {
        return Ok(());
    }
    let usd = |minor: i64| {
        Money::from_minor(minor, Currency::USD)
            .map(|m| m.to_string())
            .map_err(AppError::internal)
    };
    Err(AppError::rule_on_field(
        Rule::InsufficientFunds,
        "operating_reserve_rate",
        format!(
            "a reserve of {after} would hold back {} of the cash of {}, which with {} \
             committed to grants would leave {} available: the reserve may never push the \
             available balance below zero",
            usd(position.reserve)?,
            usd(position.cash)?,
            usd(position.commitments)?,
            usd(position.available)?
        ),
    ))
}

/// Changes the Fund's settings (the secretariat, as its faces declare), recorded in the
/// audit trail; answers the Fund as the same transaction leaves it. 400 a rate out of its
/// bounds ([`MAX_PSC_RATE`], [`MAX_OPERATING_RESERVE_RATE`]); 422 `insufficient-funds` a
/// reserve raised beyond what the available balance allows.
pub fn change_settings(tx: &mut Tx, change: SettingsChange) -> Result<FundView, AppError> {
    let psc = change
        .psc_rate
        .as_deref()
        .map(|t| parse_rate("psc_rate", t, MAX_PSC_RATE))
        .transpose()?;
    let reserve = change
        .operating_reserve_rate
        .as_deref()
        .map(|t| parse_rate("operating_reserve_rate", t, MAX_OPERATING_RESERVE_RATE))
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
    ensure_reserve_leaves_funds(
        tx,
        current.operating_reserve_rate,
        settings.operating_reserve_rate,
    )?;
    let fund = model::update_settings(tx, settings)?;
    let balances = crate::ledger::balances(tx.conn())?;
    Ok(view(&fund, balances, super::views::refunds_due(tx.conn())?))
}
