//! The period every Fund report covers.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::QueryDate;
use crate::error::AppError;

/// A period of whole days, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Period {
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
}

impl Period {
    /// The period a reader asks for, as of today on `clock`: see [`Period::resolve`].
    pub fn asked(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        clock: crate::clock::Clock,
    ) -> Result<Period, AppError> {
        Period::resolve(from, to, clock.today())
    }

    /// From `from` (1 January of `to`'s year if absent) to `to` (`today` if absent); a
    /// 400 naming `from` if it is after `to`.
    pub fn resolve(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Period, AppError> {
        let to = to.unwrap_or(today);
        let from = match from {
            Some(from) => from,
            // 1 January, or the first day a query may name if that is later.
            None => NaiveDate::from_ymd_opt(to.year(), 1, 1)
                .unwrap_or(to)
                .max(QueryDate::FIRST.min(to)),
        };
        if from > to {
            return Err(AppError::bad_field(
                "from",
                format!("must not be after `to` ({to})"),
            ));
        }
        Ok(Period { from, to })
    }

    /// The `[start, end)` bounds of the period as instants, for `TIMESTAMP` columns
    /// (midnight UTC of `from`, midnight UTC after `to`); `DATE` columns take `from` and
    /// `to` themselves, both inclusive.
    pub fn instants(&self) -> (NaiveDateTime, NaiveDateTime) {
        let end = self.to.succ_opt().unwrap_or(self.to);
        (
            self.from.and_time(NaiveTime::MIN),
            end.and_time(NaiveTime::MIN),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn defaults_to_the_year_so_far() {
        let p = Period::resolve(None, None, d("2026-12-04")).unwrap();
        assert_eq!((p.from, p.to), (d("2026-01-01"), d("2026-12-04")));
        let p = Period::resolve(None, Some(d("2025-03-31")), d("2026-12-04")).unwrap();
        assert_eq!((p.from, p.to), (d("2025-01-01"), d("2025-03-31")));
    }

    #[test]
    fn from_after_to_is_refused_and_one_day_is_a_period() {
        assert!(Period::resolve(
            Some(d("2026-02-02")),
            Some(d("2026-02-01")),
            d("2026-12-04")
        )
        .is_err());
        let p = Period::resolve(
            Some(d("2026-02-01")),
            Some(d("2026-02-01")),
            d("2026-12-04"),
        )
        .unwrap();
        let (start, end) = p.instants();
        assert_eq!(
            (start.to_string(), end.to_string()),
            ("2026-02-01 00:00:00".into(), "2026-02-02 00:00:00".into())
        );
    }
}
