//! The record a document is kept beside, and what access needs to know of it: the
//! organisation it belongs to and, for an application, where it stands.

use diesel::prelude::*;

use super::kind::OwnerType;
use crate::db::schema::{
    applications, grant_amendments, grant_disbursements, grant_refunds, grant_reports, grants,
    organizations,
};
use crate::db::DbConnection;
use crate::domain::{
    ApplicationId, DisbursementId, GrantId, GrantReportId, OrganizationId, RefundId,
};
use crate::error::AppError;

/// A record that carries documents, as a path names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Organization(OrganizationId),
    Application(ApplicationId),
    Grant(GrantId),
    Report(GrantReportId),
    Disbursement(DisbursementId),
    Refund(RefundId),
    /// An amendment, by its grant and its number (1, 2, …).
    Amendment {
        grant: GrantId,
        version: i32,
    },
}

impl Owner {
    pub fn owner_type(&self) -> OwnerType {
        match self {
            Owner::Organization(_) => OwnerType::Organization,
            Owner::Application(_) => OwnerType::Application,
            Owner::Grant(_) => OwnerType::Grant,
            Owner::Report(_) => OwnerType::Report,
            Owner::Disbursement(_) => OwnerType::Disbursement,
            Owner::Refund(_) => OwnerType::Refund,
            Owner::Amendment { .. } => OwnerType::Amendment,
        }
    }
}

/// Where an application stands, as far as its documents care: applicants attach them to
/// a draft; trustees read them while the Board reviews it. Read from the applications'
/// table by the stored names (`applications::ApplicationState`), since that feature sits
/// above this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Draft,
    UnderReview,
    /// Any other state, and every record that is not an application.
    Other,
}

impl Stage {
    fn of_application(state: &str) -> Stage {
        match state {
            "draft" => Stage::Draft,
            "under_review" => Stage::UnderReview,
            _ => Stage::Other,
        }
    }
}

/// An owner found in the database.
#[derive(Debug, Clone)]
pub struct OwnerRecord {
    pub owner_type: OwnerType,
    /// The record's id as stored (an amendment's own id, not its number).
    pub owner_id: String,
    pub organization_id: OrganizationId,
    pub stage: Stage,
}

/// The owner's record, or `None` when there is no such record.
pub fn find(conn: &mut DbConnection, owner: &Owner) -> Result<Option<OwnerRecord>, AppError> {
    let found: Option<(String, OrganizationId, Stage)> = match *owner {
        Owner::Organization(id) => organizations::table
            .find(id)
            .select(organizations::id)
            .get_result::<OrganizationId>(conn)
            .optional()?
            .map(|org| (org.to_string(), org, Stage::Other)),
        Owner::Application(id) => applications::table
            .find(id)
            .select((applications::organization_id, applications::state))
            .get_result::<(OrganizationId, String)>(conn)
            .optional()?
            .map(|(org, state)| (id.to_string(), org, Stage::of_application(&state))),
        Owner::Grant(id) => grantee(conn, id)?.map(|org| (id.to_string(), org, Stage::Other)),
        Owner::Report(id) => grant_reports::table
            .find(id)
            .select(grant_reports::organization_id)
            .get_result::<OrganizationId>(conn)
            .optional()?
            .map(|org| (id.to_string(), org, Stage::Other)),
        Owner::Disbursement(id) => {
            let grant = grant_disbursements::table
                .find(id)
                .select(grant_disbursements::grant_id)
                .get_result::<GrantId>(conn)
                .optional()?;
            of_grant(conn, id.to_string(), grant)?
        }
        Owner::Refund(id) => {
            let grant = grant_refunds::table
                .find(id)
                .select(grant_refunds::grant_id)
                .get_result::<GrantId>(conn)
                .optional()?;
            of_grant(conn, id.to_string(), grant)?
        }
        Owner::Amendment { grant, version } => {
            let amendment = grant_amendments::table
                .filter(grant_amendments::grant_id.eq(grant))
                .filter(grant_amendments::version.eq(version))
                .select(grant_amendments::id)
                .get_result::<String>(conn)
                .optional()?;
            match amendment {
                Some(id) => of_grant(conn, id, Some(grant))?,
                None => None,
            }
        }
    };
    Ok(found.map(|(owner_id, organization_id, stage)| OwnerRecord {
        owner_type: owner.owner_type(),
        owner_id,
        organization_id,
        stage,
    }))
}

/// The owner of a stored document, rebuilt from its row (the record exists: the
/// document's row refers to it).
pub fn stored(
    conn: &mut DbConnection,
    owner_type: OwnerType,
    owner_id: &str,
    organization_id: OrganizationId,
) -> Result<OwnerRecord, AppError> {
    let stage = if owner_type == OwnerType::Application {
        let state: Option<String> = applications::table
            .filter(applications::id.eq(owner_id))
            .select(applications::state)
            .get_result(conn)
            .optional()?;
        state.map_or(Stage::Other, |s| Stage::of_application(&s))
    } else {
        Stage::Other
    };
    Ok(OwnerRecord {
        owner_type,
        owner_id: owner_id.to_string(),
        organization_id,
        stage,
    })
}

fn grantee(conn: &mut DbConnection, grant: GrantId) -> Result<Option<OrganizationId>, AppError> {
    Ok(grants::table
        .find(grant)
        .select(grants::organization_id)
        .get_result(conn)
        .optional()?)
}

fn of_grant(
    conn: &mut DbConnection,
    owner_id: String,
    grant: Option<GrantId>,
) -> Result<Option<(String, OrganizationId, Stage)>, AppError> {
    let Some(grant) = grant else { return Ok(None) };
    Ok(grantee(conn, grant)?.map(|org| (owner_id, org, Stage::Other)))
}
