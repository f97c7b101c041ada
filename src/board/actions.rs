//! Two of the Board's changes, each run inside one write transaction with its audit event:
//! appoint a trustee, end an appointment early (the chair: `chairing`). Checks happen inside
//! the transaction, so they see every committed appointment.

use chrono::NaiveDate;
use serde_json::json;

use super::model::{self, Appointment, EndReason};
use super::persons::{self, AppointmentWarning};
use super::problem::Refused;
use super::rules::{self, Term};
use super::views::AppointmentView;
use crate::audit::Change;
use crate::db::Tx;
use crate::domain::{AppointmentId, CountryCode, Role, UserId};
use crate::error::AppError;
use crate::error::Rule;

/// An appointment as the secretariat asks for it, already parsed and with a valid term.
pub struct NewAppointment {
    pub name: String,
    pub nationality: CountryCode,
    pub experience: String,
    pub appointed_on: NaiveDate,
    pub term: Term,
    pub consulted_member_states: Vec<CountryCode>,
    pub consulted_executive_director_on: NaiveDate,
    pub user_id: Option<UserId>,
    /// The appointment whose term this one completes, named for a short term.
    pub completes: Option<AppointmentId>,
    /// The person of an earlier appointment, when this one is for them again.
    pub person_id: Option<AppointmentId>,
}

/// Either the new appointment, or the seat rule that refused it (nothing written then).
pub enum Outcome {
    /// Made, with warnings that did not stop it (a namesake under another person).
    Created(Box<Appointment>, Vec<AppointmentWarning>),
    Refused(Refused),
}

/// The linked account must be an enabled trustee, not linked to another appointment that
/// sits on any day of this term.
fn check_account(
    tx: &mut Tx,
    user_id: UserId,
    term: Term,
    all: &[Appointment],
) -> Result<(), AppError> {
    let user = crate::users::find(tx.conn(), user_id)?;
    if !user.is_some_and(|u| u.enabled && u.role == Role::Trustee) {
        return Err(AppError::rule_on_field(
            Rule::TrusteeAccount,
            "user_id",
            "the linked account must be an existing, enabled account with the trustee role",
        ));
    }
    if let Some(other) = all
        .iter()
        .find(|a| a.user_id == Some(user_id) && a.effective_term().overlaps(&term))
    {
        return Err(AppError::rule_on_field(
            Rule::TrusteeAccount,
            "user_id",
            format!(
                "this account is already linked to the appointment of {} ({} to {}): an \
                 account links to at most one active appointment",
                other.name,
                other.term_start,
                other.effective_term().end
            ),
        ));
    }
    Ok(())
}

/// The seat and term-limit decision is recorded on the span (`outcome`: the rule that
/// refused, or `created`), so a refused appointment shows in the logs with its reason.
#[tracing::instrument(name = "board.appoint", skip_all, fields(
    group = %new.nationality.regional_group(),
    term_start = %new.term.start,
    term_end = %new.term.end,
    outcome = tracing::field::Empty,
))]
pub fn appoint(tx: &mut Tx, new: NewAppointment) -> Result<Outcome, AppError> {
    let span = tracing::Span::current();
    let all = model::all(tx.conn())?;
    check_completion(&new, &all)?;
    if let Some(user_id) = new.user_id {
        check_account(tx, user_id, new.term, &all)?;
    }
    let sittings: Vec<_> = all.iter().map(Appointment::sitting).collect();
    let group = new.nationality.regional_group();
    if let Err(refusal) = rules::check_seat(&sittings, group, new.term) {
        let refused = Refused::from_refusal(refusal, &all);
        span.record("outcome", refused.rule.name());
        return Ok(Outcome::Refused(refused));
    }
    let id = AppointmentId::new();
    let person_id = persons::resolve(&all, id, new.person_id, new.user_id)?;
    let person_terms: Vec<Term> = all
        .iter()
        .filter(|a| a.person_id == person_id)
        .map(Appointment::effective_term)
        .collect();
    if let Err(refusal) = rules::check_term_limit(&person_terms, new.term) {
        let refused = Refused::from_refusal(refusal, &all);
        span.record("outcome", refused.rule.name());
        return Ok(Outcome::Refused(refused));
    }
    let warnings = persons::namesakes(&all, &new.name, new.nationality, person_id);
    let now = tx.now();
    let appointment = Appointment {
        id,
        name: new.name,
        nationality: new.nationality,
        experience: new.experience,
        appointed_on: new.appointed_on,
        term_start: new.term.start,
        term_end: new.term.end,
        consulted_member_states: new.consulted_member_states,
        consulted_executive_director_on: new.consulted_executive_director_on,
        user_id: new.user_id,
        ended_on: None,
        end_reason: None,
        end_note: None,
        created_at: now,
        updated_at: now,
        completes: new.completes,
        person_id,
    };
    model::insert(tx.conn(), &appointment)?;
    let mut view = AppointmentView::on(&appointment, now.date());
    view.warnings.clone_from(&warnings);
    tx.audit(Change::created("appointment", appointment.id, json!(view)))?;
    span.record("outcome", "created");
    Ok(Outcome::Created(Box::new(appointment), warnings))
}

/// How an appointment ends.
#[derive(Debug)]
pub struct Ending {
    /// The first day the trustee no longer sits. For `end_of_term`, the term's end.
    pub ended_on: NaiveDate,
    pub reason: EndReason,
    pub note: Option<String>,
}

/// Records a resignation or termination effective `ended_on` (the first day the trustee
/// no longer sits), or the end of term on its date (the secretariat). An appointment
/// ends once (else 409).
pub fn end_appointment(
    tx: &mut Tx,
    id: AppointmentId,
    ending: Ending,
) -> Result<AppointmentView, AppError> {
    let Ending {
        ended_on,
        reason,
        note,
    } = ending;
    let before = model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    if let Some(day) = before.ended_on {
        return Err(AppError::conflict(format!(
            "this appointment already ended on {day}"
        )));
    }
    match reason {
        EndReason::EndOfTerm if ended_on != before.term_end => {
            return Err(AppError::rule_on_field(
                Rule::EndDate,
                "ended_on",
                format!(
                    "an end of term falls on the term's end, {}",
                    before.term_end
                ),
            ));
        }
        EndReason::Resignation | EndReason::Termination
            if ended_on < before.term_start || ended_on >= before.term_end =>
        {
            return Err(AppError::rule_on_field(
                Rule::EndDate,
                "ended_on",
                format!(
                    "an early end falls within the term: on or after {} and before {}",
                    before.term_start, before.term_end
                ),
            ));
        }
        _ => {}
    }
    let now = tx.now();
    model::record_end(tx.conn(), id, ended_on, reason, note.as_deref(), now)?;
    let after = model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    tx.audit(Change::new(
        "appointment.ended",
        "appointment",
        id,
        json!({
            "before": AppointmentView::on(&before, now.date()),
            "after": AppointmentView::on(&after, now.date()),
        }),
    ))?;
    Ok(AppointmentView::on(&after, now.date()))
}

/// DOMAIN: terms are three years; a shorter one completes a predecessor's term. It names
/// that appointment, which held a seat of the same regional group, and ends exactly when
/// the predecessor's term was scheduled to end. Naming one for a full term is refused too:
/// a full term completes nobody's.
fn check_completion(new: &NewAppointment, all: &[Appointment]) -> Result<(), AppError> {
    let full_end = rules::default_term_end(new.term.start)
        .ok_or_else(|| AppError::bad_field("term_start", "date out of range"))?;
    let refuse = |message: String| {
        Err(AppError::rule_on_field(
            Rule::TermCompletion,
            "completes_appointment_id",
            message,
        ))
    };
    let Some(predecessor_id) = new.completes else {
        if new.term.end < full_end {
            return refuse(format!(
                "a term shorter than three years (full term: until {full_end}) completes a predecessor's term: name it"
            ));
        }
        return Ok(());
    };
    let Some(predecessor) = all.iter().find(|a| a.id == predecessor_id) else {
        return refuse(format!("no appointment {predecessor_id} to complete"));
    };
    if predecessor.group() != new.nationality.regional_group() {
        return refuse(format!(
            "{} held a seat of another regional group; a completing term keeps the seat's group",
            predecessor.name
        ));
    }
    if new.term.end != predecessor.term_end {
        return refuse(format!(
            "completing {}'s term, this term must end on {} (when that term was scheduled to end)",
            predecessor.name, predecessor.term_end
        ));
    }
    if new.term.start <= predecessor.term_start {
        return refuse(format!(
            "a completing term starts after {}'s began ({})",
            predecessor.name, predecessor.term_start
        ));
    }
    Ok(())
}
