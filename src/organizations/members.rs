//! Reading organisations (staff, and an applicant their own), the secretariat's
//! verification, and more applicant accounts.

use super::kind::OrgState;
use super::model::{self, OrganizationView};
use super::registration::NewApplicant;
use crate::db::{Actor, DbConnection, Page, PageRequest, Tx};
use crate::domain::{OrganizationId, Role};
use crate::error::AppError;
use crate::users::{NewUser, UserView};

const STAFF: &[Role] = &[Role::Admin, Role::Secretariat, Role::Finance, Role::Auditor];

/// Who may see an organisation: staff, and its own applicants. Anyone else is told 404.
fn may_see(actor: &Actor, id: OrganizationId) -> bool {
    actor.is_any(STAFF) || (actor.is(Role::Applicant) && actor.organization_id == Some(id))
}

/// Which organisations to list.
#[derive(Debug)]
pub struct OrganizationFilter {
    pub state: Option<OrgState>,
    pub page: PageRequest,
}

/// Organisations, newest first: every one for staff, their own for an applicant.
pub fn list_organizations(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: OrganizationFilter,
) -> Result<Page<OrganizationView>, AppError> {
    let only = if actor.is_any(STAFF) {
        None
    } else if actor.is(Role::Applicant) {
        Some(actor.organization_id.ok_or(AppError::Forbidden)?)
    } else {
        return Err(AppError::Forbidden);
    };
    model::list(conn, filter.state, only, &filter.page)
}

/// One organisation (staff, or an applicant of it; 404 for anyone else).
pub fn show_organization(
    conn: &mut DbConnection,
    actor: &Actor,
    id: OrganizationId,
) -> Result<OrganizationView, AppError> {
    if !may_see(actor, id) {
        return Err(AppError::NotFound);
    }
    let org = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    Ok(OrganizationView::from(&org))
}

/// The secretariat's decision on an organisation.
#[derive(Debug)]
pub struct Verification {
    pub verified: bool,
    /// Required when refusing.
    pub reason: Option<String>,
}

/// Verifies or refuses an organisation (the secretariat). A refusal needs a reason;
/// deciding what is already so is a 409; a refused organisation may be verified later
/// and vice versa.
pub fn verify_organization(
    tx: &mut Tx,
    id: OrganizationId,
    decision: Verification,
) -> Result<OrganizationView, AppError> {
    if !may_see(tx.actor(), id) {
        return Err(AppError::NotFound);
    }
    if !decision.verified && decision.reason.is_none() {
        return Err(AppError::bad_field("reason", "a refusal needs a reason"));
    }
    let to = if decision.verified {
        OrgState::Verified
    } else {
        OrgState::Refused
    };
    let org = model::decide(tx, id, to, decision.reason)?;
    Ok(OrganizationView::from(&org))
}

/// Adds another applicant account to the acting applicant's own organisation (verified
/// or not); another's is a 404.
pub fn add_applicant(
    tx: &mut Tx,
    id: OrganizationId,
    new: NewApplicant,
) -> Result<UserView, AppError> {
    if !may_see(tx.actor(), id) {
        return Err(AppError::NotFound);
    }
    model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    let user = crate::users::create_user(
        tx,
        NewUser {
            email: new.email,
            name: new.name,
            role: Role::Applicant,
            organization_id: Some(id),
            password_hash: new.password_hash,
        },
    )?;
    Ok(UserView::from(&user))
}
