//! Applications under review that have waited on a trustee's vote for a week.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDateTime, TimeDelta};
use diesel::dsl::{max, Eq, Filter, Select};
use diesel::prelude::*;

use crate::applications::ApplicationState;
use crate::calls::from_json_text;
use crate::db::schema::{application_transitions, applications, conflicts, organizations, votes};
use crate::db::DbConnection;
use crate::domain::{ApplicationId, AppointmentId, CountryCode, OrganizationId};
use crate::error::AppError;
use crate::voting::rules::automatic_recusal;

use super::{reminder::Reminder, VOTE_WAITING_DAYS};

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
pub fn waiting(conn: &mut DbConnection, now: NaiveDateTime) -> Result<Vec<Reminder>, AppError> {
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
            due.push(Reminder::VoteWaiting {
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
pub fn still_waiting(
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
