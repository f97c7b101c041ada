//! A grant's budget at the award: labelled lines that add up to the award exactly, set by
//! the agreement (or taken from the application when its budget already equals the
//! award) and replaced only by a budget revision. Reports spend against these lines; the
//! grant view shows each line's budget, what was spent on it to date and the balance.
//!
//! What reports spent is read here from the reports' tables, as `reports_link` does:
//! reports sit above grants, so grants may not call that feature.

use std::collections::BTreeMap;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::{grant_budget_lines as gb, grant_report_spending, grant_reports};
use crate::db::DbConnection;
use crate::domain::{Currency, GrantId, Money};
use crate::error::{AppError, Rule};

/// The most lines a grant's budget may have (as an application's).
pub const MAX_BUDGET_LINES: usize = 200;

/// The state an accepted report is stored in (the reports' `ReportState::Accepted`).
const ACCEPTED: &str = "accepted";

/// One line of a budget as asked for: its label and amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    pub label: String,
    pub amount: Money,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = gb)]
pub struct BudgetLineRow {
    pub grant_id: GrantId,
    pub line: i32,
    pub label: String,
    pub amount_minor: i64,
}

/// One line of the grant's budget as clients see it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BudgetLineView {
    pub label: String,
    #[schema(value_type = crate::domain::Money)]
    pub budget: Money,
    /// Spent on the line by the grant's accepted reports.
    #[schema(value_type = crate::domain::Money)]
    pub spent: Money,
    /// Budget less spent (below zero when overspent within the allowed share).
    #[schema(value_type = crate::domain::Money)]
    pub balance: Money,
}

/// Checks `lines` as a budget for `award` (pure): 1 to [`MAX_BUDGET_LINES`] lines,
/// labels not blank and each once, every amount in the award's currency and not
/// negative, adding up to the award exactly (422 `budget-mismatch` naming `field`).
pub fn check(lines: &[BudgetLine], award: Money, field: &str) -> Result<(), AppError> {
    if lines.is_empty() || lines.len() > MAX_BUDGET_LINES {
        return Err(AppError::bad_field(
            field,
            format!("from 1 to {MAX_BUDGET_LINES} budget lines"),
        ));
    }
    for (i, line) in lines.iter().enumerate() {
        if line.label.trim().is_empty() {
            return Err(AppError::bad_field(
                format!("{field}[{i}].label"),
                "name the budget line",
            ));
        }
        if lines[..i].iter().any(|l| l.label == line.label) {
            return Err(AppError::bad_field(
                format!("{field}[{i}].label"),
                format!("the budget line {:?} is listed twice", line.label),
            ));
        }
        if line.amount.currency() != award.currency() {
            return Err(AppError::rule_on_field(
                Rule::CurrencyMismatch,
                format!("{field}[{i}].amount.currency"),
                format!("the award is in {}", award.currency()),
            ));
        }
        if line.amount.is_negative() {
            return Err(AppError::bad_field(
                format!("{field}[{i}].amount"),
                "a budget line cannot be negative",
            ));
        }
    }
    let total: i128 = lines.iter().map(|l| i128::from(l.amount.to_minor())).sum();
    if total != i128::from(award.to_minor()) {
        let shown = Money::sum(award.currency(), lines.iter().map(|l| l.amount))
            .map(|m| m.to_string())
            .unwrap_or_else(|_| "more than can be written".into());
        return Err(AppError::rule_on_field(
            Rule::BudgetMismatch,
            field,
            format!("the budget lines add up to {shown}; the award is {award}"),
        ));
    }
    Ok(())
}

/// The grant's budget lines, in order (empty for a grant signed before budgets existed).
pub fn lines(conn: &mut DbConnection, grant: GrantId) -> Result<Vec<BudgetLineRow>, AppError> {
    Ok(gb::table
        .filter(gb::grant_id.eq(grant))
        .order(gb::line.asc())
        .select(BudgetLineRow::as_select())
        .load(conn)?)
}

/// Replaces the grant's budget with `lines` (already checked).
pub fn store(
    conn: &mut DbConnection,
    grant: GrantId,
    lines: &[BudgetLine],
) -> Result<(), AppError> {
    diesel::delete(gb::table.filter(gb::grant_id.eq(grant))).execute(conn)?;
    for (i, l) in lines.iter().enumerate() {
        let row = BudgetLineRow {
            grant_id: grant,
            line: i32::try_from(i + 1).map_err(AppError::internal)?,
            label: l.label.clone(),
            amount_minor: l.amount.to_minor(),
        };
        diesel::insert_into(gb::table).values(&row).execute(conn)?;
    }
    Ok(())
}

/// Refuses (422 `budget-line-spent`, naming `budget_lines`) revised `lines` that drop a
/// line of grant `grant` with money spent on it to date.
pub fn keeps_spent_lines(
    conn: &mut DbConnection,
    grant: GrantId,
    lines: &[BudgetLine],
) -> Result<(), AppError> {
    let spent = spent_by_label(conn, grant)?;
    let dropped: Vec<&str> = spent
        .iter()
        .filter(|(label, minor)| **minor > 0 && !lines.iter().any(|l| &l.label == *label))
        .map(|(label, _)| label.as_str())
        .collect();
    if dropped.is_empty() {
        return Ok(());
    }
    Err(AppError::rule_on_field(
        Rule::BudgetLineSpent,
        "budget_lines",
        format!(
            "the revised budget drops {}, spent on to date by the accepted reports: keep \
             each such line (its amount may change)",
            dropped.join(", ")
        ),
    ))
}

/// What the grant spent to date, by label, in minor units: the lines of the accepted
/// report that accounts for the most spending (a report states spending to its date, so
/// the latest accounts for the most; the same report `reports_link::accounted_spent`
/// takes for a refund owed), the latest filed of equals.
pub fn spent_by_label(
    conn: &mut DbConnection,
    grant: GrantId,
) -> Result<BTreeMap<String, i128>, AppError> {
    // A grant has a handful of reports: chosen here rather than with a bound LIMIT, which
    // SQLite would plan again on every call.
    let accepted: Vec<(String, i64, chrono::NaiveDateTime)> = grant_reports::table
        .filter(grant_reports::grant_id.eq(grant))
        .filter(grant_reports::state.eq(ACCEPTED))
        .select((
            grant_reports::id,
            grant_reports::spent_minor,
            grant_reports::filed_at,
        ))
        .load(conn)?;
    let Some((report, _, _)) = accepted
        .into_iter()
        .max_by_key(|(_, spent, filed_at)| (*spent, *filed_at))
    else {
        return Ok(BTreeMap::new());
    };
    let rows: Vec<(String, i64)> = grant_report_spending::table
        .filter(grant_report_spending::report_id.eq(report))
        .select((
            grant_report_spending::label,
            grant_report_spending::amount_minor,
        ))
        .load(conn)?;
    let mut spent: BTreeMap<String, i128> = BTreeMap::new();
    for (label, minor) in rows {
        *spent.entry(label).or_default() += i128::from(minor);
    }
    Ok(spent)
}

fn money(minor: i128, currency: Currency) -> Result<Money, AppError> {
    i64::try_from(minor)
        .map_err(AppError::internal)
        .and_then(|m| Money::from_minor(m, currency).map_err(AppError::internal))
}

/// The grant's budget as clients see it: each line's budget, spent and balance.
pub fn view(
    conn: &mut DbConnection,
    grant: GrantId,
    currency: Currency,
) -> Result<Vec<BudgetLineView>, AppError> {
    let rows = lines(conn, grant)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let spent = spent_by_label(conn, grant)?;
    rows.into_iter()
        .map(|r| {
            let on = spent.get(&r.label).copied().unwrap_or(0);
            Ok(BudgetLineView {
                budget: money(i128::from(r.amount_minor), currency)?,
                spent: money(on, currency)?,
                balance: money(i128::from(r.amount_minor) - on, currency)?,
                label: r.label,
            })
        })
        .collect()
}

/// The rows as [`BudgetLine`]s, for a revision's record and checks.
pub fn as_lines(rows: &[BudgetLineRow], currency: Currency) -> Result<Vec<BudgetLine>, AppError> {
    rows.iter()
        .map(|r| {
            Ok(BudgetLine {
                label: r.label.clone(),
                amount: Money::from_minor(r.amount_minor, currency).map_err(AppError::internal)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(a: &str) -> Money {
        Money::parse(a, Currency::USD).unwrap()
    }

    fn line(label: &str, amount: &str) -> BudgetLine {
        BudgetLine {
            label: label.into(),
            amount: usd(amount),
        }
    }

    fn refusal(r: Result<(), AppError>) -> String {
        match r {
            Err(AppError::Rule { rule, errors, .. }) => format!("{rule}@{}", errors[0].field),
            Err(AppError::BadRequest { errors, .. }) => format!("400@{}", errors[0].field),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn lines_add_up_to_the_award_exactly() {
        let award = usd("30000.00");
        let good = [
            line("Shelter rent", "20000.00"),
            line("Lawyers", "10000.00"),
        ];
        assert!(check(&good, award, "budget_lines").is_ok());
        let short = [line("Shelter rent", "20000.00"), line("Lawyers", "9999.99")];
        assert_eq!(
            refusal(check(&short, award, "budget_lines")),
            "budget-mismatch@budget_lines"
        );
        match check(&short, award, "budget_lines") {
            Err(AppError::Rule { detail, .. }) => {
                assert!(detail.contains("29999.99 USD") && detail.contains("30000.00 USD"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn labels_are_named_once_and_amounts_in_the_award_currency() {
        let award = usd("30000.00");
        let twice = [line("Rent", "20000.00"), line("Rent", "10000.00")];
        assert_eq!(
            refusal(check(&twice, award, "budget_lines")),
            "400@budget_lines[1].label"
        );
        let blank = [line(" ", "30000.00")];
        assert_eq!(
            refusal(check(&blank, award, "budget_lines")),
            "400@budget_lines[0].label"
        );
        assert_eq!(
            refusal(check(&[], award, "budget_lines")),
            "400@budget_lines"
        );
        let eur = [BudgetLine {
            label: "Rent".into(),
            amount: Money::parse("30000.00", Currency::parse("EUR").unwrap()).unwrap(),
        }];
        assert_eq!(
            refusal(check(&eur, award, "budget_lines")),
            "currency-mismatch@budget_lines[0].amount.currency"
        );
    }
}
