//! Appointing a trustee as the secretariat asks for it: the request's rules on its own
//! values (dates, consultations), then the seat rules of [`appoint`].

use std::collections::HashSet;

use chrono::NaiveDate;

use super::actions::{appoint, NewAppointment, Outcome};
use super::problem::Refused;
use super::rules::{self, DatesProblem};
use super::views::AppointmentView;
use crate::db::Tx;
use crate::domain::{AppointmentId, CountryCode, UserId};
use crate::error::{AppError, Rule};

/// An appointment as asked for, before its term and consultations are checked.
#[derive(Debug)]
pub struct AppointTrustee {
    pub name: String,
    pub nationality: CountryCode,
    pub experience: String,
    pub appointed_on: NaiveDate,
    pub term_start: NaiveDate,
    /// Omitted: exactly three years after `term_start`.
    pub term_end: Option<NaiveDate>,
    pub consulted_member_states: Vec<CountryCode>,
    pub consulted_executive_director_on: NaiveDate,
    pub user_id: Option<UserId>,
    pub completes: Option<AppointmentId>,
    /// The person of an earlier appointment, when this one is for them again.
    pub person_id: Option<AppointmentId>,
}

/// The new appointment as it stands on the day it was made, or the seat rule that
/// refused it (nothing written then).
pub enum Appointed {
    Made(Box<AppointmentView>),
    Refused(Refused),
}

/// `today` is the day the appointment is recorded: a consultation it reports has happened.
fn parse(asked: AppointTrustee, today: NaiveDate) -> Result<NewAppointment, AppError> {
    if asked.consulted_member_states.is_empty() {
        return Err(AppError::bad_field(
            "consulted_member_states",
            "name at least one Member State consulted",
        ));
    }
    let mut seen = HashSet::new();
    if let Some(i) = asked
        .consulted_member_states
        .iter()
        .position(|c| !seen.insert(*c))
    {
        return Err(AppError::bad_field(
            format!("consulted_member_states[{i}]"),
            "listed twice",
        ));
    }
    let term_end = match asked.term_end {
        Some(end) => end,
        None => rules::default_term_end(asked.term_start)
            .ok_or_else(|| AppError::bad_field("term_start", "date out of range"))?,
    };
    let term = rules::check_term_dates(asked.term_start, term_end).map_err(|p| match p {
        DatesProblem::EndsBeforeStart => AppError::rule_on_field(
            Rule::TermDates,
            "term_end",
            "the term must end after it starts",
        ),
        DatesProblem::TooLong { latest_end } => AppError::rule_on_field(
            Rule::TermLength,
            "term_end",
            format!("a term lasts at most three years: it must end by {latest_end}"),
        ),
    })?;
    if asked.appointed_on > asked.term_start {
        return Err(AppError::rule_on_field(
            Rule::TermDates,
            "appointed_on",
            "the appointment is made on or before the day the term starts",
        ));
    }
    if asked.consulted_executive_director_on > asked.appointed_on {
        return Err(AppError::rule_on_field(
            Rule::Consultation,
            "consulted_executive_director_on",
            "the UNODC Executive Director is consulted before the appointment is made",
        ));
    }
    if asked.consulted_executive_director_on > today {
        return Err(AppError::rule_on_field(
            Rule::Consultation,
            "consulted_executive_director_on",
            format!(
                "a consultation is recorded once it has taken place: on or before today ({today})"
            ),
        ));
    }
    Ok(NewAppointment {
        name: asked.name,
        nationality: asked.nationality,
        experience: asked.experience,
        appointed_on: asked.appointed_on,
        term,
        consulted_member_states: asked.consulted_member_states,
        consulted_executive_director_on: asked.consulted_executive_director_on,
        user_id: asked.user_id,
        completes: asked.completes,
        person_id: asked.person_id,
    })
}

/// Appoints a trustee (the secretariat): the request's own rules, then the seat and
/// term-limit rules against every committed appointment.
pub fn appoint_trustee(tx: &mut Tx, asked: AppointTrustee) -> Result<Appointed, AppError> {
    let today = tx.now().date();
    let new = parse(asked, today)?;
    Ok(match appoint(tx, new)? {
        Outcome::Created(a, warnings) => {
            let mut view = AppointmentView::on(&a, today);
            view.warnings = warnings;
            Appointed::Made(Box::new(view))
        }
        Outcome::Refused(refused) => Appointed::Refused(refused),
    })
}
