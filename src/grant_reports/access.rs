//! Who may read a grant's reports: the grantee's applicants, staff and auditors. An
//! applicant asking about another organisation's grant or report is told 404, so an id
//! reveals nothing; a trustee is refused (403): reports are not the Board's to read.

use crate::api::Caller;
use crate::auth::Role;
use crate::domain::OrganizationId;
use crate::error::AppError;

/// Whose reports the caller may read: `None` for every grant's, `Some(org)` for one
/// organisation's.
pub fn read_scope(caller: &Caller) -> Result<Option<OrganizationId>, AppError> {
    match caller.role() {
        Role::Admin | Role::Secretariat | Role::Finance | Role::Auditor => Ok(None),
        Role::Applicant => caller
            .organization_id()
            .map(Some)
            .ok_or(AppError::Forbidden),
        Role::Trustee => Err(AppError::Forbidden),
    }
}

/// 404 unless the scope covers the organisation.
pub fn check_visible(scope: Option<OrganizationId>, owner: OrganizationId) -> Result<(), AppError> {
    match scope {
        Some(org) if org != owner => Err(AppError::NotFound),
        _ => Ok(()),
    }
}
