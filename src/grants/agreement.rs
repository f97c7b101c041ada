//! The grant agreement: signed once by the secretariat, with the grant period, a tranche
//! schedule and a budget (`super::budget`) that each add up to the award exactly. Signing
//! moves no money; it opens the grant to disbursements.

use chrono::{Days, Months, NaiveDate};
use diesel::prelude::*;
use serde_json::json;

use super::book::psc_parts;
use super::budget::{self, BudgetLine};
use super::model::{self, GrantState, GrantView};
use super::rows::{AgreementRow, TrancheRow};
use crate::audit::Change;
use crate::db::schema::{grant_agreements, grant_tranches, grants};
use crate::db::{DbConnection, Tx};
use crate::domain::{GrantId, Money};
use crate::error::{AppError, Rule};

/// The longest grant period an agreement may set (calls allow up to 24 months; five
/// years leaves room for an extension without letting a typo through).
pub const MAX_PERIOD_MONTHS: u32 = 60;
/// The most tranches a schedule may have (typically 2 or 3).
pub const MAX_TRANCHES: usize = 12;

/// An agreement as asked for, parsed.
#[derive(Debug, Clone)]
pub struct NewAgreement {
    pub grant: GrantId,
    pub signed_on: NaiveDate,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// Amount and due date of each tranche, in order.
    pub tranches: Vec<(Money, NaiveDate)>,
    /// The budget at the award; `None` takes the application's when it adds up to the
    /// award.
    pub budget_lines: Option<Vec<BudgetLine>>,
}

/// Checks the schedule against the award (pure): currencies, sum, dates in order inside
/// `[signed_on, period_end]`, a period of at most [`MAX_PERIOD_MONTHS`], a signature not
/// before the award nor after tomorrow.
pub fn check_schedule(
    new: &NewAgreement,
    award: Money,
    awarded_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), AppError> {
    if new.tranches.is_empty() || new.tranches.len() > MAX_TRANCHES {
        return Err(AppError::bad_field(
            "tranches",
            format!("from 1 to {MAX_TRANCHES} tranches"),
        ));
    }
    let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
    if new.signed_on < awarded_on || new.signed_on > tomorrow {
        return Err(AppError::bad_field(
            "signed_on",
            format!("must be from the award ({awarded_on}) to {tomorrow}"),
        ));
    }
    if new.period_end <= new.period_start {
        return Err(AppError::bad_field(
            "period_end",
            "must be after period_start",
        ));
    }
    let longest = new
        .period_start
        .checked_add_months(Months::new(MAX_PERIOD_MONTHS))
        .unwrap_or(NaiveDate::MAX);
    if new.period_end > longest {
        return Err(AppError::bad_field(
            "period_end",
            format!("a grant period is at most {MAX_PERIOD_MONTHS} months"),
        ));
    }
    for (i, (amount, _)) in new.tranches.iter().enumerate() {
        if amount.currency() != award.currency() {
            return Err(AppError::rule_on_field(
                Rule::CurrencyMismatch,
                format!("tranches[{i}].amount.currency"),
                format!("the award is in {}", award.currency()),
            ));
        }
    }
    let total: i128 = new
        .tranches
        .iter()
        .map(|(m, _)| i128::from(m.to_minor()))
        .sum();
    if total != i128::from(award.to_minor()) {
        let total = Money::sum(award.currency(), new.tranches.iter().map(|(m, _)| *m))
            .map(|m| m.to_string())
            .unwrap_or_else(|_| "more than can be written".into());
        return Err(AppError::rule_on_field(
            Rule::ScheduleMismatch,
            "tranches",
            format!("the tranches add up to {total}; the award is {award}"),
        ));
    }
    let mut previous: Option<NaiveDate> = None;
    for (i, (_, due_on)) in new.tranches.iter().enumerate() {
        let in_order = previous.is_none_or(|p| *due_on > p);
        if !in_order || *due_on < new.signed_on || *due_on > new.period_end {
            return Err(AppError::rule_on_field(
                Rule::ScheduleDates,
                format!("tranches[{i}].due_on"),
                format!(
                    "due dates must be in order, from the signature ({}) to the end of the \
                     period ({}); got {due_on}",
                    new.signed_on, new.period_end
                ),
            ));
        }
        previous = Some(*due_on);
    }
    Ok(())
}

/// Signs the grant's agreement: 404 unknown; 409 if signed already or closed; the
/// payee must still be allowed money; 422 `schedule-mismatch`, `schedule-dates`,
/// `currency-mismatch`; 422 `documents-missing` unless the grant carries a current
/// `signed_agreement` (the agreement recorded is the file signed, kept beside it, so
/// money never goes out on terms nobody can produce). Stores the tranches with their PSC parts and moves the grant to
/// `agreement_signed`, with its audit event; answers the grant as this transaction
/// leaves it.
pub fn sign(tx: &mut Tx, new: NewAgreement) -> Result<GrantView, AppError> {
    let id = new.grant;
    let grant = model::row(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    if grant.state != GrantState::Awarded {
        return Err(AppError::conflict(format!(
            "the grant is {}: its agreement can be signed only once, while it is awarded",
            grant.state.as_str()
        )));
    }
    super::ensure_may_receive_money(tx.conn(), grant.organization_id)?;
    let award = Money::from_minor(grant.award_minor, grant.currency).map_err(AppError::internal)?;
    check_schedule(&new, award, grant.created_at.date(), tx.now().date())?;
    let lines = budget_at_award(tx.conn(), &grant, new.budget_lines.clone(), award)?;
    crate::documents::require(
        tx.conn(),
        crate::documents::Owner::Grant(id),
        &[crate::documents::DocumentKind::SignedAgreement],
        "an agreement is recorded with its signed file",
    )?;
    let amounts: Vec<i64> = new.tranches.iter().map(|(m, _)| m.to_minor()).collect();
    let parts = psc_parts(grant.award_minor, grant.psc_minor, &amounts);
    let signed_by = tx.actor().user_id;
    let agreement = AgreementRow {
        grant_id: id,
        signed_on: new.signed_on,
        period_start: new.period_start,
        period_end: new.period_end,
        signed_by,
        created_at: tx.now(),
    };
    diesel::insert_into(grant_agreements::table)
        .values(&agreement)
        .execute(tx.conn())?;
    let tranches: Vec<TrancheRow> = new
        .tranches
        .iter()
        .zip(parts)
        .enumerate()
        .map(|(i, ((amount, due_on), psc))| {
            Ok(TrancheRow {
                grant_id: id,
                number: i32::try_from(i + 1).map_err(AppError::internal)?,
                amount_minor: amount.to_minor(),
                psc_minor: psc,
                due_on: *due_on,
            })
        })
        .collect::<Result<_, AppError>>()?;
    for row in &tranches {
        diesel::insert_into(grant_tranches::table)
            .values(row)
            .execute(tx.conn())?;
    }
    budget::store(tx.conn(), id, &lines)?;
    diesel::update(grants::table.find(id))
        .set(grants::state.eq(GrantState::AgreementSigned))
        .execute(tx.conn())?;
    tx.audit(Change::new(
        "grant.agreement_signed",
        "grant",
        id,
        json!({
            "signed_on": new.signed_on,
            "period_start": new.period_start,
            "period_end": new.period_end,
            "tranches": tranches.iter().map(|t| json!({
                "number": t.number, "amount_minor": t.amount_minor,
                "psc_minor": t.psc_minor, "due_on": t.due_on,
            })).collect::<Vec<_>>(),
            "budget_lines": lines.iter().map(|l| json!({
                "label": l.label, "amount": l.amount,
            })).collect::<Vec<_>>(),
            "before": {"state": "awarded"}, "after": {"state": "agreement_signed"},
        }),
    ))?;
    super::notices::agreement_signed(tx, id)?;
    let today = tx.now().date();
    model::find(tx.conn(), id, today)?.ok_or(AppError::NotFound)
}

/// The budget the agreement sets: the lines given (checked against the award), else the
/// application's when they already add up to the award; else 422 `budget-lines-required`.
fn budget_at_award(
    conn: &mut DbConnection,
    grant: &model::GrantRow,
    given: Option<Vec<BudgetLine>>,
    award: Money,
) -> Result<Vec<BudgetLine>, AppError> {
    if let Some(lines) = given {
        budget::check(&lines, award, "budget_lines")?;
        return Ok(lines);
    }
    let application = crate::applications::find(conn, grant.application_id)?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("grant {}: no application", grant.id)))?;
    let lines: Vec<BudgetLine> = application
        .content
        .budget_lines
        .iter()
        .map(|l| BudgetLine {
            label: l.label.as_str().to_string(),
            amount: l.amount.into_inner(),
        })
        .collect();
    if budget::check(&lines, award, "budget_lines").is_ok() {
        return Ok(lines);
    }
    let asked = Money::sum(award.currency(), lines.iter().map(|l| l.amount))
        .map(|m| m.to_string())
        .unwrap_or_else(|_| "another amount".into());
    Err(AppError::rule_on_field(
        Rule::BudgetLinesRequired,
        "budget_lines",
        format!(
            "budget lines are needed: the application's budget adds up to {asked}, the award \
             is {award}; give budget_lines adding up to the award"
        ),
    ))
}

/// How many tranches grant `grant`'s agreement has; `None` when no agreement is signed.
pub fn tranche_count(conn: &mut DbConnection, grant: GrantId) -> Result<Option<i32>, AppError> {
    let signed = grant_agreements::table
        .find(grant)
        .select(grant_agreements::grant_id)
        .get_result::<GrantId>(conn)
        .optional()?;
    if signed.is_none() {
        return Ok(None);
    }
    let count: i64 = grant_tranches::table
        .filter(grant_tranches::grant_id.eq(grant))
        .count()
        .get_result(conn)?;
    i32::try_from(count).map(Some).map_err(AppError::internal)
}

pub fn agreement(
    conn: &mut DbConnection,
    grant: GrantId,
) -> Result<Option<AgreementRow>, AppError> {
    Ok(grant_agreements::table
        .find(grant)
        .select(AgreementRow::as_select())
        .get_result(conn)
        .optional()?)
}

pub fn tranches(conn: &mut DbConnection, grant: GrantId) -> Result<Vec<TrancheRow>, AppError> {
    Ok(grant_tranches::table
        .filter(grant_tranches::grant_id.eq(grant))
        .order(grant_tranches::number.asc())
        .select(TrancheRow::as_select())
        .load(conn)?)
}
