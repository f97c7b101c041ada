//! Roles: a domain value, so features below `auth` (users, the Board) name one without
//! depending on authentication. Stored as its name (`"trustee"`).

use serde::{Deserialize, Serialize};
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
)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
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
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Secretariat,
        Role::Trustee,
        Role::Finance,
        Role::Applicant,
        Role::Auditor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Secretariat => "secretariat",
            Role::Trustee => "trustee",
            Role::Finance => "finance",
            Role::Applicant => "applicant",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    /// Staff: the people who run the Fund and may read every organisation's files.
    pub fn is_staff(self) -> bool {
        matches!(
            self,
            Role::Admin | Role::Secretariat | Role::Finance | Role::Auditor
        )
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(text: &str) -> Result<Role, String> {
        Role::parse(text).ok_or_else(|| {
            format!("unknown role {text:?}; one of admin, secretariat, trustee, finance, applicant, auditor")
        })
    }
}
