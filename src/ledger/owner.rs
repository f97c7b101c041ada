//! Which business object owns a ledger entry. Every entry has exactly one owner, stored in
//! two columns (`owner_type`, `owner_id`) and decoded here only; a reversal belongs to the
//! owner of the entry it undoes. Only the owner's feature may reverse an entry (the
//! dispatch lives above the ledger, in `crate::ledger_owners`), so the ledger and the
//! feature's own state never disagree.

use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::{GrantId, ReceiptId};

/// The owner of a ledger entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    /// A contribution receipt: money received (contributions reverses it).
    Receipt(ReceiptId),
    /// A grant: its commitment, later its disbursements and refunds (released only by the
    /// grant's own lifecycle).
    Grant(GrantId),
}

/// The kinds of owner, as stored and shown.
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
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OwnerKind {
    Receipt,
    Grant,
}

impl OwnerKind {
    pub fn code(self) -> &'static str {
        self.into()
    }

    fn parse(code: &str) -> Option<OwnerKind> {
        code.parse().ok()
    }
}

impl Owner {
    pub fn kind(self) -> OwnerKind {
        match self {
            Owner::Receipt(_) => OwnerKind::Receipt,
            Owner::Grant(_) => OwnerKind::Grant,
        }
    }

    pub fn id(self) -> Uuid {
        match self {
            Owner::Receipt(id) => id.as_uuid(),
            Owner::Grant(id) => id.as_uuid(),
        }
    }

    /// Decodes the two stored columns; `None` for anything this binary did not write.
    pub fn from_columns(kind: &str, id: &str) -> Option<Owner> {
        Some(match OwnerKind::parse(kind)? {
            OwnerKind::Receipt => Owner::Receipt(id.parse().ok()?),
            OwnerKind::Grant => Owner::Grant(id.parse().ok()?),
        })
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind().code(), self.id())
    }
}

/// The owner as clients see it: `{"type": "grant", "id": "…"}`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OwnerView {
    #[serde(rename = "type")]
    pub kind: OwnerKind,
    pub id: Uuid,
}

impl From<Owner> for OwnerView {
    fn from(owner: Owner) -> OwnerView {
        OwnerView {
            kind: owner.kind(),
            id: owner.id(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_round_trip_and_strangers_are_refused() {
        let id = Uuid::new_v4();
        for owner in [Owner::Receipt(id.into()), Owner::Grant(id.into())] {
            let back = Owner::from_columns(owner.kind().code(), &owner.id().to_string());
            assert_eq!(back, Some(owner));
        }
        assert_eq!(
            Owner::from_columns("contribution_receipt", &id.to_string()),
            None
        );
        assert_eq!(Owner::from_columns("grant", "not-a-uuid"), None);
    }
}
