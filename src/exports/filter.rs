//! What an export covers: the query a client sends (`ExportQuery`) and the validated,
//! typed filter every writer (and the IATI export) works from (`ExportFilter`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::{CountryCode, QueryDate, RegionalGroup};
use crate::error::AppError;
use crate::fund_reports::period::Period;

/// The file an export writes.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ExportFormat {
    /// RFC 4180 CSV, UTF-8 (the default). A user's text (a reference) that starts with
    /// `=`, `+`, `-`, `@`, tab or carriage return is written with a leading `'`, so a
    /// spreadsheet shows it instead of running it as a formula; amounts are never changed.
    #[default]
    Csv,
    /// One JSON document.
    Json,
    /// An Excel workbook.
    Xlsx,
    /// IATI activity XML 2.03.
    Iati,
    /// IATI organisation XML 2.03: the publisher's budget and expenditure for the period.
    #[serde(rename = "iati-organisation")]
    #[strum(serialize = "iati-organisation")]
    IatiOrganisation,
}

impl ExportFormat {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Iati | ExportFormat::IatiOrganisation => "xml",
        }
    }

    /// The answer's `Content-Type`.
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Json => "application/json",
            ExportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            ExportFormat::Iati | ExportFormat::IatiOrganisation => "application/xml",
        }
    }
}

/// Which ledger entries an export holds.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ExportKind {
    /// Disbursements to grantees and their reversals (the default).
    #[default]
    Disbursements,
    /// Every transaction of the ledger.
    All,
}

impl ExportKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `csv` (the default), `json`, `xlsx`, `iati` (the activity file) or
    /// `iati-organisation` (the organisation file). In CSV, a reference that starts
    /// with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` (formula
    /// injection); amounts, dates and codes are written as they are.
    #[serde(default)]
    #[param(inline)]
    pub format: ExportFormat,
    /// First value date of the period, `YYYY-MM-DD`, inclusive; 1 January of the year of
    /// `to` if omitted.
    #[serde(default)]
    #[param(inline)]
    pub from: Option<QueryDate>,
    /// Last value date of the period, `YYYY-MM-DD`, inclusive; today (UTC) if omitted.
    /// Not before `from` (a 400 naming `from`).
    #[serde(default)]
    #[param(inline)]
    pub to: Option<QueryDate>,
    /// `disbursements` (the default: payments to grantees and their reversals) or `all`
    /// (every transaction).
    #[serde(default)]
    #[param(inline)]
    pub kind: ExportKind,
    /// Only the entries of this grant.
    pub grant: Option<Uuid>,
    /// Only the entries of this grantee organisation's grants.
    pub organization: Option<Uuid>,
    /// Only the entries of grants to organisations of this country (ISO 3166-1 alpha-2).
    #[param(value_type = Option<String>, example = "NG")]
    pub country: Option<CountryCode>,
    /// Only the entries of grants to organisations of this UN regional group.
    #[param(value_type = Option<RegionalGroup>)]
    pub regional_group: Option<RegionalGroup>,
}

/// A validated export request: the period (both ends inclusive, by value date) and the
/// filters. Shared by the HTTP export, the command line and the IATI export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFilter {
    pub format: ExportFormat,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: ExportKind,
    pub grant: Option<Uuid>,
    pub organization: Option<Uuid>,
    pub country: Option<CountryCode>,
    pub regional_group: Option<RegionalGroup>,
}

impl ExportQuery {
    /// The filter, its period's end defaulting to today on `clock`.
    pub fn filter(self, clock: crate::clock::Clock) -> Result<ExportFilter, AppError> {
        self.filter_on(clock.today())
    }

    pub fn filter_on(self, today: NaiveDate) -> Result<ExportFilter, AppError> {
        let period = Period::resolve(
            self.from.map(QueryDate::get),
            self.to.map(QueryDate::get),
            today,
        )?;
        Ok(ExportFilter {
            format: self.format,
            from: period.from,
            to: period.to,
            kind: self.kind,
            grant: self.grant,
            organization: self.organization,
            country: self.country,
            regional_group: self.regional_group,
        })
    }
}

impl ExportFilter {
    /// Whether any of grant, organisation, country or regional group narrows the rows.
    pub fn narrowed(&self) -> bool {
        self.grant.is_some()
            || self.organization.is_some()
            || self.country.is_some()
            || self.regional_group.is_some()
    }

    /// `trustfund-ledger-<kind>-<from>-<to>.<ext>`; the organisation file
    /// `trustfund-iati-organisation-<from>-<to>.xml`.
    pub fn file_name(&self) -> String {
        if self.format == ExportFormat::IatiOrganisation {
            return format!(
                "trustfund-iati-organisation-{}-{}.xml",
                self.from.format("%Y-%m-%d"),
                self.to.format("%Y-%m-%d")
            );
        }
        format!(
            "trustfund-ledger-{}-{}-{}.{}",
            self.kind.as_str(),
            self.from.format("%Y-%m-%d"),
            self.to.format("%Y-%m-%d"),
            self.format.extension()
        )
    }

    pub fn period(&self) -> Period {
        Period {
            from: self.from,
            to: self.to,
        }
    }
}
