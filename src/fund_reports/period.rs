//! What every Fund report shares: who may read it, the period it covers, and its two
//! renderings (JSON by default, CSV with `?format=csv`), so the five reports do not each
//! carry their own copy.

use actix_web::http::header;
use actix_web::HttpResponse;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::Caller;
use crate::auth::Role;
use crate::domain::csv_cell::{Cell, CsvWriter};
use crate::domain::QueryDate;
use crate::error::AppError;

/// Staff (admin, secretariat, finance), trustees and auditors read the Fund's reports;
/// applicants do not (API.md).
pub const READERS: &[Role] = &[
    Role::Admin,
    Role::Secretariat,
    Role::Finance,
    Role::Trustee,
    Role::Auditor,
];

pub fn require_reader(caller: &Caller) -> Result<(), AppError> {
    caller.require(READERS)
}

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Json,
    Csv,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// First day of the period, `YYYY-MM-DD`, inclusive; 1 January of the current year
    /// (UTC) if omitted.
    #[serde(default)]
    #[param(inline)]
    pub from: Option<QueryDate>,
    /// Last day of the period, `YYYY-MM-DD`, inclusive; today (UTC) if omitted. Not
    /// before `from` (a 400 naming `from`).
    #[serde(default)]
    #[param(inline)]
    pub to: Option<QueryDate>,
    /// `json` (the default) or `csv`. In CSV, a user's text (a donor's or trustee's name)
    /// that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so
    /// a spreadsheet shows it instead of running it as a formula; amounts are unchanged.
    #[serde(default)]
    #[param(inline)]
    pub format: Format,
}

/// A period of whole days, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct Period {
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
}

impl Period {
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

    /// `from` as an SQL literal for a `DATE` column: dates are parsed values printed as
    /// `YYYY-MM-DD`, so nothing a client sends reaches the SQL text; a literal works
    /// alike on both backends (SQLite stores dates as that text; PostgreSQL casts it).
    pub fn from_sql(&self) -> String {
        format!("'{}'", self.from.format("%Y-%m-%d"))
    }

    pub fn to_sql(&self) -> String {
        format!("'{}'", self.to.format("%Y-%m-%d"))
    }

    /// The `[start, end)` bounds of the period as timestamp literals, for `TIMESTAMP`
    /// columns (midnight UTC of `from`, midnight UTC after `to`).
    pub fn instants_sql(&self) -> (String, String) {
        let end = self.to.succ_opt().unwrap_or(self.to);
        (
            format!("'{} 00:00:00'", self.from.format("%Y-%m-%d")),
            format!("'{} 00:00:00'", end.format("%Y-%m-%d")),
        )
    }
}

impl ReportQuery {
    pub fn period(&self) -> Result<Period, AppError> {
        Period::resolve(
            self.from.map(QueryDate::get),
            self.to.map(QueryDate::get),
            chrono::Utc::now().date_naive(),
        )
    }
}

/// A report that has a table form: a header and rows of cells, each saying whether it is
/// user text (neutralised against formula injection when written) or the service's own.
pub trait Tabular {
    fn header() -> &'static [&'static str];
    fn rows(&self) -> Vec<Vec<Cell>>;
}

/// Renders `report` as JSON, or as CSV (RFC 4180, UTF-8; user text starting a formula
/// prefixed with `'`, see [`crate::domain::csv_cell`]) with a file name saying which
/// report and which period, e.g. `trustfund-geography-2026-01-01-to-2026-06-30.csv`.
pub fn respond<R: Serialize + Tabular>(
    report: &R,
    name: &str,
    period: Period,
    format: Format,
) -> Result<HttpResponse, AppError> {
    match format {
        Format::Json => Ok(HttpResponse::Ok().json(report)),
        Format::Csv => {
            let mut writer = CsvWriter::new(Vec::new());
            writer.header(R::header()).map_err(AppError::internal)?;
            for row in report.rows() {
                writer.row(&row).map_err(AppError::internal)?;
            }
            let body = writer.into_inner().map_err(AppError::internal)?;
            let file = format!("trustfund-{name}-{}-to-{}.csv", period.from, period.to);
            Ok(HttpResponse::Ok()
                .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
                .insert_header((
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file}\""),
                ))
                .body(body))
        }
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
        assert_eq!(
            p.instants_sql(),
            (
                "'2026-02-01 00:00:00'".into(),
                "'2026-02-02 00:00:00'".into()
            )
        );
    }
}
