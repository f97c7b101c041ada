//! The fixed lists: which records carry documents, and the kinds of document each takes.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The kind of record a document is kept beside.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OwnerType {
    Organization,
    Application,
    Grant,
    Report,
    Disbursement,
    Refund,
    Amendment,
}

/// What a document is. Each kind belongs to one kind of record, except `other`, which
/// any record may carry.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DocumentKind {
    /// An organisation's certificate of registration in its country.
    RegistrationCertificate,
    /// An organisation's audited financial statements.
    AuditedFinancialStatements,
    /// An organisation's policy on protection from sexual exploitation and abuse.
    PseaPolicy,
    /// An application's full proposal.
    Proposal,
    /// An application's budget annex.
    BudgetAnnex,
    /// A reference for the applying organisation.
    ReferenceLetter,
    /// The grant agreement as signed for the Fund.
    SignedAgreement,
    /// The grant agreement countersigned by the grantee.
    CountersignedAgreement,
    /// An auditor's certificate on the grantee's use of the grant.
    AuditCertificate,
    /// A report's financial statement.
    FinancialStatement,
    /// Receipts supporting a report's spending.
    Receipts,
    /// The bank's advice of a payment to the grantee.
    PaymentAdvice,
    /// Proof of money returned by the grantee.
    RefundAdvice,
    /// An amendment to the grant agreement, signed.
    SignedAmendment,
    /// Anything else the record needs kept beside it.
    Other,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The kind of record this kind belongs to; `None` for `other`, which any may carry.
    pub fn owner_type(self) -> Option<OwnerType> {
        use DocumentKind::*;
        Some(match self {
            RegistrationCertificate | AuditedFinancialStatements | PseaPolicy => {
                OwnerType::Organization
            }
            Proposal | BudgetAnnex | ReferenceLetter => OwnerType::Application,
            SignedAgreement | CountersignedAgreement | AuditCertificate => OwnerType::Grant,
            FinancialStatement | Receipts => OwnerType::Report,
            PaymentAdvice => OwnerType::Disbursement,
            RefundAdvice => OwnerType::Refund,
            SignedAmendment => OwnerType::Amendment,
            Other => return None,
        })
    }

    /// Whether a record of `owner` may carry this kind.
    pub fn fits(self, owner: OwnerType) -> bool {
        self.owner_type().is_none_or(|own| own == owner)
    }
}

impl OwnerType {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The kinds a record of this type may carry, in the list's order.
    pub fn kinds(self) -> Vec<DocumentKind> {
        use strum::VariantArray;
        DocumentKind::VARIANTS
            .iter()
            .copied()
            .filter(|kind| kind.fits(self))
            .collect()
    }
}

crate::stored_as_variant_name!(OwnerType, DocumentKind);

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn every_record_takes_its_own_kinds_and_other() {
        for &owner in OwnerType::VARIANTS {
            let kinds = owner.kinds();
            assert!(kinds.contains(&DocumentKind::Other), "{owner:?}");
            assert!(kinds.len() >= 2, "{owner:?} has a kind of its own");
        }
        assert!(DocumentKind::Proposal.fits(OwnerType::Application));
        assert!(!DocumentKind::Proposal.fits(OwnerType::Grant));
        assert_eq!(DocumentKind::SignedAgreement.as_str(), "signed_agreement");
    }
}
