//! A trustee's queue: the applications still waiting for their vote. Under review, the
//! trustee seated today, not recused (declared or by nationality) and not yet voted.
//!
//! The list is the applications' own list (same filters, same order, same cursors),
//! walked in batches and narrowed by the voting facts this feature owns, so a page holds
//! `limit` waiting applications and its cursor means what every cursor means.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use super::rules::automatic_recusal;
use crate::applications::{
    self, Application, ApplicationState, ApplicationSummary, ApplicationsQuery,
};
use crate::board::Seat;
use crate::db::schema::{conflicts, votes};
use crate::db::{Actor, Cursor, DbConnection, Page, PageRequest};
use crate::domain::{ApplicationId, CountryCode, OrganizationId, Role};
use crate::error::AppError;

/// Applications scanned per statement while filling a page.
const BATCH: i64 = 200;

/// What awaits the actor's vote, newest first, within `query`'s filters. Anyone who has
/// no vote to cast (another role, a trustee not seated today) gets an empty page: the
/// filter asks "what waits for me", and the true answer is "nothing", as a trustee asking
/// for a state the Board does not see gets nothing.
pub fn awaiting_my_vote(
    conn: &mut DbConnection,
    actor: &Actor,
    query: ApplicationsQuery,
) -> Result<Page<ApplicationSummary>, AppError> {
    let nothing = || Page {
        items: vec![],
        next_cursor: None,
    };
    let Some(user) = actor.user_id.filter(|_| actor.is(Role::Trustee)) else {
        return Ok(nothing());
    };
    let Some(seat) = crate::board::active_seat_of_user(conn, user, actor.clock.today())? else {
        return Ok(nothing());
    };
    let mut filter = query.filter;
    if filter
        .states
        .as_ref()
        .is_some_and(|asked| !asked.contains(&ApplicationState::UnderReview))
    {
        return Ok(nothing());
    }
    filter.states = Some(vec![ApplicationState::UnderReview]);
    let limit = usize::try_from(query.page.limit).unwrap_or(0);
    let mut countries: HashMap<OrganizationId, CountryCode> = HashMap::new();
    let mut waiting: Vec<Application> = Vec::new();
    let mut after = query.page.after;
    // One more than the page holds tells whether another page exists.
    while waiting.len() <= limit {
        let batch = applications::list(
            conn,
            filter.clone(),
            PageRequest {
                limit: BATCH,
                after,
            },
        )?;
        let ids: Vec<ApplicationId> = batch.items.iter().map(|a| a.id).collect();
        let settled = settled_by(conn, &seat, &ids)?;
        for app in batch.items {
            if waiting.len() > limit {
                break;
            }
            if settled.contains(&app.id) {
                continue;
            }
            let country = match countries.get(&app.organization_id) {
                Some(c) => *c,
                None => {
                    let org = crate::organizations::find(conn, app.organization_id)?.ok_or_else(
                        || {
                            AppError::internal(anyhow::anyhow!(
                                "application {} without its organisation",
                                app.id
                            ))
                        },
                    )?;
                    countries.insert(org.id, org.country);
                    org.country
                }
            };
            if automatic_recusal(seat.nationality, country, &app.content.countries).is_none() {
                waiting.push(app);
            }
        }
        match batch.next_cursor {
            Some(next) => after = Some(Cursor::parse(&next).map_err(AppError::internal)?),
            None => break,
        }
    }
    let page = Page::from_rows(
        waiting,
        query.page.limit,
        |a| Cursor::new(a.created_at, a.id),
        ApplicationSummary::from,
    );
    Ok(page)
}

/// Of `ids`, those the seat has settled: voted on (a vote still counting) or declared a
/// conflict on.
fn settled_by(
    conn: &mut DbConnection,
    seat: &Seat,
    ids: &[ApplicationId],
) -> Result<HashSet<ApplicationId>, AppError> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let voted: Vec<ApplicationId> = votes::table
        .filter(votes::appointment_id.eq(seat.appointment_id))
        .filter(votes::withdrawn_at.is_null())
        .filter(votes::application_id.eq_any(ids))
        .select(votes::application_id)
        .load(conn)?;
    let declared: Vec<ApplicationId> = conflicts::table
        .filter(conflicts::appointment_id.eq(seat.appointment_id))
        .filter(conflicts::application_id.eq_any(ids))
        .select(conflicts::application_id)
        .load(conn)?;
    Ok(voted.into_iter().chain(declared).collect())
}
