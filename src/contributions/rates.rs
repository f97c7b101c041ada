//! The rate a receipt is recorded at: the UN operational rate of exchange in force on its
//! day (`crate::exchange_rates`), unless finance gives another and says why.
//!
//! - no rate given: the rate in force; none recorded for the month is a 422
//!   `exchange-rate-missing` naming the month and currency to record;
//! - a rate given that is the rate in force: taken as it is;
//! - another rate: `rate_reason` is required (422 `rate-reason-required`) and kept with
//!   the receipt;
//! - a rate given for a month with no table: taken as given (receipts recorded before
//!   the tables existed were all so), its reason kept if one is given.
//!
//! A reason with nothing to explain (no rate given, or the rate in force) is a 400: a
//! reason stored beside the rate in force would say something untrue.

use chrono::NaiveDate;

use crate::db::DbConnection;
use crate::domain::Month;
use crate::domain::{Currency, ExchangeRate};
use crate::error::{AppError, Rule};
use crate::exchange_rates;

/// The rate and the reason a receipt of `currency` on `received_on` is recorded with.
pub(super) fn settle(
    conn: &mut DbConnection,
    currency: Currency,
    received_on: NaiveDate,
    given: Option<ExchangeRate>,
    reason: Option<String>,
) -> Result<(ExchangeRate, Option<String>), AppError> {
    let in_force = exchange_rates::in_force(conn, currency, received_on)?;
    let nothing_to_explain = || {
        AppError::bad_field(
            "rate_reason",
            "a reason explains a rate_to_usd other than the rate in force; there is none here",
        )
    };
    match (given, in_force) {
        (None, Some(rate)) => match reason {
            None => Ok((rate, None)),
            Some(_) => Err(nothing_to_explain()),
        },
        (None, None) => {
            let month = Month::of(received_on);
            Err(AppError::rule_on_field(
                Rule::ExchangeRateMissing,
                "rate_to_usd",
                format!(
                    "no UN operational rate of exchange for {currency} is in force on \
                     {received_on}: record {month}'s table (PUT /api/v1/exchange-rates/{month}) \
                     with {currency} from {} or earlier, or give rate_to_usd with a rate_reason",
                    received_on
                ),
            ))
        }
        (Some(given), Some(rate)) if given == rate => match reason {
            None => Ok((given, None)),
            Some(_) => Err(nothing_to_explain()),
        },
        (Some(given), Some(rate)) => match reason {
            Some(reason) => Ok((given, Some(reason))),
            None => Err(AppError::rule_on_field(
                Rule::RateReasonRequired,
                "rate_reason",
                format!(
                    "{given} is not the UN operational rate for {currency} in force on \
                     {received_on} ({rate}): say why in rate_reason, or leave rate_to_usd out"
                ),
            )),
        },
        (Some(given), None) => Ok((given, reason)),
    }
}
