//! Money spent against the grant's budget (pure): every line a report spends on is one of
//! the budget's, and no line is spent beyond its budget and the allowed share over it.
//! A report states the money spent to its date (as the report gate, the final report's
//! refund owed and the rule against spending more than was received all read it), so
//! its amount on a line is the line's spending to date. Past that share a budget revision
//! (an amendment) comes first.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::content::NewReport;
use crate::domain::{Currency, Money};
use crate::error::{AppError, Rule};

/// One line of the grant's budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineTerms {
    pub label: String,
    pub budget: i64,
}

/// The grant's budget as a report is checked against it.
#[derive(Debug, Clone)]
pub struct BudgetTerms {
    pub currency: Currency,
    /// Empty for a grant signed before budgets were set: nothing to check against.
    pub lines: Vec<LineTerms>,
    /// How far over its budget a line may be spent (0.10: ten per cent).
    pub overspend_share: Decimal,
}

fn shown(minor: i128, currency: Currency) -> String {
    i64::try_from(minor)
        .ok()
        .and_then(|m| Money::from_minor(m, currency).ok())
        .map_or_else(
            || format!("{minor} minor units of {currency}"),
            |m| m.to_string(),
        )
}

/// The most a line of `budget` may be spent: its budget plus the share, to the cent below.
pub fn ceiling(budget: i64, share: Decimal) -> i128 {
    let over = (Decimal::from(budget) * share)
        .floor()
        .to_i128()
        .unwrap_or(0);
    i128::from(budget) + over.max(0)
}

/// Every line spent on is in the budget (422 `unknown-budget-line` naming the line), and
/// none is spent beyond its ceiling (422 `budget-line-overspent` with the figures).
pub fn check(report: &NewReport, terms: &BudgetTerms) -> Result<(), AppError> {
    if terms.lines.is_empty() {
        return Ok(());
    }
    let c = terms.currency;
    for (i, spent) in report.spent.iter().enumerate() {
        let label = spent.label.as_str();
        let Some(line) = terms.lines.iter().find(|l| l.label == label) else {
            let known: Vec<&str> = terms.lines.iter().map(|l| l.label.as_str()).collect();
            return Err(AppError::rule_on_field(
                Rule::UnknownBudgetLine,
                format!("spent[{i}].label"),
                format!(
                    "{label:?} is not a line of the grant's budget ({})",
                    known.join(", ")
                ),
            ));
        };
        let to_date = i128::from(spent.amount.to_minor());
        let ceiling = ceiling(line.budget, terms.overspend_share);
        if to_date > ceiling {
            return Err(AppError::rule_on_field(
                Rule::BudgetLineOverspent,
                format!("spent[{i}].amount"),
                format!(
                    "the line {label:?} has a budget of {}; this report spends {} on it to \
                     date, beyond the {}% allowed over it ({}): a budget revision comes first",
                    shown(line.budget.into(), c),
                    shown(to_date, c),
                    (terms.overspend_share * Decimal::from(100)).normalize(),
                    shown(ceiling, c)
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::content::tests::sample;
    use super::super::content::SpentLine;
    use super::*;
    use crate::domain::ShortText;

    fn terms() -> BudgetTerms {
        BudgetTerms {
            currency: Currency::USD,
            lines: vec![
                LineTerms {
                    label: "Shelter rent".into(),
                    budget: 2_000_000,
                },
                LineTerms {
                    label: "Lawyers".into(),
                    budget: 1_000_000,
                },
            ],
            overspend_share: Decimal::new(10, 2),
        }
    }

    fn spend(label: &str, amount: &str) -> SpentLine {
        SpentLine {
            label: ShortText::parse(label).unwrap(),
            amount: Money::parse(amount, Currency::USD).unwrap(),
        }
    }

    fn refusal(r: Result<(), AppError>) -> (Rule, String, String) {
        match r {
            Err(AppError::Rule {
                rule,
                errors,
                detail,
            }) => (rule, errors[0].field.clone(), detail),
            other => panic!("expected a 422, got {other:?}"),
        }
    }

    #[test]
    fn a_line_outside_the_budget_is_refused() {
        let mut r = sample();
        r.spent = vec![
            spend("Shelter rent", "100.00"),
            spend("Luxury vehicle", "9000.00"),
        ];
        let (rule, field, detail) = refusal(check(&r, &terms()));
        assert_eq!(
            (rule, field.as_str()),
            (Rule::UnknownBudgetLine, "spent[1].label")
        );
        assert!(detail.contains("Luxury vehicle"), "{detail}");
    }

    #[test]
    fn a_line_may_go_over_by_the_share_and_no_further() {
        let mut r = sample();
        // 11,000 to date: exactly 10% over 10,000.
        r.spent = vec![spend("Lawyers", "11000.00")];
        assert!(check(&r, &terms()).is_ok());
        r.spent = vec![spend("Lawyers", "11000.01")];
        let (rule, field, detail) = refusal(check(&r, &terms()));
        assert_eq!(
            (rule, field.as_str()),
            (Rule::BudgetLineOverspent, "spent[0].amount")
        );
        assert!(
            detail.contains("10000.00 USD")
                && detail.contains("11000.01 USD")
                && detail.contains("11000.00 USD")
                && detail.contains("10%"),
            "{detail}"
        );
        let none = BudgetTerms {
            overspend_share: Decimal::ZERO,
            ..terms()
        };
        r.spent = vec![spend("Lawyers", "10000.00")];
        assert!(check(&r, &none).is_ok());
        r.spent = vec![spend("Lawyers", "10000.01")];
        assert_eq!(refusal(check(&r, &none)).0, Rule::BudgetLineOverspent);
    }

    #[test]
    fn a_grant_without_a_budget_checks_nothing() {
        let t = BudgetTerms {
            lines: Vec::new(),
            ..terms()
        };
        assert!(check(&sample(), &t).is_ok());
        assert_eq!(ceiling(1_000_000, Decimal::new(10, 2)), 1_100_000);
        assert_eq!(ceiling(999, Decimal::new(10, 2)), 1_098);
    }
}
