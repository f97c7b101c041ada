//! Who may read and attach a record's documents: as for the record itself. An
//! organisation's applicants see their own records' documents; staff and auditors every
//! record's; trustees an application's while the Board reviews it; nobody else, and
//! anyone who may not see a record is told 404, so an id reveals nothing.

use super::kind::{DocumentKind, OwnerType};
use super::owner::{OwnerRecord, Stage};
use crate::db::Actor;
use crate::domain::Role;
use crate::error::AppError;

/// Whether the actor may read the record's documents.
pub fn may_read(actor: &Actor, record: &OwnerRecord) -> bool {
    let Some(role) = actor.user_id.and(actor.role()) else {
        return false;
    };
    match role {
        Role::Admin | Role::Secretariat | Role::Finance | Role::Auditor => true,
        Role::Applicant => actor.organization_id == Some(record.organization_id),
        Role::Trustee => {
            record.owner_type == OwnerType::Application && record.stage == Stage::UnderReview
        }
    }
}

/// 404 unless the actor may read the record's documents.
pub fn check_read(actor: &Actor, record: &OwnerRecord) -> Result<(), AppError> {
    if may_read(actor, record) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether the actor may attach a document of `kind` to the record (or a new version of
/// one): 404 when they may not see the record, 403 when their role attaches nothing of
/// the kind there, 409 when the record is past the point where its documents change.
///
/// The organisation's applicants keep their own papers (profile, application while a
/// draft, reports, the countersigned agreement, proof of a refund); the secretariat
/// attaches to every record but payments; finance the payment advices and refunds'
/// proofs. The agreement as signed for the Fund is the secretariat's alone.
pub fn check_attach(
    actor: &Actor,
    record: &OwnerRecord,
    kind: DocumentKind,
) -> Result<(), AppError> {
    check_read(actor, record)?;
    let role = actor.role().ok_or(AppError::Forbidden)?;
    let allowed = match (record.owner_type, role) {
        (_, Role::Applicant) => {
            record.owner_type != OwnerType::Disbursement && kind != DocumentKind::SignedAgreement
        }
        (OwnerType::Disbursement, role) => role == Role::Finance,
        (OwnerType::Refund, role) => matches!(role, Role::Finance | Role::Secretariat),
        (_, role) => role == Role::Secretariat,
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    if role == Role::Applicant
        && record.owner_type == OwnerType::Application
        && record.stage != Stage::Draft
    {
        return Err(AppError::conflict(
            "the application is no longer a draft: its documents are attached before it is \
             submitted (the secretariat can attach one later)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{OrganizationId, UserId};

    fn actor(role: Role, org: Option<OrganizationId>) -> Actor {
        let mut actor = Actor::system("test");
        actor.user_id = Some(UserId::new());
        actor.acting_as = crate::db::ActingAs::User(role);
        actor.organization_id = org;
        actor
    }

    fn record(owner_type: OwnerType, org: OrganizationId, stage: Stage) -> OwnerRecord {
        OwnerRecord {
            owner_type,
            owner_id: "x".into(),
            organization_id: org,
            stage,
        }
    }

    #[test]
    fn applicants_keep_their_own_papers_and_trustees_read_what_the_board_reviews() {
        let (mine, theirs) = (OrganizationId::new(), OrganizationId::new());
        let applicant = actor(Role::Applicant, Some(mine));
        let draft = record(OwnerType::Application, mine, Stage::Draft);
        assert!(check_attach(&applicant, &draft, DocumentKind::Proposal).is_ok());
        let submitted = record(OwnerType::Application, mine, Stage::Other);
        assert!(matches!(
            check_attach(&applicant, &submitted, DocumentKind::Proposal),
            Err(AppError::Conflict(_))
        ));
        let other = record(OwnerType::Application, theirs, Stage::Draft);
        assert!(matches!(
            check_attach(&applicant, &other, DocumentKind::Proposal),
            Err(AppError::NotFound)
        ));
        let grant = record(OwnerType::Grant, mine, Stage::Other);
        assert!(matches!(
            check_attach(&applicant, &grant, DocumentKind::SignedAgreement),
            Err(AppError::Forbidden)
        ));
        assert!(check_attach(&applicant, &grant, DocumentKind::CountersignedAgreement).is_ok());

        let trustee = actor(Role::Trustee, None);
        let reviewed = record(OwnerType::Application, theirs, Stage::UnderReview);
        assert!(may_read(&trustee, &reviewed));
        assert!(!may_read(&trustee, &other));
        assert!(!may_read(&trustee, &grant));
        assert!(matches!(
            check_attach(&trustee, &reviewed, DocumentKind::Other),
            Err(AppError::Forbidden)
        ));

        let finance = actor(Role::Finance, None);
        let payment = record(OwnerType::Disbursement, mine, Stage::Other);
        assert!(check_attach(&finance, &payment, DocumentKind::PaymentAdvice).is_ok());
        assert!(check_attach(&finance, &grant, DocumentKind::Other).is_err());
        let auditor = actor(Role::Auditor, None);
        assert!(may_read(&auditor, &payment));
        assert!(check_attach(&auditor, &payment, DocumentKind::PaymentAdvice).is_err());
    }
}
