//! Reminders of votes waiting: an application under review waiting
//! [`VOTE_WAITING_DAYS`] days on a trustee who may vote and has not (to that trustee).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDateTime, TimeDelta};
use diesel::dsl::{max, Eq, Filter, Select};
use diesel::prelude::*;

use crate::applications::notices::about;
use crate::applications::ApplicationState;
use crate::calls::from_json_text;
use crate::db::schema::{application_transitions, applications, conflicts, organizations, votes};
use crate::db::{DbConnection, Tx};
use crate::domain::{ApplicationId, AppointmentId, CountryCode, OrganizationId, UserId};
use crate::error::AppError;
use crate::notifications::sweep::{Reminder, Reminders};

use super::rules::automatic_recusal;

/// A trustee who has not voted this many days after voting opened is reminded.
pub const VOTE_WAITING_DAYS: i64 = 7;

const EVENT: &str = "voting.waiting";

/// The sweep's view of these reminders.
pub const REMINDERS: Reminders = Reminders {
    events: &[EVENT],
    find: |conn, now| {
        Ok(waiting(conn, now)?
            .into_iter()
            .map(|r| Box::new(r) as Box<dyn Reminder>)
            .collect())
    },
};

/// `trustee` may vote on `application`, under review since `since`, and has not.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteWaiting {
    application: ApplicationId,
    appointment: AppointmentId,
    trustee: UserId,
    since: chrono::NaiveDate,
}

impl Reminder for VoteWaiting {
    fn key(&self) -> String {
        format!("vote-waiting:{}:{}", self.application, self.appointment)
    }

    fn event(&self) -> &'static str {
        EVENT
    }

    fn queue(&self, tx: &mut Tx, key: &str) -> Result<usize, AppError> {
        if !still_waiting(tx.conn(), self.application, self.appointment)? {
            return Ok(0);
        }
        let about = about(tx.conn(), self.application)?;
        let to: Vec<_> = crate::users::recipients::user(tx.conn(), self.trustee)?
            .into_iter()
            .collect();
        crate::notifications::deliver(
            tx,
            "vote_waiting",
            EVENT,
            &to,
            &minijinja::context! {
                organization => about.organization,
                title => about.title,
                reference => about.application_id.to_string(),
                since => self.since.to_string(),
            },
            Some(key),
        )
    }
}

type UnderReview = Select<
    Filter<applications::table, Eq<applications::state, ApplicationState>>,
    applications::id,
>;

/// The applications the Board is voting on, as a subquery.
fn under_review() -> UnderReview {
    applications::table
        .filter(applications::state.eq(ApplicationState::UnderReview))
        .select(applications::id)
}

/// For each application under review since `VOTE_WAITING_DAYS` before `now`, each sitting
/// trustee with an account who may vote on it (no declared conflict, no automatic
/// recusal) and has not: six queries whatever the number of applications.
fn waiting(conn: &mut DbConnection, now: NaiveDateTime) -> Result<Vec<VoteWaiting>, AppError> {
    let cutoff = now - TimeDelta::days(VOTE_WAITING_DAYS);
    // Under review since: the last time it entered review (it may have come back to it).
    let since = max(application_transitions::occurred_at);
    let waiting: Vec<(ApplicationId, Option<NaiveDateTime>)> = application_transitions::table
        .filter(application_transitions::to_state.eq(ApplicationState::UnderReview))
        .filter(application_transitions::application_id.eq_any(under_review()))
        .group_by(application_transitions::application_id)
        .having(since.le(cutoff))
        .select((application_transitions::application_id, since))
        .load(conn)?;
    let seats: Vec<_> = crate::board::active_seats(conn, now.date())?
        .into_iter()
        .filter_map(|seat| seat.user_id.map(|user| (seat, user)))
        .collect();
    if waiting.is_empty() || seats.is_empty() {
        return Ok(Vec::new());
    }

    let voted: HashSet<(ApplicationId, AppointmentId)> = votes::table
        .filter(votes::application_id.eq_any(under_review()))
        .filter(votes::withdrawn_at.is_null())
        .select((votes::application_id, votes::appointment_id))
        .load::<(ApplicationId, AppointmentId)>(conn)?
        .into_iter()
        .collect();
    let declared: HashSet<(ApplicationId, AppointmentId)> = conflicts::table
        .filter(conflicts::application_id.eq_any(under_review()))
        .select((conflicts::application_id, conflicts::appointment_id))
        .load::<(ApplicationId, AppointmentId)>(conn)?
        .into_iter()
        .collect();
    let applicants: HashMap<ApplicationId, (OrganizationId, String)> = applications::table
        .filter(applications::state.eq(ApplicationState::UnderReview))
        .select((
            applications::id,
            applications::organization_id,
            applications::countries,
        ))
        .load::<(ApplicationId, OrganizationId, String)>(conn)?
        .into_iter()
        .map(|(id, organization, countries)| (id, (organization, countries)))
        .collect();
    let registered_in: HashMap<OrganizationId, CountryCode> = organizations::table
        .filter(
            organizations::id.eq_any(
                applications::table
                    .filter(applications::state.eq(ApplicationState::UnderReview))
                    .select(applications::organization_id),
            ),
        )
        .select((organizations::id, organizations::country))
        .load(conn)?
        .into_iter()
        .collect();

    let mut due = Vec::new();
    for (application, since) in waiting {
        let Some(since) = since else { continue };
        let Some((organization, countries)) = applicants.get(&application) else {
            continue;
        };
        let Some(&organization_country) = registered_in.get(organization) else {
            continue;
        };
        let countries: Vec<CountryCode> = from_json_text(countries)?;
        for (seat, trustee) in &seats {
            let pair = (application, seat.appointment_id);
            if voted.contains(&pair)
                || declared.contains(&pair)
                || automatic_recusal(seat.nationality, organization_country, &countries).is_some()
            {
                continue;
            }
            due.push(VoteWaiting {
                application,
                appointment: seat.appointment_id,
                trustee: *trustee,
                since: since.date(),
            });
        }
    }
    Ok(due)
}

/// Whether the trustee of `appointment` still has to vote on `application`: it is still
/// under review, and they have neither voted nor declared a conflict since the sweep
/// looked.
fn still_waiting(
    conn: &mut DbConnection,
    application: ApplicationId,
    appointment: AppointmentId,
) -> Result<bool, AppError> {
    let open: i64 = applications::table
        .filter(applications::id.eq(application))
        .filter(applications::state.eq(ApplicationState::UnderReview))
        .count()
        .get_result(conn)?;
    let voted: i64 = votes::table
        .filter(votes::application_id.eq(application))
        .filter(votes::appointment_id.eq(appointment))
        .filter(votes::withdrawn_at.is_null())
        .count()
        .get_result(conn)?;
    let declared: i64 = conflicts::table
        .filter(conflicts::application_id.eq(application))
        .filter(conflicts::appointment_id.eq(appointment))
        .count()
        .get_result(conn)?;
    Ok(open == 1 && voted == 0 && declared == 0)
}
