//! The range of dates and instants the service accepts: years 1 to 9999.
//!
//! chrono reads years far beyond that (`-5000-01-01`, `+200000-01-01`); SQLite stores
//! them as text, but PostgreSQL's `date` and `timestamp` end at 4713 BC and refuse the
//! row, which turned a hostile date into a 500. Years 1 to 9999 are also what RFC 3339
//! can write back. Request fields use these with `#[serde(deserialize_with = ...)]`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Deserializer};

use super::InvalidValue;

const FIRST_YEAR: i32 = 1;
const LAST_YEAR: i32 = 9999;

/// Refuses a date outside years 1 to 9999.
pub fn storable_date(date: NaiveDate) -> Result<NaiveDate, InvalidValue> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(InvalidValue::new(format!(
            "must be a date between 0001-01-01 and 9999-12-31, got {date}"
        )))
    }
}

/// A `YYYY-MM-DD` date in years 1 to 9999.
pub fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    storable_date(NaiveDate::deserialize(deserializer)?).map_err(serde::de::Error::custom)
}

/// An optional date in years 1 to 9999 (use with `#[serde(default)]`).
pub fn optional_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    Option::<NaiveDate>::deserialize(deserializer)?
        .map(storable_date)
        .transpose()
        .map_err(serde::de::Error::custom)
}

/// An RFC 3339 instant whose UTC date is in years 1 to 9999.
pub fn instant<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let at = DateTime::<Utc>::deserialize(deserializer)?;
    storable_date(at.date_naive())
        .map(|_| at)
        .map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Body {
        #[serde(deserialize_with = "date")]
        on: NaiveDate,
        #[serde(default, deserialize_with = "optional_date")]
        until: Option<NaiveDate>,
        #[serde(default, deserialize_with = "instant")]
        at: DateTime<Utc>,
    }

    fn parse(json: &str) -> Result<Body, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn accepts_years_1_to_9999_only() {
        assert!(parse(r#"{"on": "0001-01-01", "until": "9999-12-31"}"#).is_ok());
        assert!(parse(r#"{"on": "2026-11-29", "at": "2026-11-29T10:00:00Z"}"#).is_ok());
        let err = parse(r#"{"on": "-5000-01-01"}"#).unwrap_err();
        assert!(err.contains("between 0001-01-01 and 9999-12-31"), "{err}");
        assert!(parse(r#"{"on": "2026-01-01", "until": "+10000-01-01"}"#).is_err());
        assert!(parse(r#"{"on": "2026-01-01", "at": "-0001-01-01T00:00:00Z"}"#).is_err());
        assert!(parse(r#"{"on": "2026-01-01", "until": null}"#).is_ok());
    }
}
