//! Reading applications: the list, one application, its history; each narrowed to what
//! the actor may see (an applicant their organisation's, a trustee what screening has
//! passed to the Board, staff all).

use super::access::{find_visible, visible_to};
use super::history::{history, TransitionView};
use super::model::{self, Filter};
use super::state::ApplicationState;
use super::view::{ApplicationSummary, ApplicationView};
use crate::db::{Actor, DbConnection, Page, PageRequest};
use crate::domain::{ApplicationId, Role};
use crate::error::AppError;

/// Which applications to list, as asked; the actor's own limits are added to it.
#[derive(Debug)]
pub struct ApplicationsQuery {
    pub filter: Filter,
    pub page: PageRequest,
}

/// Applications newest first, within what the actor may see: an applicant asking for
/// another organisation's gets an empty page, a trustee asking for a state the Board does
/// not see gets none of it.
pub fn list_applications(
    conn: &mut DbConnection,
    actor: &Actor,
    query: ApplicationsQuery,
) -> Result<Page<ApplicationSummary>, AppError> {
    let mut filter = query.filter;
    if actor.is(Role::Applicant) {
        let own = actor.organization_id.ok_or(AppError::Forbidden)?;
        if filter.organization_id.is_some_and(|o| o != own) {
            return Ok(Page {
                items: vec![],
                next_cursor: None,
            });
        }
        filter.organization_id = Some(own);
    } else if actor.is(Role::Trustee) {
        let allowed = ApplicationState::BOARD_VISIBLE.to_vec();
        filter.states = Some(match filter.states {
            Some(asked) => asked.into_iter().filter(|s| allowed.contains(s)).collect(),
            None => allowed,
        });
    } else if !actor.is_any(&[Role::Admin, Role::Secretariat, Role::Finance, Role::Auditor]) {
        return Err(AppError::Forbidden);
    }
    Ok(model::list(conn, filter, query.page)?.map(ApplicationSummary::from))
}

/// One application with its history; 404 when the actor may not see it.
pub fn show_application(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ApplicationId,
) -> Result<ApplicationView, AppError> {
    visible_to(conn, actor, id)
}

/// Every move of an application, oldest first; 404 when the actor may not see it.
pub fn application_history(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ApplicationId,
) -> Result<Vec<TransitionView>, AppError> {
    find_visible(conn, actor, id)?;
    history(conn, id)
}
