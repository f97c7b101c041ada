//! Amendments: the secretariat changes an open grant (`awarded` or `agreement_signed`) by
//! a numbered version with its reason, the Board decision it rests on, and what it
//! changed before and after; each with its audit event and a mail to the grantee, in one
//! transaction. Three kinds ([`AmendmentKind`]): a no-cost extension of the period, a
//! budget revision between lines, an award change (with its budget lines and unpaid
//! tranches); only an award change moves money, in one ledger entry owned by the grant.
//!
//! **Two amendments at once.** The grant row carries the version it stands at; an
//! amendment moves it from n to n + 1 by an UPDATE naming n, first thing after reading it.
//! Writers are serialised by the write lock anyway; the version makes the rule hold in the
//! row itself, so the second of two amendments read at version n gets 409, on every
//! instance and both databases (and `UNIQUE (grant_id, version)` backs it).

mod award;
mod record;
pub mod schedule;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::{json, Map, Value};

use super::book::TrancheLine;
use super::budget::{self, BudgetLine};
use super::ledger_book::Loaded;
use super::model::{self, GrantRow, GrantState};
use crate::audit::Change;
use crate::db::schema::{grant_agreements, grant_tranches, grants};
use crate::db::{DbConnection, Tx};
use crate::domain::{GrantId, LedgerTransactionId, Money};
use crate::error::{AppError, Rule};

pub use record::{award_changes, AmendmentKind, AmendmentView, AwardChange};

/// An amendment as asked for, parsed.
#[derive(Debug, Clone)]
pub struct NewAmendment {
    pub grant: GrantId,
    pub kind: AmendmentKind,
    pub reason: String,
    pub board_decision: Option<String>,
    pub period_end: Option<NaiveDate>,
    pub budget_lines: Option<Vec<BudgetLine>>,
    pub award: Option<Money>,
    /// The new amounts and due dates of the unpaid tranches, in order.
    pub tranches: Option<Vec<(Money, NaiveDate)>>,
    /// `grants.extension_max_months`.
    pub extension_max_months: u32,
}

/// What an amendment changes, worked out before anything is written.
#[derive(Default)]
struct Plan {
    before: Map<String, Value>,
    after: Map<String, Value>,
    period_end: Option<NaiveDate>,
    budget: Option<Vec<BudgetLine>>,
    /// New award and PSC, in minor units.
    award: Option<(i64, i64)>,
    tranches: Option<Vec<TrancheLine>>,
}

/// What the rules of each kind read.
struct Grant<'a> {
    row: &'a GrantRow,
    loaded: &'a Loaded,
    agreement: Option<super::rows::AgreementRow>,
    budget: Vec<BudgetLine>,
}

impl Grant<'_> {
    fn money(&self, minor: i64) -> Result<Money, AppError> {
        Money::from_minor(minor, self.row.currency).map_err(AppError::internal)
    }

    fn agreement(&self) -> Result<&super::rows::AgreementRow, AppError> {
        self.agreement.as_ref().ok_or_else(|| {
            AppError::rule(
                Rule::NoAgreement,
                "the grant's agreement is not signed yet: there is no period, budget or \
                 schedule to amend",
            )
        })
    }
}

fn tranches_json(lines: &[TrancheLine], grant: &Grant) -> Result<Value, AppError> {
    lines
        .iter()
        .map(|t| {
            Ok(json!({
                "number": t.number, "amount": grant.money(t.amount)?,
                "programme_support_cost": grant.money(t.psc)?, "due_on": t.due_on,
            }))
        })
        .collect::<Result<Vec<_>, AppError>>()
        .map(Value::Array)
}

fn budget_json(lines: &[BudgetLine]) -> Value {
    Value::Array(
        lines
            .iter()
            .map(|l| json!({"label": l.label, "amount": l.amount}))
            .collect(),
    )
}

/// Amends grant `new.grant`. 404 unknown; 409 unless `awarded` or `agreement_signed`, or
/// when another amendment of the same version got there first; then each kind's rules.
/// Answers the amendment as recorded.
pub fn amend(tx: &mut Tx, new: NewAmendment) -> Result<AmendmentView, AppError> {
    let id = new.grant;
    let row = model::row(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    if !matches!(row.state, GrantState::Awarded | GrantState::AgreementSigned) {
        return Err(AppError::conflict(format!(
            "the grant is {}: only an awarded grant or one with a signed agreement is amended",
            row.state.as_str()
        )));
    }
    let version = claim_version(tx.conn(), &row)?;
    let loaded = super::ledger_book::load(tx.conn(), &row)?;
    let agreement = super::agreement::agreement(tx.conn(), id)?;
    let budget = budget::as_lines(&budget::lines(tx.conn(), id)?, row.currency)?;
    let grant = Grant {
        row: &row,
        loaded: &loaded,
        agreement,
        budget,
    };
    let plan = match new.kind {
        AmendmentKind::Extension => extension(tx.conn(), &grant, &new)?,
        AmendmentKind::BudgetRevision => budget_revision(&grant, &new)?,
        AmendmentKind::AwardChange => award::change(tx.conn(), &grant, &new)?,
    };
    if let Some(lines) = &plan.budget {
        budget::keeps_spent_lines(tx.conn(), id, lines)?;
    }
    let entry = match plan.award {
        Some((award, psc)) => Some(award::post(tx, &row, award, psc)?),
        None => None,
    };
    apply(tx.conn(), &row, &plan)?;
    let created = record::AmendmentRow {
        id: uuid::Uuid::new_v4().to_string(),
        grant_id: id,
        version,
        kind: new.kind.as_str().to_string(),
        reason: new.reason.clone(),
        board_decision: new.board_decision.clone(),
        changes: json!({"before": plan.before, "after": plan.after}).to_string(),
        ledger_transaction_id: entry,
        created_by: tx.actor().user_id,
        created_at: tx.now(),
    };
    record::insert(tx.conn(), &created)?;
    let shown = record::view(created)?;
    tx.audit(Change::new(
        "grant.amended",
        "grant",
        id,
        json!({ "amendment": shown }),
    ))?;
    super::notices::grant_amended(tx, id, &shown)?;
    Ok(shown)
}

/// Moves the grant from the version it was read at to the next; 409 when another
/// amendment moved it first.
fn claim_version(conn: &mut DbConnection, row: &GrantRow) -> Result<i32, AppError> {
    let next = row
        .amendment_version
        .checked_add(1)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("amendment version overflows")))?;
    let moved = diesel::update(
        grants::table
            .find(row.id)
            .filter(grants::amendment_version.eq(row.amendment_version)),
    )
    .set(grants::amendment_version.eq(next))
    .execute(conn)?;
    if moved != 1 {
        return Err(AppError::conflict(format!(
            "the grant was amended meanwhile (version {} is taken): read it again and amend \
             the version it now stands at",
            next
        )));
    }
    Ok(next)
}

fn apply(conn: &mut DbConnection, row: &GrantRow, plan: &Plan) -> Result<(), AppError> {
    if let Some(end) = plan.period_end {
        diesel::update(grant_agreements::table.find(row.id))
            .set(grant_agreements::period_end.eq(end))
            .execute(conn)?;
    }
    if let Some(lines) = &plan.budget {
        budget::store(conn, row.id, lines)?;
    }
    if let Some((award, psc)) = plan.award {
        diesel::update(grants::table.find(row.id))
            .set((grants::award_minor.eq(award), grants::psc_minor.eq(psc)))
            .execute(conn)?;
    }
    if let Some(lines) = &plan.tranches {
        diesel::delete(grant_tranches::table.filter(grant_tranches::grant_id.eq(row.id)))
            .execute(conn)?;
        for t in lines {
            diesel::insert_into(grant_tranches::table)
                .values(&super::rows::TrancheRow {
                    grant_id: row.id,
                    number: t.number,
                    amount_minor: t.amount,
                    psc_minor: t.psc,
                    due_on: t.due_on,
                })
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The unpaid tranches revised to `unpaid` for an award of `award` with `psc`, due dates
/// in order after the tranches that stay, from the signature to `period_end`.
fn revise_schedule(
    grant: &Grant,
    unpaid: &[(Money, NaiveDate)],
    award: i64,
    psc: i64,
    period_end: NaiveDate,
) -> Result<Vec<TrancheLine>, AppError> {
    let signed_on = grant.agreement()?.signed_on;
    let book = &grant.loaded.book;
    let k = schedule::kept(book);
    if unpaid.len() + k > super::agreement::MAX_TRANCHES {
        return Err(AppError::bad_field(
            "tranches",
            format!(
                "at most {} tranches in all; {k} stay",
                super::agreement::MAX_TRANCHES
            ),
        ));
    }
    let mut previous = book.tranches[..k].last().map(|t| t.due_on);
    for (i, (amount, due_on)) in unpaid.iter().enumerate() {
        if amount.currency() != grant.row.currency {
            return Err(AppError::rule_on_field(
                Rule::CurrencyMismatch,
                format!("tranches[{i}].amount.currency"),
                format!("the award is in {}", grant.row.currency),
            ));
        }
        if previous.is_some_and(|p| *due_on <= p) || *due_on < signed_on || *due_on > period_end {
            return Err(AppError::rule_on_field(
                Rule::ScheduleDates,
                format!("tranches[{i}].due_on"),
                format!(
                    "due dates in order after the tranches that stay, from the signature \
                     ({signed_on}) to the end of the period ({period_end}); got {due_on}"
                ),
            ));
        }
        previous = Some(*due_on);
    }
    let minor: Vec<(i64, NaiveDate)> = unpaid.iter().map(|(m, d)| (m.to_minor(), *d)).collect();
    schedule::revised(book, &minor, award, psc).ok_or_else(|| {
        let (kept, _) = schedule::kept_sums(book);
        let given: i128 = minor.iter().map(|(a, _)| i128::from(*a)).sum();
        let show = |m: i128| {
            i64::try_from(m)
                .ok()
                .and_then(|m| grant.money(m).ok())
                .map_or_else(|| m.to_string(), |m| m.to_string())
        };
        AppError::rule_on_field(
            Rule::ScheduleMismatch,
            "tranches",
            format!(
                "the unpaid tranches add up to {}; the award of {} less the {k} tranche(s) paid \
                 on ({}) leaves {}",
                show(given),
                show(award.into()),
                show(kept),
                show(i128::from(award) - kept)
            ),
        )
    })
}

/// A no-cost extension: a later end of the period, within the call's longest duration
/// plus `grants.extension_max_months` from the period's start; the unpaid tranches may
/// move with it.
fn extension(conn: &mut DbConnection, grant: &Grant, new: &NewAmendment) -> Result<Plan, AppError> {
    let agreement = grant.agreement()?;
    let end = new
        .period_end
        .ok_or_else(|| AppError::bad_field("period_end", "give the new end of the grant period"))?;
    if end <= agreement.period_end {
        return Err(AppError::bad_field(
            "period_end",
            format!(
                "an extension moves the end of the period later than {}",
                agreement.period_end
            ),
        ));
    }
    let call = crate::calls::find(conn, grant.row.call_id)?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("grant without its call")))?;
    let months = u32::try_from(call.max_duration_months)
        .unwrap_or(0)
        .saturating_add(new.extension_max_months);
    let latest = agreement
        .period_start
        .checked_add_months(chrono::Months::new(months))
        .unwrap_or(NaiveDate::MAX);
    if end > latest {
        return Err(AppError::rule_on_field(
            Rule::DurationTooLong,
            "period_end",
            format!(
                "the call allows {} months and an extension {} more: from the start of the \
                 period ({}) the grant may run to {latest}, not {end}",
                call.max_duration_months, new.extension_max_months, agreement.period_start
            ),
        ));
    }
    let mut plan = Plan {
        period_end: Some(end),
        ..Plan::default()
    };
    plan.before
        .insert("period_end".into(), json!(agreement.period_end));
    plan.after.insert("period_end".into(), json!(end));
    if let Some(unpaid) = &new.tranches {
        let book = &grant.loaded.book;
        let lines = revise_schedule(grant, unpaid, book.award, book.psc, end)?;
        plan.before
            .insert("tranches".into(), tranches_json(&book.tranches, grant)?);
        plan.after
            .insert("tranches".into(), tranches_json(&lines, grant)?);
        plan.tranches = Some(lines);
    }
    Ok(plan)
}

/// A budget revision: new lines adding up to the award exactly.
fn budget_revision(grant: &Grant, new: &NewAmendment) -> Result<Plan, AppError> {
    grant.agreement()?;
    let lines = new
        .budget_lines
        .clone()
        .ok_or_else(|| AppError::bad_field("budget_lines", "give the revised budget lines"))?;
    let award = grant.money(grant.row.award_minor)?;
    budget::check(&lines, award, "budget_lines")?;
    let mut plan = Plan::default();
    plan.before
        .insert("budget_lines".into(), budget_json(&grant.budget));
    plan.after
        .insert("budget_lines".into(), budget_json(&lines));
    plan.budget = Some(lines);
    Ok(plan)
}

/// Grant `grant`'s amendments, in version order.
pub fn list(conn: &mut DbConnection, grant: GrantId) -> Result<Vec<AmendmentView>, AppError> {
    record::list(conn, grant)
}

/// The ledger entries of the grant's award changes (for the integrity check).
pub fn ledger_entries(
    conn: &mut DbConnection,
    grant: GrantId,
) -> Result<Vec<LedgerTransactionId>, AppError> {
    record::entries(conn, grant)
}
