//! Who made a change that a record keeps: a user, or the service itself. The service has
//! its own variant, so no code reads an empty string as "nobody". Where a column is
//! required (`decisions.decided_by`) the service is stored as the empty text, as it always
//! was (`crate::db::sql_types`); where it may be null, a row holds an `Option<UserId>`.

use super::UserId;

/// The author of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum Author {
    User(UserId),
    /// Start-up, the command line, the demo data, a scheduled sweep.
    System,
}

impl Author {
    /// The user, if a user made the change.
    pub fn user(self) -> Option<UserId> {
        match self {
            Author::User(id) => Some(id),
            Author::System => None,
        }
    }
}

impl From<Option<UserId>> for Author {
    fn from(user: Option<UserId>) -> Author {
        user.map_or(Author::System, Author::User)
    }
}
