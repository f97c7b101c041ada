//! An award change: a decrease releases commitment and its programme support cost (at the
//! grant's own PSC ratio, to the cent) to the available balance, never below what stays
//! paid; an increase rests on a recorded Board decision and must fit the Fund's available
//! balance and the call's envelope. Either is one `award_change` ledger entry owned by
//! the grant, and the budget lines and unpaid tranches are revised with it.

use serde_json::json;

use super::{budget_json, revise_schedule, schedule, tranches_json, Grant, NewAmendment, Plan};
use crate::db::{DbConnection, Tx};
use crate::domain::{LedgerTransactionId, Money};
use crate::error::{AppError, Rule};
use crate::grants::budget::{self, BudgetLine};
use crate::grants::model::GrantRow;
use crate::ledger::{Account, Owner, Party, Posting, TransactionKind, ValueDate};

pub(super) fn change(
    conn: &mut DbConnection,
    grant: &Grant,
    new: &NewAmendment,
) -> Result<Plan, AppError> {
    let row = grant.row;
    let to = new
        .award
        .ok_or_else(|| AppError::bad_field("award", "give the new award"))?;
    if to.currency() != row.currency {
        return Err(AppError::rule_on_field(
            Rule::CurrencyMismatch,
            "award.currency",
            format!("the award is in {}", row.currency),
        ));
    }
    let (award, psc) = (row.award_minor, row.psc_minor);
    let new_award = to.to_minor();
    if new_award == award {
        return Err(AppError::bad_field(
            "award",
            format!("the award is already {to}"),
        ));
    }
    let new_psc = i64::try_from(crate::grants::book::psc_at_ratio(
        award,
        psc,
        new_award.into(),
    ))
    .map_err(AppError::internal)?;
    let increase = new_award > award;
    if increase
        && new
            .board_decision
            .as_deref()
            .is_none_or(|d| d.trim().is_empty())
    {
        return Err(AppError::rule_on_field(
            Rule::BoardDecisionRequired,
            "board_decision",
            "an award increase rests on a recorded Board decision: name it",
        ));
    }
    let book = &grant.loaded.book;
    let (kept, kept_psc) = schedule::kept_sums(book);
    let paid = book.paid();
    let floor = kept.max(paid.amount);
    if i128::from(new_award) < floor || i128::from(new_psc) < kept_psc.max(paid.psc) {
        return Err(AppError::rule_on_field(
            Rule::AwardBelowPaid,
            "award",
            format!(
                "{} stands paid, or scheduled on the tranches paid on, with {} of programme \
                 support cost; an award of {to} (programme support cost {}) would fall below",
                show(grant, floor),
                show(grant, kept_psc.max(paid.psc)),
                grant.money(new_psc)?
            ),
        ));
    }
    if increase {
        fits_the_envelope(conn, row, to)?;
        let more = (new_award + new_psc) - (award + psc);
        let available = crate::ledger::balances(conn)?.available;
        if more > available.to_minor() {
            return Err(AppError::rule_on_field(
                Rule::InsufficientFunds,
                "award",
                format!(
                    "the increase commits {} (with its programme support cost); the Fund has {} \
                     available",
                    grant.money(more)?,
                    available
                ),
            ));
        }
    }
    let mut plan = Plan {
        award: Some((new_award, new_psc)),
        ..Plan::default()
    };
    plan.before
        .insert("award".into(), json!(grant.money(award)?));
    plan.before
        .insert("programme_support_cost".into(), json!(grant.money(psc)?));
    plan.after.insert("award".into(), json!(to));
    plan.after.insert(
        "programme_support_cost".into(),
        json!(grant.money(new_psc)?),
    );
    if let Some(agreement) = &grant.agreement {
        let unpaid = match &new.tranches {
            Some(given) => given.clone(),
            None => schedule::last_takes(book, new_award - award)
                .ok_or_else(|| {
                    AppError::bad_field(
                        "tranches",
                        "give the new schedule of the unpaid tranches: the last one cannot \
                         take the change",
                    )
                })?
                .into_iter()
                .map(|(minor, due)| Ok((grant.money(minor)?, due)))
                .collect::<Result<_, AppError>>()?,
        };
        let lines = revise_schedule(grant, &unpaid, new_award, new_psc, agreement.period_end)?;
        plan.before
            .insert("tranches".into(), tranches_json(&book.tranches, grant)?);
        plan.after
            .insert("tranches".into(), tranches_json(&lines, grant)?);
        plan.tranches = Some(lines);
    } else if new.tranches.is_some() {
        return Err(AppError::bad_field(
            "tranches",
            "the grant has no schedule yet: its agreement sets it",
        ));
    }
    if !grant.budget.is_empty() {
        let lines = match &new.budget_lines {
            Some(given) => given.clone(),
            None => last_line_takes(&grant.budget, new_award - award).ok_or_else(|| {
                AppError::bad_field(
                    "budget_lines",
                    "give the budget lines revised to the new award: the last one cannot take \
                     the change",
                )
            })?,
        };
        budget::check(&lines, to, "budget_lines")?;
        plan.before
            .insert("budget_lines".into(), budget_json(&grant.budget));
        plan.after
            .insert("budget_lines".into(), budget_json(&lines));
        plan.budget = Some(lines);
    } else if new.budget_lines.is_some() {
        return Err(AppError::bad_field(
            "budget_lines",
            "the grant has no budget yet: its agreement sets it",
        ));
    }
    Ok(plan)
}

fn show(grant: &Grant, minor: i128) -> String {
    i64::try_from(minor)
        .ok()
        .and_then(|m| grant.money(m).ok())
        .map_or_else(|| minor.to_string(), |m| m.to_string())
}

fn last_line_takes(lines: &[BudgetLine], delta: i64) -> Option<Vec<BudgetLine>> {
    let mut lines = lines.to_vec();
    let last = lines.last_mut()?;
    let amount = last
        .amount
        .to_minor()
        .checked_add(delta)
        .filter(|a| *a >= 0)?;
    last.amount = Money::from_minor(amount, last.amount.currency()).ok()?;
    Some(lines)
}

/// The call's envelope holds the other awards under it plus this one at `to` (422
/// `envelope-exhausted`).
fn fits_the_envelope(conn: &mut DbConnection, row: &GrantRow, to: Money) -> Result<(), AppError> {
    let call = crate::calls::find(conn, row.call_id)?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("grant without its call")))?;
    let others =
        crate::calls::committed_under(conn, row.call_id, to.currency(), Some(row.application_id))?;
    let room = crate::calls::left(call.envelope, others, row.call_id)?;
    if to > room {
        return Err(AppError::rule_on_field(
            Rule::EnvelopeExhausted,
            "award",
            format!(
                "the call's envelope of {} holds {} of other awards: {room} is left, not {to}",
                call.envelope, others
            ),
        ));
    }
    Ok(())
}

/// Posts the change from the grant's award and PSC to `award` and `psc` (minor units):
/// committed on an increase, released on a decrease; one entry owned by the grant.
pub(super) fn post(
    tx: &mut Tx,
    row: &GrantRow,
    award: i64,
    psc: i64,
) -> Result<LedgerTransactionId, AppError> {
    let delta = (award + psc) - (row.award_minor + row.psc_minor);
    let money = |m: i64| Money::from_minor(m, row.currency).map_err(AppError::internal);
    let party = Some(Party::Grant(row.id));
    let moved = money(delta.abs())?;
    let (memo, lines) = if delta > 0 {
        (
            format!(
                "grant award increased to {} (programme support cost {}): {moved} committed",
                money(award)?,
                money(psc)?
            ),
            vec![
                Posting::usd(Account::GrantCommitments, party, moved),
                Posting::usd(Account::CommitmentsOutstanding, party, -moved),
            ],
        )
    } else {
        (
            format!(
                "grant award decreased to {} (programme support cost {}): {moved} released",
                money(award)?,
                money(psc)?
            ),
            vec![
                Posting::usd(Account::CommitmentsOutstanding, party, moved),
                Posting::usd(Account::GrantCommitments, party, -moved),
            ],
        )
    };
    let today = ValueDate::today(tx);
    crate::ledger::post(
        tx,
        TransactionKind::AwardChange,
        &memo,
        Owner::Grant(row.id),
        today,
        lines,
    )
}
