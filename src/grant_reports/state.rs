//! The kinds of report and where a report stands.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A progress report on one tranche, or the final report that closes the grant.
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
pub enum ReportKind {
    Progress,
    Final,
}

impl ReportKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// `submitted` until the secretariat reviews it, then `accepted` or `returned` (for good:
/// filing again makes a new version).
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
pub enum ReportState {
    Submitted,
    Accepted,
    Returned,
}

impl ReportState {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

crate::stored_as_variant_name!(ReportKind, ReportState);

#[cfg(test)]
mod tests {
    use super::*;

    /// Grants read accepted reports from the table by this stored value, not through this
    /// type (they sit below reports): renaming it must fail here first.
    #[test]
    fn an_accepted_report_is_stored_as_accepted() {
        assert_eq!(ReportState::Accepted.as_str(), "accepted");
    }
}
