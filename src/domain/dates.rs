//! The range of dates and instants the service accepts: years 1 to 9999.
//!
//! chrono reads years far beyond that (`-5000-01-01`, `+200000-01-01`); SQLite stores
//! them as text, but PostgreSQL's `date` and `timestamp` end at 4713 BC and refuse the
//! row, which turned a hostile date into a 500. Years 1 to 9999 are also what RFC 3339
//! can write back. Request fields use these with `#[serde(deserialize_with = ...)]`.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Deserializer};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::RefOr;

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

/// A date a query asks about (`from`, `to`, `on` of the reports, exports, the journal and
/// the Board's balance): one range for every such parameter, so a date the service
/// accepts is one every reader can compute and every format can write; outside it, a 400
/// naming the parameter.
///
/// Why these ends: 1900-03-01 is the first day Excel's 1900 date system counts right (its
/// serial numbers treat 1900 as a leap year, and before 1900 it has none: a workbook
/// from an earlier date was broken). 9999-09-30 leaves room for what readers add to a
/// date and still write a four-digit year: the next midnight after `to` (reports, the
/// journal, exports) and the Board's 90-day look-ahead from `on`; a year 10000 prints as
/// `+10000-01-01`, which PostgreSQL refuses (a 500) and SQLite compares as text before
/// every real date (figures silently zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QueryDate(NaiveDate);

impl QueryDate {
    pub const FIRST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 3, 1) {
        Some(d) => d,
        None => NaiveDate::MIN,
    };
    pub const LAST: NaiveDate = match NaiveDate::from_ymd_opt(9999, 9, 30) {
        Some(d) => d,
        None => NaiveDate::MAX,
    };

    pub fn new(date: NaiveDate) -> Result<QueryDate, InvalidValue> {
        if (Self::FIRST..=Self::LAST).contains(&date) {
            Ok(QueryDate(date))
        } else {
            Err(InvalidValue::new(format!(
                "must be a date from {} to {}, got {date}",
                Self::FIRST,
                Self::LAST
            )))
        }
    }

    pub fn get(self) -> NaiveDate {
        self.0
    }

    /// The range above as a pattern, so a client generating dates from the schema stays
    /// inside it: years 1901 to 9998 whole, 1900 from March, 9999 to September. Whether
    /// the day exists in its month is left to `format: date`.
    pub const PATTERN: &'static str = concat!(
        "^(?:(?:19(?:0[1-9]|[1-9][0-9])|[2-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])",
        "-(?:0[1-9]|1[0-2])",
        "|1900-(?:0[3-9]|1[0-2])",
        "|9999-0[1-9])",
        "-(?:0[1-9]|[12][0-9]|3[01])$"
    );
}

impl FromStr for QueryDate {
    type Err = InvalidValue;

    fn from_str(text: &str) -> Result<QueryDate, InvalidValue> {
        let date = NaiveDate::from_str(text).map_err(|e| {
            InvalidValue::new(format!("must be a date as YYYY-MM-DD, got {text:?}: {e}"))
        })?;
        QueryDate::new(date)
    }
}

impl fmt::Display for QueryDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'de> Deserialize<'de> for QueryDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        QueryDate::new(NaiveDate::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for QueryDate {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .pattern(Some(QueryDate::PATTERN))
            .description(Some(format!(
                "A day, `YYYY-MM-DD`, from {} to {} (the days every report and file \
                 format can hold); else a 400 naming the parameter.",
                QueryDate::FIRST,
                QueryDate::LAST
            )))
            .into()
    }
}

impl utoipa::ToSchema for QueryDate {}

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

    #[test]
    fn query_dates_stay_where_every_reader_and_format_can_go() {
        assert!("1900-03-01".parse::<QueryDate>().is_ok());
        assert!("9999-09-30".parse::<QueryDate>().is_ok());
        for bad in [
            "1900-02-28",
            "0001-01-01",
            "9999-10-01",
            "9999-12-31",
            "+10000-01-01",
        ] {
            let err = bad.parse::<QueryDate>().unwrap_err().to_string();
            assert!(
                err.contains("from 1900-03-01 to 9999-09-30"),
                "{bad}: {err}"
            );
        }
        assert!("2026-13-01".parse::<QueryDate>().is_err());
        // The schema's pattern draws the same line as the parser.
        let pattern = regex::Regex::new(QueryDate::PATTERN).unwrap();
        for (text, inside) in [
            ("1900-03-01", true),
            ("1900-02-28", false),
            ("1899-12-31", false),
            ("1901-01-01", true),
            ("2026-12-06", true),
            ("9998-12-31", true),
            ("9999-09-30", true),
            ("9999-10-01", false),
            ("0745-07-30", false),
            ("+10000-01-01", false),
        ] {
            assert_eq!(pattern.is_match(text), inside, "{text}");
            assert_eq!(text.parse::<QueryDate>().is_ok(), inside, "{text}");
        }
        // The latest date plus the Board's look-ahead still has a four-digit year.
        let later = QueryDate::LAST + chrono::Days::new(92);
        assert_eq!(later.year(), 9999);
    }
}
