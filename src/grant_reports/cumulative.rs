//! Reports state cumulative figures: a report's beneficiaries are the people the grantee
//! assisted from the start of the grant to the end of the report's period, as its money
//! spent is the spending to that date (`budget.rs`). So one grant's people are counted
//! once however many reports it files: the Fund's beneficiaries report takes each grant's
//! latest accepted figures, never the sum of its reports.
//!
//! What can be checked is that the figures never go down: each group (sex, age group,
//! form of exploitation) counts at least as many people as in the grant's latest accepted
//! report (422 `report-beneficiaries-decreased`), when a report is filed and again when it
//! is accepted (another report may have been accepted in between). Per group, not only
//! in total: a person assisted stays assisted, and a group that shrank would make the
//! Fund's figures for a period negative. An accepted count is therefore a floor; a
//! miscount in it is raised with the secretariat, not corrected by a later report.
//!
//! "Latest" is the final report once accepted, else the progress report accepted last.

use diesel::prelude::*;

use super::content::BeneficiaryCount;
use super::model::{self, ReportRow, ReportView};
use super::state::{ReportKind, ReportState};
use crate::db::schema::grant_reports;
use crate::db::DbConnection;
use crate::domain::GrantId;
use crate::error::{AppError, Rule};

/// The grant's latest accepted report (see the module's doc), if any.
pub fn latest_accepted(
    conn: &mut DbConnection,
    grant: GrantId,
) -> Result<Option<ReportView>, AppError> {
    let rows: Vec<ReportRow> = grant_reports::table
        .filter(grant_reports::grant_id.eq(grant))
        .filter(grant_reports::state.eq(ReportState::Accepted))
        .select(ReportRow::as_select())
        .load(conn)?;
    rows.into_iter()
        .max_by_key(|r| (r.kind == ReportKind::Final, r.reviewed_at, r.id.to_string()))
        .map(|r| model::view(conn, r))
        .transpose()
}

fn group(b: &BeneficiaryCount) -> String {
    let name = |v: serde_json::Result<serde_json::Value>| match v {
        Ok(serde_json::Value::String(s)) => s,
        _ => "?".to_string(),
    };
    format!(
        "{} {} ({})",
        name(serde_json::to_value(b.sex)),
        name(serde_json::to_value(b.age_group)),
        name(serde_json::to_value(b.exploitation))
    )
}

/// Every group of `earlier` (an accepted report) is in `counts` with at least as many
/// people (422 `report-beneficiaries-decreased` naming the line, or `beneficiaries` for
/// a group left out).
pub fn check_not_below(
    counts: &[BeneficiaryCount],
    earlier: &[BeneficiaryCount],
) -> Result<(), AppError> {
    let same = |a: &BeneficiaryCount, b: &BeneficiaryCount| {
        (a.sex, a.age_group, a.exploitation) == (b.sex, b.age_group, b.exploitation)
    };
    for before in earlier.iter().filter(|b| b.count > 0) {
        match counts.iter().position(|c| same(c, before)) {
            Some(i) if counts[i].count < before.count => {
                return Err(AppError::rule_on_field(
                    Rule::ReportBeneficiariesDecreased,
                    format!("beneficiaries[{i}].count"),
                    format!(
                        "reports count people to date: {} were {} in the latest accepted \
                         report, {} here",
                        group(before),
                        before.count,
                        counts[i].count
                    ),
                ))
            }
            Some(_) => {}
            None => {
                return Err(AppError::rule_on_field(
                    Rule::ReportBeneficiariesDecreased,
                    "beneficiaries",
                    format!(
                        "reports count people to date: the latest accepted report counts {} \
                         {}, this one none",
                        before.count,
                        group(before)
                    ),
                ))
            }
        }
    }
    Ok(())
}

/// [`check_not_below`] against the grant's latest accepted report, if it has one.
pub fn check(
    conn: &mut DbConnection,
    grant: GrantId,
    counts: &[BeneficiaryCount],
) -> Result<(), AppError> {
    match latest_accepted(conn, grant)? {
        Some(earlier) => check_not_below(counts, &earlier.beneficiaries),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::{AgeGroup, Exploitation, Sex};

    fn count(sex: Sex, exploitation: Exploitation, count: u32) -> BeneficiaryCount {
        BeneficiaryCount {
            sex,
            age_group: AgeGroup::Adult,
            exploitation,
            count,
        }
    }

    fn refused(result: Result<(), AppError>) -> String {
        match result {
            Err(AppError::Rule { rule, errors, .. }) => {
                assert_eq!(rule, Rule::ReportBeneficiariesDecreased);
                errors[0].field.clone()
            }
            other => panic!("expected a 422, got {other:?}"),
        }
    }

    #[test]
    fn figures_to_date_never_go_down_in_any_group() {
        let earlier = [
            count(Sex::Female, Exploitation::ForcedLabour, 24),
            count(Sex::Male, Exploitation::ForcedLabour, 0),
        ];
        let grown = [
            count(Sex::Male, Exploitation::Slavery, 3),
            count(Sex::Female, Exploitation::ForcedLabour, 42),
        ];
        assert!(check_not_below(&grown, &earlier).is_ok());
        assert!(check_not_below(&earlier, &earlier).is_ok());
        let fewer = [
            count(Sex::Male, Exploitation::Slavery, 30),
            count(Sex::Female, Exploitation::ForcedLabour, 23),
        ];
        assert_eq!(
            refused(check_not_below(&fewer, &earlier)),
            "beneficiaries[1].count"
        );
        // A group left out counts none; a group of none may be left out.
        let moved = [count(Sex::Male, Exploitation::Slavery, 50)];
        assert_eq!(refused(check_not_below(&moved, &earlier)), "beneficiaries");
        assert!(check_not_below(&grown[1..], &earlier).is_ok());
        assert!(check_not_below(&fewer, &[]).is_ok());
    }
}
