//! `Month`: a calendar month, `YYYY-MM` on the wire and in paths; the unit a table of UN
//! operational rates of exchange is set for, and the period the books close by.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

use super::InvalidValue;

/// A calendar month, held as its first day.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(NaiveDate);

impl Month {
    /// `YYYY-MM`, four digits and two, nothing else.
    pub fn parse(text: &str) -> Result<Month, InvalidValue> {
        let bad = || InvalidValue::new(format!("{text:?} is not a month: write YYYY-MM"));
        let (year, month) = text.split_once('-').ok_or_else(bad)?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let month: u32 = month.parse().map_err(|_| bad())?;
        NaiveDate::from_ymd_opt(year, month, 1)
            .map(Month)
            .ok_or_else(bad)
    }

    /// The month `date` falls in.
    pub fn of(date: NaiveDate) -> Month {
        Month(date.with_day(1).unwrap_or(date))
    }

    pub fn first_day(self) -> NaiveDate {
        self.0
    }

    pub fn last_day(self) -> NaiveDate {
        self.next()
            .and_then(|next| next.0.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// The month after; `None` only at the end of the calendar.
    pub fn next(self) -> Option<Month> {
        self.0.checked_add_months(Months::new(1)).map(Month)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Month::of(date) == self
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.0.year(), self.0.month())
    }
}

impl fmt::Debug for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Month({self})")
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Month::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for Month {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r"^[0-9]{4}-(0[1-9]|1[0-2])$"))
            .examples([serde_json::json!("2026-03")])
            .into()
    }
}

impl utoipa::ToSchema for Month {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_reads_and_writes_as_yyyy_mm() {
        let m = Month::parse("2024-02").unwrap();
        assert_eq!(m.to_string(), "2024-02");
        assert_eq!(m.last_day(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(
            Month::parse("2024-12")
                .unwrap()
                .next()
                .map(|m| m.to_string()),
            Some("2025-01".to_string())
        );
        assert!(m.contains(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()));
        assert!(!m.contains(NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()));
        assert_eq!(
            Month::parse("2026-12").unwrap().last_day(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
        for bad in [
            "2024-13",
            "2024-2",
            "24-02",
            "2024-02-01",
            "2024_02",
            "",
            "abcd-ef",
            "-001-02",
        ] {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
    }
}
