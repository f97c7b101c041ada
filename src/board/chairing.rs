//! Designating the chair: the secretariat records the Board's own choice, with the
//! decision that made it (the meeting's date and the reference of its record), in one
//! write transaction with its audit event.

use chrono::NaiveDate;
use serde_json::json;
use uuid::Uuid;

use super::chair::{self, Chair};
use super::model;
use super::rules::{self, ChairProblem, Term};
use super::views::{ChairDecision, ChairDesignation};
use crate::audit::Change;
use crate::db::Tx;
use crate::domain::{AppointmentId, ChairId};
use crate::error::{AppError, Rule};

/// The Board's choice of chair, as the secretariat records it.
#[derive(Debug)]
pub struct ChairChoice {
    pub appointment_id: AppointmentId,
    /// `[from, to)`.
    pub period: Term,
    /// The Board's decision: without it there is nothing to record.
    pub decision: ChairDecision,
}

/// The decision was taken at a meeting that has happened (on or before `today`), on or
/// before the chair's first day, and its record is named.
fn check_decision(
    decision: &ChairDecision,
    from: NaiveDate,
    today: NaiveDate,
) -> Result<(), AppError> {
    let refuse = |field: &str, detail: String| {
        Err(AppError::rule_on_field(
            Rule::ChairDecision,
            format!("board_decision.{field}"),
            detail,
        ))
    };
    if decision.record_reference.trim().is_empty() {
        return refuse(
            "record_reference",
            "name the record of the Board's meeting that chose the chair".to_string(),
        );
    }
    if decision.meeting_on > today {
        return refuse(
            "meeting_on",
            format!(
                "the Board's decision is recorded once taken: its meeting is on or before today ({today})"
            ),
        );
    }
    if decision.meeting_on > from {
        return refuse(
            "meeting_on",
            format!("the Board chooses its chair before the chair's year starts ({from})"),
        );
    }
    Ok(())
}

/// Designates the chair for `[from, to)` on the Board's decision: at most a year, while
/// the trustee sits, with no other chair then.
pub fn designate_chair(tx: &mut Tx, choice: ChairChoice) -> Result<ChairDesignation, AppError> {
    let ChairChoice {
        appointment_id,
        period,
        decision,
    } = choice;
    let appointments = model::all(tx.conn())?;
    let trustee = appointments
        .iter()
        .find(|a| a.id == appointment_id)
        .ok_or_else(|| AppError::bad_field("appointment_id", "no appointment with this id"))?;
    check_decision(&decision, period.start, tx.now().date())?;
    let chairs: Vec<(Uuid, Term)> = chair::all(tx.conn())?
        .iter()
        .map(|c| (c.appointment_id.as_uuid(), c.effective(&appointments)))
        .collect();
    rules::check_chair(period, trustee.effective_term(), &chairs).map_err(|p| match p {
        ChairProblem::Period => AppError::rule_on_field(
            Rule::ChairPeriod,
            "to",
            "the chair serves for a period that ends after it starts and lasts at most one year",
        ),
        ChairProblem::NotActive => AppError::rule_on_field(
            Rule::ChairNotActive,
            "appointment_id",
            format!(
                "{} does not sit on the Board over the whole period (sits from {} to {})",
                trustee.name,
                trustee.term_start,
                trustee.effective_term().end
            ),
        ),
        ChairProblem::Overlap { other } => AppError::rule(
            Rule::ChairOverlap,
            format!("another chair (appointment {other}) serves during this period"),
        ),
    })?;
    let chair = Chair {
        id: ChairId::new(),
        appointment_id,
        period,
        created_at: tx.now(),
        decision: Some(decision.clone()),
    };
    chair::insert(tx.conn(), &chair)?;
    tx.audit(Change::new(
        "chair.designated",
        "chair",
        chair.id,
        json!({ "after": {
            "appointment_id": appointment_id,
            "name": trustee.name,
            "from": period.start,
            "to": period.end,
            "board_decision": decision,
        }}),
    ))?;
    Ok(ChairDesignation {
        id: chair.id,
        appointment_id: chair.appointment_id,
        from: chair.period.start,
        to: chair.period.end,
        board_decision: Some(decision),
    })
}
