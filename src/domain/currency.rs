//! `Currency`: an active ISO 4217 currency the service knows the precision of.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

use super::currency_table::CURRENCIES;
use super::InvalidValue;

/// An active ISO 4217 currency.
///
/// Stored as an index into the compiled-in table, so it is `Copy`, one `u16` wide, and
/// its code and minor units are a lookup away. Ordering is alphabetical by code.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, diesel::AsExpression, diesel::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub struct Currency(u16);

/// Finds `code` in the table at compile time; used to build the named constants, so a
/// typo there fails the build instead of panicking at run time.
const fn index_of(code: &str) -> u16 {
    let wanted = code.as_bytes();
    let mut i = 0;
    while i < CURRENCIES.len() {
        let candidate = CURRENCIES[i].0.as_bytes();
        if candidate[0] == wanted[0] && candidate[1] == wanted[1] && candidate[2] == wanted[2] {
            return i as u16;
        }
        i += 1;
    }
    panic!("currency constant not in the ISO 4217 table")
}

impl Currency {
    /// The Fund's functional currency.
    pub const USD: Currency = Currency(index_of("USD"));
    pub const EUR: Currency = Currency(index_of("EUR"));

    /// Parses an ISO 4217 code. Only exact upper-case codes are accepted: the code is an
    /// identifier, and quietly upper-casing it would let two spellings of one value in.
    pub fn parse(code: &str) -> Result<Currency, InvalidValue> {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(InvalidValue::new(format!(
                "currency must be an ISO 4217 code of three upper-case letters, got {code:?}"
            )));
        }
        CURRENCIES
            .binary_search_by(|(c, _)| (*c).cmp(code))
            .ok()
            .and_then(|i| u16::try_from(i).ok())
            .map(Currency)
            .ok_or_else(|| InvalidValue::new(format!("{code} is not an active ISO 4217 currency")))
    }

    /// The three-letter ISO 4217 code, e.g. `"USD"`.
    pub fn code(self) -> &'static str {
        CURRENCIES[usize::from(self.0)].0
    }

    /// Digits after the decimal point an amount in this currency may have
    /// (JPY 0, USD 2, KWD 3).
    pub fn minor_units(self) -> u32 {
        CURRENCIES[usize::from(self.0)].1
    }

    /// Every known currency, in alphabetical order.
    pub fn all() -> impl Iterator<Item = Currency> {
        (0..CURRENCIES.len()).filter_map(|i| u16::try_from(i).ok().map(Currency))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Currency {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::parse(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::parse(&code).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for Currency {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(Currency::all().map(Currency::code)))
            .description(Some(
                "An active ISO 4217 currency a Fund can hold (no fund codes, metals, XDR or \
                 testing codes)",
            ))
            .examples([serde_json::json!("USD")])
            .into()
    }
}

impl utoipa::ToSchema for Currency {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_well_formed() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(CURRENCIES.len() > 150);
        for (code, minor) in CURRENCIES {
            assert!(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()));
            assert!(*minor <= 4, "{code}");
        }
    }

    #[test]
    fn knows_minor_units() {
        let cases = [
            ("JPY", 0),
            ("KRW", 0),
            ("USD", 2),
            ("EUR", 2),
            ("KWD", 3),
            ("BHD", 3),
            ("JOD", 3),
            ("OMR", 3),
            ("TND", 3),
            ("LYD", 3),
            ("IQD", 3),
            ("XOF", 0),
            ("ZWG", 2),
            ("AED", 2),
        ];
        for (code, minor) in cases {
            let c = Currency::parse(code).unwrap();
            assert_eq!((c.code(), c.minor_units()), (code, minor));
        }
        assert_eq!(Currency::USD.code(), "USD");
        assert_eq!(Currency::EUR.code(), "EUR");
        assert_eq!(Currency::all().count(), CURRENCIES.len());
    }

    #[test]
    fn refuses_unknown_and_sloppy_codes() {
        for bad in [
            "usd", "Usd", "US", "USDD", " USD", "XXY", "XAU", "XDR", "ZWL", "", "ÜSD",
        ] {
            assert!(Currency::parse(bad).is_err(), "{bad:?} was accepted");
        }
        let err = Currency::parse("XXY").unwrap_err();
        assert_eq!(err.to_string(), "XXY is not an active ISO 4217 currency");
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(serde_json::to_string(&Currency::USD).unwrap(), "\"USD\"");
        let c: Currency = serde_json::from_str("\"KWD\"").unwrap();
        assert_eq!(c.minor_units(), 3);
        let err = serde_json::from_str::<Currency>("\"XXY\"").unwrap_err();
        assert!(err
            .to_string()
            .contains("XXY is not an active ISO 4217 currency"));
        assert!(serde_json::from_str::<Currency>("840").is_err());
    }
}
