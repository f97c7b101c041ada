//! The organisation's type and verification state, as stored and on the wire.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The three kinds of organisation a call may admit (DOMAIN.md, "Calls, organisations").
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
pub enum OrgType {
    Ngo,
    Governmental,
    Intergovernmental,
}

impl OrgType {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Where the secretariat's verification stands. Only `verified` organisations submit.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
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
pub enum OrgState {
    Pending,
    Verified,
    Refused,
}

impl OrgState {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

crate::stored_as_variant_name!(OrgType, OrgState);

/// The bank account must be held in the organisation's own name: compared without regard
/// to case or to how spaces are laid out, since bank records and registries differ there.
pub fn same_holder(legal_name: &str, holder: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(legal_name) == norm(holder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_matches_ignoring_case_and_spacing() {
        assert!(same_holder("Hope  Shelter Kenya", "HOPE SHELTER\tkenya"));
        assert!(same_holder("Ação Contra", " ação contra "));
        assert!(!same_holder("Hope Shelter Kenya", "Hope Shelter"));
        assert!(!same_holder("Hope Shelter", "HopeShelter"));
    }
}
