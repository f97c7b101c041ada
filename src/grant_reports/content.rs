//! What a grantee writes in a report, and the checks on its shape that need no database
//! (400s naming the field). Beneficiaries are counts by sex, age group and form of
//! exploitation: there is no field in which a person could be named.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::state::ReportKind;
use crate::calls::{first_duplicate, AgeGroup, Exploitation, Sex};
use crate::domain::{Money, ShortText, Text};
use crate::error::AppError;

/// The most lines a report may have in `beneficiaries`, and in `spent`.
pub const MAX_LINES: usize = 200;

/// How many people of one sex and age group, trafficked for one form of exploitation,
/// the grantee has assisted under the grant to the end of the report's period: a
/// cumulative count (the final report's counts are the grant's totals), never a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BeneficiaryCount {
    pub sex: Sex,
    pub age_group: AgeGroup,
    pub exploitation: Exploitation,
    #[schema(maximum = 4294967295_u64)]
    pub count: u32,
}

/// Money spent on one budget line, in the grant's currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SpentLine {
    pub label: ShortText,
    #[schema(value_type = crate::domain::Money)]
    pub amount: Money,
}

/// A report as filed: [`crate::grant_reports::file`] checks its shape (below) before
/// its rules against the grant.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub kind: ReportKind,
    /// Required for a progress report; a final report may name the last tranche it covers.
    pub tranche: Option<i32>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub beneficiaries: Vec<BeneficiaryCount>,
    pub spent: Vec<SpentLine>,
    pub narrative: Text,
}

fn lines<T>(field: &str, items: &[T]) -> Result<(), AppError> {
    if items.is_empty() {
        return Err(AppError::bad_field(field, "give at least one line"));
    }
    if items.len() > MAX_LINES {
        return Err(AppError::bad_field(
            field,
            format!("at most {MAX_LINES} lines"),
        ));
    }
    Ok(())
}

impl NewReport {
    /// The checks that need nothing but the report itself.
    pub fn check_shape(&self) -> Result<(), AppError> {
        lines("beneficiaries", &self.beneficiaries)?;
        let groups: Vec<_> = self
            .beneficiaries
            .iter()
            .map(|b| (b.sex, b.age_group, b.exploitation))
            .collect();
        if let Some(i) = first_duplicate(&groups) {
            return Err(AppError::bad_field(
                format!("beneficiaries[{i}]"),
                "this sex, age group and form of exploitation is listed twice",
            ));
        }
        lines("spent", &self.spent)?;
        let labels: Vec<_> = self.spent.iter().map(|s| &s.label).collect();
        if let Some(i) = first_duplicate(&labels) {
            return Err(AppError::bad_field(
                format!("spent[{i}].label"),
                "this budget line is listed twice",
            ));
        }
        if let Some(i) = self.spent.iter().position(|s| s.amount.is_negative()) {
            return Err(AppError::bad_field(
                format!("spent[{i}].amount"),
                "money spent cannot be negative",
            ));
        }
        Ok(())
    }

    /// How many people the report counts in all.
    pub fn beneficiaries_total(&self) -> i64 {
        self.beneficiaries.iter().map(|b| i64::from(b.count)).sum()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::Currency;

    pub fn sample() -> NewReport {
        NewReport {
            kind: ReportKind::Progress,
            tranche: Some(1),
            period_start: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2027, 6, 30).unwrap(),
            beneficiaries: vec![BeneficiaryCount {
                sex: Sex::Female,
                age_group: AgeGroup::Child,
                exploitation: Exploitation::SexualExploitation,
                count: 12,
            }],
            spent: vec![SpentLine {
                label: ShortText::parse("Shelter rent").unwrap(),
                amount: Money::parse("1000.00", Currency::USD).unwrap(),
            }],
            narrative: Text::parse("Twelve girls sheltered.").unwrap(),
        }
    }

    fn field(r: NewReport) -> String {
        match r.check_shape() {
            Err(AppError::BadRequest { errors, .. }) => errors[0].field.clone(),
            other => panic!("expected a 400, got {other:?}"),
        }
    }

    #[test]
    fn a_sample_report_has_a_sound_shape() {
        assert!(sample().check_shape().is_ok());
        assert_eq!(sample().beneficiaries_total(), 12);
    }

    #[test]
    fn refuses_empty_repeated_and_negative_lines() {
        let mut r = sample();
        r.beneficiaries.clear();
        assert_eq!(field(r), "beneficiaries");
        let mut r = sample();
        r.beneficiaries.push(r.beneficiaries[0]);
        assert_eq!(field(r), "beneficiaries[1]");
        let mut r = sample();
        r.spent.clear();
        assert_eq!(field(r), "spent");
        let mut r = sample();
        r.spent.push(r.spent[0].clone());
        assert_eq!(field(r), "spent[1].label");
        let mut r = sample();
        r.spent[0].amount = Money::parse("-1.00", Currency::USD).unwrap();
        assert_eq!(field(r), "spent[0].amount");
    }
}
