//! Who may see an application. Anyone who may not is told 404, for reads and writes
//! alike, so an id reveals nothing.

use super::history::find_with_history;
use super::model::{self, Application};
use super::state::ApplicationState;
use super::view::ApplicationView;
use crate::db::{Actor, DbConnection};
use crate::domain::{ApplicationId, OrganizationId, Role};
use crate::error::AppError;

/// Staff see every application; an applicant only their organisation's; a trustee only
/// what screening has passed to the Board.
pub fn may_read(
    role: Role,
    caller_org: Option<OrganizationId>,
    app_org: OrganizationId,
    state: ApplicationState,
) -> bool {
    match role {
        Role::Admin | Role::Secretariat | Role::Finance | Role::Auditor => true,
        Role::Applicant => caller_org == Some(app_org),
        Role::Trustee => state.board_visible(),
    }
}

/// The application if the actor may see it, else 404 (the service itself, acting for no
/// user, sees nothing through this door).
pub fn find_visible(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ApplicationId,
) -> Result<Application, AppError> {
    let app = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    seen_by(actor, app)
}

/// The application as the actor may see it, with its history; 404 when not visible.
pub fn visible_to(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ApplicationId,
) -> Result<ApplicationView, AppError> {
    let (app, history) = find_with_history(conn, id)?.ok_or(AppError::NotFound)?;
    Ok(ApplicationView::new(seen_by(actor, app)?, history))
}

fn seen_by(actor: &Actor, app: Application) -> Result<Application, AppError> {
    let role = actor.user_id.and(actor.role());
    if role
        .is_some_and(|role| may_read(role, actor.organization_id, app.organization_id, app.state))
    {
        Ok(app)
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;
    use ApplicationState::*;

    #[test]
    fn each_role_sees_what_it_may() {
        let (mine, theirs) = (OrganizationId::new(), OrganizationId::new());
        for &state in ApplicationState::VARIANTS {
            assert!(may_read(Role::Auditor, None, theirs, state));
            assert!(may_read(Role::Applicant, Some(mine), mine, state));
            assert!(!may_read(Role::Applicant, Some(mine), theirs, state));
            assert!(!may_read(Role::Applicant, None, theirs, state));
        }
        assert!(!may_read(Role::Trustee, None, theirs, Draft));
        assert!(!may_read(Role::Trustee, None, theirs, Screening));
        assert!(!may_read(Role::Trustee, None, theirs, Withdrawn));
        assert!(may_read(Role::Trustee, None, theirs, UnderReview));
        assert!(may_read(Role::Trustee, None, theirs, ReserveList));
    }
}
