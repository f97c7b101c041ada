//! What an applicant writes: the text of an application, and the checks on its shape
//! that hold even for a draft (400s naming the field). The rules that compare it with
//! its call run at submission (`rules`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::calls::{first_duplicate, AgeGroup, AidType, Exploitation, Sex};
use crate::domain::{CountryCode, Currency, PositiveMoney, ShortText, Text};
use crate::error::AppError;

/// How many people of one sex and age group the project means to assist: a count, never
/// a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Beneficiaries {
    pub sex: Sex,
    pub age_group: AgeGroup,
    #[schema(maximum = 4_294_967_295_u32)]
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    pub label: ShortText,
    pub amount: PositiveMoney,
}

/// The most budget lines one application may have.
pub const MAX_BUDGET_LINES: usize = 200;

/// The full text of an application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    pub title: ShortText,
    pub summary: Text,
    pub countries: Vec<CountryCode>,
    pub beneficiaries: Vec<Beneficiaries>,
    pub exploitation: Vec<Exploitation>,
    pub aid_types: Vec<AidType>,
    pub requested: PositiveMoney,
    pub duration_months: i32,
    pub budget_lines: Vec<BudgetLine>,
}

fn set<T: PartialEq>(field: &str, items: &[T], what: &str) -> Result<(), AppError> {
    if items.is_empty() {
        return Err(AppError::bad_field(
            field,
            format!("name at least one {what}"),
        ));
    }
    match first_duplicate(items) {
        Some(i) => Err(AppError::bad_field(format!("{field}[{i}]"), "listed twice")),
        None => Ok(()),
    }
}

impl Content {
    /// Checks that hold for every version of the text, draft or not.
    pub fn check_shape(&self) -> Result<(), AppError> {
        set("countries", &self.countries, "country of implementation")?;
        let groups: Vec<_> = self
            .beneficiaries
            .iter()
            .map(|b| (b.sex, b.age_group))
            .collect();
        set("beneficiaries", &groups, "group of beneficiaries")?;
        if self.beneficiaries.iter().all(|b| b.count == 0) {
            return Err(AppError::bad_field(
                "beneficiaries",
                "at least one count must be above zero",
            ));
        }
        set("exploitation", &self.exploitation, "form of exploitation")?;
        set("aid_types", &self.aid_types, "type of aid")?;
        if self.requested.currency() != Currency::USD {
            return Err(AppError::bad_field(
                "requested.currency",
                "grants are requested in USD",
            ));
        }
        if self.duration_months < 1 {
            return Err(AppError::bad_field("duration_months", "must be at least 1"));
        }
        if self.budget_lines.is_empty() {
            return Err(AppError::bad_field(
                "budget_lines",
                "name at least one budget line",
            ));
        }
        if self.budget_lines.len() > MAX_BUDGET_LINES {
            return Err(AppError::bad_field(
                "budget_lines",
                format!("at most {MAX_BUDGET_LINES} lines"),
            ));
        }
        for (i, line) in self.budget_lines.iter().enumerate() {
            if line.amount.currency() != self.requested.currency() {
                return Err(AppError::bad_field(
                    format!("budget_lines[{i}].amount.currency"),
                    "every line must be in the currency of the requested amount",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn sample() -> Content {
        let usd = |a: &str| PositiveMoney::parse(a, Currency::USD).unwrap();
        Content {
            title: ShortText::parse("Shelter").unwrap(),
            summary: Text::parse("Safe housing").unwrap(),
            countries: vec![CountryCode::parse("KE").unwrap()],
            beneficiaries: vec![Beneficiaries {
                sex: Sex::Female,
                age_group: AgeGroup::Child,
                count: 40,
            }],
            exploitation: vec![Exploitation::SexualExploitation],
            aid_types: vec![AidType::Humanitarian],
            requested: usd("30000.00"),
            duration_months: 12,
            budget_lines: vec![
                BudgetLine {
                    label: ShortText::parse("Rent").unwrap(),
                    amount: usd("20000"),
                },
                BudgetLine {
                    label: ShortText::parse("Staff").unwrap(),
                    amount: usd("10000"),
                },
            ],
        }
    }

    fn field(c: Content) -> String {
        match c.check_shape() {
            Err(AppError::BadRequest { errors, .. }) => errors[0].field.clone(),
            other => panic!("expected a 400, got {other:?}"),
        }
    }

    #[test]
    fn a_sound_text_passes() {
        assert!(sample().check_shape().is_ok());
    }

    #[test]
    fn names_the_bad_field() {
        let mut c = sample();
        c.countries.push(c.countries[0]);
        assert_eq!(field(c), "countries[1]");
        let mut c = sample();
        c.countries.clear();
        assert_eq!(field(c), "countries");
        let mut c = sample();
        c.beneficiaries[0].count = 0;
        assert_eq!(field(c), "beneficiaries");
        let mut c = sample();
        c.budget_lines.clear();
        assert_eq!(field(c), "budget_lines");
        let mut c = sample();
        let eur = Currency::parse("EUR").unwrap();
        c.budget_lines[1].amount = PositiveMoney::parse("10000", eur).unwrap();
        assert_eq!(field(c), "budget_lines[1].amount.currency");
    }
}
