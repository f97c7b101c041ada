//! A pledge in USD. A pledge is a receivable: it is valued at the UN operational rate in
//! force on the day it was pledged, and what is still receivable (the pledge less what was
//! received against it, in the pledge's currency) is valued again at the rate in force
//! today. The difference between the two values of the receivable is the exchange
//! difference (a gain when positive). Each value is rounded half to even to the cent on
//! its own, and the difference is taken between the rounded values, so the three add up
//! to the cent. Where a month has no rate for the currency the figure is `null` and
//! `rates_missing` names the month and currency: never a guess from another month.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::DbConnection;
use crate::domain::Month;
use crate::domain::{Currency, ExchangeRate, Money};
use crate::error::AppError;
use crate::exchange_rates;

/// A month whose table has no rate for a currency, which leaves a figure `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub struct MissingRate {
    pub month: Month,
    #[schema(example = "NOK")]
    pub currency: Currency,
}

/// What is still receivable on a pledge, and its value in USD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReceivableView {
    /// The pledge less what was received against it, in the pledge's currency.
    pub amount: Money,
    /// `amount` at the rate in force on the day of the pledge.
    pub usd_at_pledge_rate: Option<Money>,
    /// The day the receivable is valued on (today, UTC).
    pub valued_on: NaiveDate,
    /// The rate in force on `valued_on`.
    pub rate_to_usd: Option<ExchangeRate>,
    /// `amount` at `rate_to_usd`.
    pub usd: Option<Money>,
    /// `usd − usd_at_pledge_rate`: a gain when positive, a loss when negative.
    pub exchange_difference_usd: Option<Money>,
}

/// A pledge's values in USD.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PledgeValue {
    pub pledged_rate_to_usd: Option<ExchangeRate>,
    pub pledged_usd: Option<Money>,
    /// `None` without a pledge.
    pub receivable: Option<ReceivableView>,
    pub rates_missing: Vec<MissingRate>,
}

/// The values of `pledged` (pledged on `pledged_on`, `outstanding` still to come) from
/// the rates in force on `pledged_on` and on `today`; nothing without a pledge.
pub fn value_pledge(
    conn: &mut DbConnection,
    pledged: Option<Money>,
    pledged_on: NaiveDate,
    outstanding: Option<Money>,
    today: NaiveDate,
) -> Result<PledgeValue, AppError> {
    let (Some(pledged), Some(outstanding)) = (pledged, outstanding) else {
        return Ok(PledgeValue::default());
    };
    let currency = pledged.currency();
    let at_pledge = exchange_rates::in_force(conn, currency, pledged_on)?;
    let now = exchange_rates::in_force(conn, currency, today)?;
    value(pledged, pledged_on, outstanding, today, at_pledge, now)
}

/// The pure rule of [`value_pledge`], over the two rates.
pub fn value(
    pledged: Money,
    pledged_on: NaiveDate,
    outstanding: Money,
    today: NaiveDate,
    at_pledge: Option<ExchangeRate>,
    now: Option<ExchangeRate>,
) -> Result<PledgeValue, AppError> {
    let currency = pledged.currency();
    let in_usd = |m: Money, rate: Option<ExchangeRate>| -> Result<Option<Money>, AppError> {
        rate.map(|r| m.usd_from_rate(&r))
            .transpose()
            .map_err(|e| AppError::internal(anyhow::anyhow!("valuing a pledge: {e}")))
    };
    let mut rates_missing: Vec<MissingRate> = [(at_pledge, pledged_on), (now, today)]
        .into_iter()
        .filter(|(rate, _)| rate.is_none())
        .map(|(_, on)| MissingRate {
            month: Month::of(on),
            currency,
        })
        .collect();
    rates_missing.sort();
    rates_missing.dedup();
    let usd_at_pledge_rate = in_usd(outstanding, at_pledge)?;
    let usd = in_usd(outstanding, now)?;
    let exchange_difference_usd = match (usd, usd_at_pledge_rate) {
        (Some(now), Some(then)) => Some(
            now.checked_sub(then)
                .map_err(|e| AppError::internal(anyhow::anyhow!("an exchange difference: {e}")))?,
        ),
        _ => None,
    };
    Ok(PledgeValue {
        pledged_rate_to_usd: at_pledge,
        pledged_usd: in_usd(pledged, at_pledge)?,
        receivable: Some(ReceivableView {
            amount: outstanding,
            usd_at_pledge_rate,
            valued_on: today,
            rate_to_usd: now,
            usd,
            exchange_difference_usd,
        }),
        rates_missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nok(a: &str) -> Money {
        Money::parse(a, Currency::parse("NOK").unwrap()).unwrap()
    }
    fn rate(r: &str) -> Option<ExchangeRate> {
        Some(ExchangeRate::parse(r).unwrap())
    }
    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    #[test]
    fn the_receivable_and_its_exchange_difference_add_up_to_the_cent() {
        let v = value(
            nok("1000000.00"),
            day("2026-01-10"),
            nok("333333.33"),
            day("2026-03-05"),
            rate("0.0912345"),
            rate("0.0951"),
        )
        .unwrap();
        let r = v.receivable.unwrap();
        let (then, now) = (r.usd_at_pledge_rate.unwrap(), r.usd.unwrap());
        assert_eq!(then.to_string(), "30411.50 USD");
        assert_eq!(now.to_string(), "31700.00 USD");
        assert_eq!(
            then.checked_add(r.exchange_difference_usd.unwrap())
                .unwrap(),
            now
        );
        assert_eq!(v.pledged_usd.unwrap().to_string(), "91234.50 USD");
        assert!(v.rates_missing.is_empty());
    }

    #[test]
    fn a_missing_rate_is_named_never_guessed() {
        let v = value(
            nok("100.00"),
            day("2026-01-10"),
            nok("100.00"),
            day("2026-03-05"),
            rate("0.09"),
            None,
        )
        .unwrap();
        assert_eq!(v.receivable.as_ref().unwrap().usd, None);
        assert_eq!(v.receivable.unwrap().exchange_difference_usd, None);
        assert_eq!(v.rates_missing.len(), 1);
        assert_eq!(v.rates_missing[0].month.to_string(), "2026-03");
    }
}
