//! Reading grants and their money: staff and trustees see every grant; an applicant
//! sees only their organisation's (another's is a 404, so an id reveals nothing). The
//! roles each read is open to are its faces' to declare; which records, this module's.

use super::disbursements::{self, DisbursementView};
use super::model::{self, GrantRow, GrantView};
use super::refunds::{self, RefundView};
use crate::db::{Actor, DbConnection, Page, PageRequest};
use crate::domain::{DisbursementId, GrantId, OrganizationId, Role};
use crate::error::AppError;

/// A page of grants, newest first.
#[derive(Debug, Clone)]
pub struct ListGrants {
    pub page: PageRequest,
}

/// A page of one grant's disbursements, newest first.
#[derive(Debug, Clone)]
pub struct ListDisbursements {
    pub grant: GrantId,
    pub page: PageRequest,
}

/// One disbursement of one grant.
#[derive(Debug, Clone, Copy)]
pub struct DisbursementRef {
    pub grant: GrantId,
    pub disbursement: DisbursementId,
}

/// Whose grants the actor may see: `None` for all, `Some(org)` for one organisation's
/// (an applicant's); an applicant acting for no organisation sees none (403).
fn scope(actor: &Actor) -> Result<Option<OrganizationId>, AppError> {
    if actor.is(Role::Applicant) {
        actor.organization_id.map(Some).ok_or(AppError::Forbidden)
    } else {
        Ok(None)
    }
}

/// Grant `id` as stored, if the actor may see it; else 404.
fn visible(conn: &mut DbConnection, actor: &Actor, id: GrantId) -> Result<GrantRow, AppError> {
    let scope = scope(actor)?;
    model::row(conn, id)?
        .filter(|g| scope.is_none_or(|org| g.organization_id == org))
        .ok_or(AppError::NotFound)
}

/// Grants the actor may see, newest first.
pub fn list_grants(
    conn: &mut DbConnection,
    actor: &Actor,
    query: ListGrants,
) -> Result<Page<GrantView>, AppError> {
    let organization = scope(actor)?;
    model::list(conn, organization, query.page, actor.clock.today())
}

/// One grant: the award, committed, disbursed, remaining.
pub fn show_grant(
    conn: &mut DbConnection,
    actor: &Actor,
    id: GrantId,
) -> Result<GrantView, AppError> {
    let row = visible(conn, actor, id)?;
    model::view(conn, row, actor.clock.today())
}

/// A grant's disbursements, newest first, reversed ones marked.
pub fn list_disbursements(
    conn: &mut DbConnection,
    actor: &Actor,
    query: ListDisbursements,
) -> Result<Page<DisbursementView>, AppError> {
    visible(conn, actor, query.grant)?;
    disbursements::list(conn, query.grant, query.page)
}

/// One disbursement.
pub fn show_disbursement(
    conn: &mut DbConnection,
    actor: &Actor,
    query: DisbursementRef,
) -> Result<DisbursementView, AppError> {
    visible(conn, actor, query.grant)?;
    disbursements::find(conn, query.grant, query.disbursement)?.ok_or(AppError::NotFound)
}

/// A grant's amendments, in version order.
pub fn list_amendments(
    conn: &mut DbConnection,
    actor: &Actor,
    grant: GrantId,
) -> Result<Vec<super::AmendmentView>, AppError> {
    visible(conn, actor, grant)?;
    super::amendments::list(conn, grant)
}

/// A grant's refunds, newest first.
pub fn list_refunds(
    conn: &mut DbConnection,
    actor: &Actor,
    grant: GrantId,
) -> Result<Vec<RefundView>, AppError> {
    visible(conn, actor, grant)?;
    refunds::list(conn, grant)
}
