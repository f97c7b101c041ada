//! What money in can plausibly be (issue 9, fault 5), refused as a 400 naming the field:
//! - an amount (a receipt or a pledge) is at most [`MAX_AMOUNT`] in its own currency
//!   (ten billion: more than the Fund has received in its whole life, and far enough
//!   below `i64` minor units that no sum of receipts can overflow);
//! - a date (a receipt or a pledge) is not before [`FUND_CREATED`], the adoption of GA
//!   resolution 64/293, nor more than [`FUTURE_MARGIN_DAYS`] after today (UTC), the
//!   margin for a bank's date in a time zone ahead of UTC.
//! - rates of exchange are bounded by `ExchangeRate` itself (0.000001 to 10 USD a unit),
//!   and currencies by `Currency` (only those a Fund can hold).

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::Money;
use crate::error::AppError;

/// Ten billion units of the amount's own currency.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_410_065_408, 2, 0, false, 0);

/// 30 July 2010: the General Assembly adopted resolution 64/293, creating the Fund.
pub const FUND_CREATED: NaiveDate = match NaiveDate::from_ymd_opt(2010, 7, 30) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

pub const FUTURE_MARGIN_DAYS: u64 = 1;

pub fn amount(field: &str, money: &Money) -> Result<(), AppError> {
    if money.amount() > MAX_AMOUNT {
        return Err(AppError::bad_field(
            field,
            format!(
                "at most 10000000000 {} in one receipt or pledge",
                money.currency()
            ),
        ));
    }
    Ok(())
}

pub fn date(field: &str, date: NaiveDate, today: NaiveDate) -> Result<(), AppError> {
    let latest = today
        .checked_add_days(Days::new(FUTURE_MARGIN_DAYS))
        .unwrap_or(today);
    if date < FUND_CREATED || date > latest {
        return Err(AppError::bad_field(
            field,
            format!("must be from {FUND_CREATED} (the Fund's creation) to {latest}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    #[test]
    fn the_bounds_hold_at_their_edges() {
        assert_eq!(MAX_AMOUNT, Decimal::from(10_000_000_000i64));
        let usd = |a: &str| Money::parse(a, Currency::USD).unwrap();
        assert!(amount("amount", &usd("10000000000.00")).is_ok());
        assert!(amount("amount", &usd("10000000000.01")).is_err());
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert!(date("d", FUND_CREATED, today).is_ok());
        assert!(date("d", FUND_CREATED.pred_opt().unwrap(), today).is_err());
        assert!(date("d", today.succ_opt().unwrap(), today).is_ok());
        assert!(date("d", NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), today).is_err());
    }
}
