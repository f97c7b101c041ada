//! Whether an organisation may receive money now: the one check every step that moves
//! money toward it runs (the Board's decision, an award from the reserve list, and later
//! the agreement and each disbursement), inside that step's write transaction.
//!
//! Verification is checked at submission, but the secretariat may refuse an organisation
//! afterwards (fraud found, sanctions): from then on nothing may move toward it until it
//! is verified again.

use crate::domain::OrganizationId;

use crate::db::DbConnection;
use crate::error::{AppError, Rule};
use crate::organizations::OrgState;

/// `Ok` when the organisation is verified (and not refused since); otherwise the named
/// rule: `organization-refused` after a refusal (its reason in the detail), or
/// `organization-not-verified` while verification is pending.
pub fn ensure_may_receive_money(
    conn: &mut DbConnection,
    organization_id: OrganizationId,
) -> Result<(), AppError> {
    let org = crate::organizations::find(conn, organization_id)?.ok_or_else(|| {
        AppError::internal(anyhow::anyhow!(
            "organisation {organization_id} is referenced but not stored"
        ))
    })?;
    match org.state {
        OrgState::Verified => Ok(()),
        OrgState::Refused => Err(AppError::rule(
            Rule::OrganizationRefused,
            format!(
                "{} was refused by the secretariat ({}); no money may move toward it unless it is verified again",
                org.legal_name,
                org.state_reason.as_deref().unwrap_or("no reason recorded"),
            ),
        )),
        OrgState::Pending => Err(AppError::rule(
            Rule::OrganizationNotVerified,
            format!(
                "{} is not verified; no money may move toward it until it is",
                org.legal_name
            ),
        )),
    }
}
