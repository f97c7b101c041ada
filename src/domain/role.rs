//! Roles: a domain value, so features below `auth` (users, the Board) name one without
//! depending on authentication. Stored as its name (`"trustee"`).

use serde::{Deserialize, Serialize};
use strum::VariantArray;
use utoipa::ToSchema;

/// What a user may do (DOMAIN.md, "People and roles").
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
    strum::Display,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    /// Operates the system: accounts; reads everything; nothing financial.
    Admin,
    /// The Fund Manager and UNODC staff running the Fund.
    Secretariat,
    /// A member of the Board of Trustees.
    Trustee,
    /// UNODC finance: disbursements, refunds, reversals, exports.
    Finance,
    /// A user of one organisation.
    Applicant,
    /// Board of Auditors and internal oversight: reads everything, changes nothing.
    Auditor,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(text: &str) -> Option<Role> {
        text.parse().ok()
    }

    /// Staff: the people who run the Fund and may read every organisation's files.
    pub fn is_staff(self) -> bool {
        matches!(
            self,
            Role::Admin | Role::Secretariat | Role::Finance | Role::Auditor
        )
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(text: &str) -> Result<Role, String> {
        Role::VARIANTS
            .iter()
            .copied()
            .find(|role| role.as_str() == text)
            .ok_or_else(|| {
                let names: Vec<&str> = Role::VARIANTS.iter().map(|r| r.as_str()).collect();
                format!("unknown role {text:?}; one of {}", names.join(", "))
            })
    }
}
