//! Who may read a grant's reports: the grantee's applicants, staff and auditors. An
//! applicant asking about another organisation's grant or report is told 404, so an id
//! reveals nothing; a trustee is refused (403): reports are not the Board's to read.

use crate::db::Actor;
use crate::domain::{OrganizationId, Role};
use crate::error::AppError;

/// Whose reports the actor may read: `None` for every grant's, `Some(org)` for one
/// organisation's.
pub fn read_scope(actor: &Actor) -> Result<Option<OrganizationId>, AppError> {
    if actor.is(Role::Applicant) {
        return actor.organization_id.map(Some).ok_or(AppError::Forbidden);
    }
    actor.require(&[Role::Admin, Role::Secretariat, Role::Finance, Role::Auditor])?;
    Ok(None)
}

/// 404 unless the scope covers the organisation.
pub fn check_visible(scope: Option<OrganizationId>, owner: OrganizationId) -> Result<(), AppError> {
    match scope {
        Some(org) if org != owner => Err(AppError::NotFound),
        _ => Ok(()),
    }
}
