//! `Money`: an exact amount in one currency, never a float.
//!
//! The amount is held as an `i64` count of the currency's minor units (cents, fils,
//! yen), which is exactly what the ledger stores and sums; `amount()` turns it into a
//! `Decimal` whose scale is always the currency's minor units. `i64::MIN` is excluded so
//! that negation, which every ledger reversal needs, can never overflow.

mod exchange_rate;
mod positive;
#[cfg(test)]
mod tests;
mod wire;

use std::cmp::Ordering;
use std::fmt;
use std::ops::Neg;

use rust_decimal::{Decimal, RoundingStrategy};

use super::decimal_text::DecimalText;
use super::{Currency, InvalidValue};

pub use exchange_rate::ExchangeRate;
pub use positive::PositiveMoney;

/// An exact amount of money in one currency.
///
/// Equality is exact (same currency, same minor units). Amounts in different currencies
/// are not comparable: `partial_cmp` gives `None` for them.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    /// Invariant: never `i64::MIN`.
    minor: i64,
    currency: Currency,
}

/// An amount as a spreadsheet's number cell holds it (a binary double): every amount of
/// fewer than 15 significant digits (every amount the Fund holds: ten billion with its
/// cents at most) converts to the double nearest its decimal, which is what a spreadsheet
/// itself stores for the typed number, so it reads back exactly as written.
pub fn spreadsheet_number(amount: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    amount.to_f64().unwrap_or(f64::NAN)
}

impl Money {
    /// Parses a plain decimal string (`"1250.00"`, `"1250"`, `"-3.5"`) in `currency`.
    ///
    /// Refused: exponents, spaces, `+`, thousands separators, an empty string, more than
    /// 28 significant digits, more decimal places than the currency has, and amounts
    /// whose minor units do not fit an `i64`.
    pub fn parse(amount: &str, currency: Currency) -> Result<Money, InvalidValue> {
        Self::from_text(&DecimalText::parse(amount)?, currency)
    }

    /// The currency-dependent half of `parse`, shared with deserialisation.
    fn from_text(text: &DecimalText, currency: Currency) -> Result<Money, InvalidValue> {
        let allowed = currency.minor_units();
        let places = text.decimal_places();
        if places > allowed {
            return Err(InvalidValue::new(format!(
                "{currency} allows at most {allowed} decimal places, got {places}"
            )));
        }
        text.scaled(allowed)
            .and_then(|minor| i64::try_from(minor).ok())
            .and_then(|minor| Money::from_minor(minor, currency).ok())
            .ok_or_else(|| Self::out_of_range(currency))
    }

    fn out_of_range(currency: Currency) -> InvalidValue {
        let max = Money {
            minor: i64::MAX,
            currency,
        };
        InvalidValue::new(format!(
            "amount is out of range: at most {} {currency} either way",
            max.amount()
        ))
    }

    /// An amount given in minor units (cents for USD, yen for JPY, fils for KWD), as the
    /// ledger stores it. Refuses only `i64::MIN`, whose negation would not fit.
    pub fn from_minor(minor: i64, currency: Currency) -> Result<Money, InvalidValue> {
        if minor == i64::MIN {
            return Err(Self::out_of_range(currency));
        }
        Ok(Money { minor, currency })
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// The amount in minor units; exact by construction.
    pub fn to_minor(&self) -> i64 {
        self.minor
    }

    /// The amount as a decimal with exactly the currency's minor digits, so that its
    /// `to_string()` is the wire form (`"1250.00"`, `"1000000"` for JPY, `"1.500"` KWD).
    pub fn amount(&self) -> Decimal {
        Decimal::new(self.minor, self.currency.minor_units())
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn is_positive(&self) -> bool {
        self.minor > 0
    }

    pub fn is_negative(&self) -> bool {
        self.minor < 0
    }

    pub fn is_zero(&self) -> bool {
        self.minor == 0
    }

    /// `self + other`. Errors (rather than `None`) so the caller can tell the user why:
    /// a currency mismatch is a programming or data error worth reporting, not a
    /// silent skip; overflow is reported the same way.
    pub fn checked_add(self, other: Money) -> Result<Money, InvalidValue> {
        self.same_currency(other)?;
        let sum = self.minor.checked_add(other.minor);
        sum.ok_or_else(|| Self::out_of_range(self.currency))
            .and_then(|minor| Money::from_minor(minor, self.currency))
    }

    /// `self - other`; errors as [`Money::checked_add`].
    pub fn checked_sub(self, other: Money) -> Result<Money, InvalidValue> {
        self.checked_add(-other)
    }

    fn same_currency(self, other: Money) -> Result<(), InvalidValue> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(InvalidValue::new(format!(
                "cannot combine an amount in {} with one in {}",
                other.currency, self.currency
            )))
        }
    }

    /// Adds up `amounts`, all of which must be in `currency`. The empty sum is zero.
    pub fn sum<I: IntoIterator<Item = Money>>(
        currency: Currency,
        amounts: I,
    ) -> Result<Money, InvalidValue> {
        amounts
            .into_iter()
            .try_fold(Money::zero(currency), Money::checked_add)
    }

    /// This amount times `rate` (a share such as a programme support cost or a reserve),
    /// rounded half to even to the currency's minor unit. The product is built exactly
    /// before the single rounding.
    pub fn share(&self, rate: Decimal) -> Result<Money, InvalidValue> {
        let out_of_range = || Self::out_of_range(self.currency);
        let product = i128::from(self.minor)
            .checked_mul(rate.mantissa())
            .ok_or_else(out_of_range)?;
        let exact =
            Decimal::try_from_i128_with_scale(product, rate.scale()).map_err(|_| out_of_range())?;
        let rounded = exact.round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven);
        let minor = i64::try_from(rounded.mantissa()).map_err(|_| out_of_range())?;
        Money::from_minor(minor, self.currency)
    }

    /// Converts this amount to USD at `rate` (USD per one unit of this currency), rounding
    /// the exact product half to even to the cent, the rounding that does not drift over
    /// many conversions. Errors only if the result cannot be represented.
    pub fn usd_from_rate(&self, rate: &ExchangeRate) -> Result<Money, InvalidValue> {
        let out_of_range = || Self::out_of_range(Currency::USD);
        let rate = rate.value();
        // The product of two exact decimals is exact with the sum of their scales; build
        // it ourselves so that Decimal's own multiplication never rounds before we do.
        let product = i128::from(self.minor)
            .checked_mul(rate.mantissa())
            .ok_or_else(out_of_range)?;
        let scale = self.currency.minor_units() + rate.scale();
        let exact =
            Decimal::try_from_i128_with_scale(product, scale).map_err(|_| out_of_range())?;
        let usd_places = Currency::USD.minor_units();
        let rounded =
            exact.round_dp_with_strategy(usd_places, RoundingStrategy::MidpointNearestEven);
        let text = DecimalText::parse(&rounded.to_string())?;
        Money::from_text(&text, Currency::USD)
    }
}

impl Neg for Money {
    type Output = Money;
    /// Total: the invariant keeps `i64::MIN` out, so this cannot overflow.
    fn neg(self) -> Money {
        Money {
            minor: -self.minor,
            currency: self.currency,
        }
    }
}

impl PartialOrd for Money {
    fn partial_cmp(&self, other: &Money) -> Option<Ordering> {
        (self.currency == other.currency).then(|| self.minor.cmp(&other.minor))
    }
}

impl fmt::Display for Money {
    /// `1250.00 USD`; for logs and messages. The wire form is the JSON object.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount(), self.currency)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({self})")
    }
}

/// The Board's award rule: the median of the approving votes' recommended amounts, the
/// lower middle one when their number is even (so the award never exceeds what a
/// majority of approvers recommended). `None` for no amounts or mixed currencies.
pub fn lower_median(mut amounts: Vec<Money>) -> Option<Money> {
    let currency = amounts.first()?.currency;
    if amounts.iter().any(|m| m.currency != currency) {
        return None;
    }
    amounts.sort_unstable_by_key(|m| m.minor);
    amounts.get((amounts.len() - 1) / 2).copied()
}
