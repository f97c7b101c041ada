//! `ExchangeRate`: the UN operational rate of exchange used to convert a contribution.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

use crate::domain::decimal_text::DecimalText;
use crate::domain::InvalidValue;

/// USD per one unit of a currency (e.g. `0.0067` for JPY), within the plausible range
/// [`ExchangeRate::MIN`] to [`ExchangeRate::MAX`], with at most
/// [`ExchangeRate::MAX_DECIMAL_PLACES`] decimal places. Recorded with every converted
/// contribution, so it is exact and travels as a string.
#[derive(Clone, Copy, PartialEq, Eq, Hash, diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub struct ExchangeRate(Decimal);

impl ExchangeRate {
    /// Enough for the weakest currencies (IRR is about 0.000024 USD) with six
    /// significant digits to spare.
    pub const MAX_DECIMAL_PLACES: u32 = 10;

    /// The weakest plausible currency: 0.000001 USD a unit (one dollar is a million
    /// units; the weakest UN operational rates, IRR and LBP, are well above it).
    pub const MIN: Decimal = Decimal::from_parts(1, 0, 0, false, 6);

    /// The strongest plausible currency: 10 USD a unit (the strongest, KWD, is about
    /// 3.3). A rate outside this range is a typing error, not a rate of exchange.
    pub const MAX: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

    /// Parses a plain decimal string such as `"1.083417"`.
    pub fn parse(rate: &str) -> Result<ExchangeRate, InvalidValue> {
        let text = DecimalText::parse(rate)?;
        let places = text.decimal_places();
        if places > Self::MAX_DECIMAL_PLACES {
            return Err(InvalidValue::new(format!(
                "an exchange rate allows at most {} decimal places, got {places}",
                Self::MAX_DECIMAL_PLACES
            )));
        }
        let value = text
            .scaled(places)
            .and_then(|mantissa| Decimal::try_from_i128_with_scale(mantissa, places).ok())
            .ok_or_else(|| InvalidValue::new("exchange rate is out of range"))?;
        Self::from_decimal(value)
    }

    /// Accepts a rate already held as a decimal (e.g. read back from the database);
    /// trailing zeros do not count against the decimal places.
    pub fn from_decimal(value: Decimal) -> Result<ExchangeRate, InvalidValue> {
        if value < Self::MIN || value > Self::MAX {
            return Err(InvalidValue::new(format!(
                "an exchange rate is USD per unit, from {} to {}; got {value}",
                Self::MIN,
                Self::MAX
            )));
        }
        let places = value.normalize().scale();
        if places > Self::MAX_DECIMAL_PLACES {
            return Err(InvalidValue::new(format!(
                "an exchange rate allows at most {} decimal places, got {places}",
                Self::MAX_DECIMAL_PLACES
            )));
        }
        Ok(ExchangeRate(value))
    }

    pub fn value(&self) -> Decimal {
        self.0
    }
}

impl fmt::Display for ExchangeRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for ExchangeRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ExchangeRate({})", self.0)
    }
}

impl Serialize for ExchangeRate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ExchangeRate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = super::wire::decimal_string(deserializer, "exchange rate", "0.0067")?;
        ExchangeRate::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for ExchangeRate {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r"^[0-9]+(\.[0-9]{1,10})?$"))
            .description(Some(
                "USD per one unit of the currency (the UN operational rate of exchange), \
                 from 0.000001 to 10, at most 10 decimal places",
            ))
            .examples([serde_json::json!("0.0067")])
            .into()
    }
}

impl utoipa::ToSchema for ExchangeRate {}
