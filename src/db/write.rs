//! The write transaction. Every state change in the service runs inside one `Tx`, opened
//! only by `Db::write` (or `write_blocking` for the command line), so the change, its
//! audit event, its ledger postings and its outgoing notifications commit or fail together.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::audit_head;
use crate::error::AppError;

/// Whom a change is made as: a signed-in user in their role, an anonymous caller of a
/// public endpoint (a registration), or the service itself (start-up, the command line,
/// demo data). Recorded on audit events and on an application's history as the role's
/// name, `public` or `system`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActingAs {
    User(crate::domain::Role),
    Public,
    System,
}

impl ActingAs {
    /// The name recorded (the audit chain hashes it: never renamed).
    pub fn as_str(self) -> &'static str {
        match self {
            ActingAs::User(role) => role.as_str(),
            ActingAs::Public => "public",
            ActingAs::System => "system",
        }
    }
}

/// Who is making a change, and from which request: recorded on every audit event.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<crate::domain::UserId>,
    pub acting_as: ActingAs,
    /// The organisation an applicant acts for: what a use case scopes its records to.
    pub organization_id: Option<crate::domain::OrganizationId>,
    pub request_id: String,
    /// The app's clock, which the use case reads for its date rules and the transaction
    /// for its instant.
    pub clock: crate::clock::Clock,
}

impl Actor {
    /// Whether a signed-in user with this role acts (never the service itself).
    pub fn is(&self, role: crate::domain::Role) -> bool {
        self.user_id.is_some() && self.role() == Some(role)
    }

    /// Who a record says made the change: the user, or the service for anyone else.
    pub fn author(&self) -> crate::domain::Author {
        self.user_id.into()
    }

    /// The signed-in user's role; none for an anonymous caller or the service itself.
    pub fn role(&self) -> Option<crate::domain::Role> {
        match self.acting_as {
            ActingAs::User(role) => Some(role),
            ActingAs::Public | ActingAs::System => None,
        }
    }

    /// Whether the actor holds one of these roles.
    pub fn is_any(&self, roles: &[crate::domain::Role]) -> bool {
        roles.iter().any(|role| self.is(*role))
    }

    /// 403 unless the actor holds one of these roles: a use case's own statement of who
    /// may call it, whatever face it is called from.
    pub fn require(&self, roles: &[crate::domain::Role]) -> Result<(), AppError> {
        if self.is_any(roles) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// A change made by the service itself (start-up, the command line, demo data).
    pub fn system(origin: &str) -> Actor {
        Actor {
            user_id: None,
            acting_as: ActingAs::System,
            organization_id: None,
            request_id: origin.to_string(),
            clock: crate::clock::Clock::system(),
        }
    }

    /// The same actor reading `clock` (the app's, handed on by `Db` and the API's caller).
    pub fn on(self, clock: crate::clock::Clock) -> Actor {
        Actor { clock, ..self }
    }
}

/// An open write transaction.
pub struct Tx<'c> {
    conn: &'c mut DbConnection,
    actor: Actor,
    now: NaiveDateTime,
    /// The audit chain's head (last sequence number and hash) as this transaction left
    /// it: read when the write lock is taken, moved on by each event it appends, so each
    /// event costs no read of the head (see `Tx::audit`).
    pub(crate) audit_head: (i64, String),
}

impl<'c> Tx<'c> {
    /// Opens the transaction by taking the write lock: a no-op update of the audit chain's
    /// head row. On PostgreSQL that row lock serialises writers across every instance (the
    /// audit chain needs a strict order anyway, and balance checks then see every committed
    /// change); on SQLite the first statement being a write makes the transaction take the
    /// database's write lock at once (waiting on the busy timeout) instead of failing later
    /// when a read tries to upgrade.
    ///
    /// The same statement returns the head, which no other writer can move until this
    /// transaction ends.
    pub(super) fn begin(conn: &'c mut DbConnection, actor: Actor) -> Result<Tx<'c>, AppError> {
        let audit_head = diesel::update(audit_head::table.filter(audit_head::id.eq(1)))
            .set(audit_head::last_seq.eq(audit_head::last_seq))
            .returning((audit_head::last_seq, audit_head::last_hash))
            .get_result(conn)?;
        Ok(Tx {
            conn,
            now: actor.clock.now(),
            actor,
            audit_head,
        })
    }

    pub fn conn(&mut self) -> &mut DbConnection {
        self.conn
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The transaction's time: every row it writes carries the same instant.
    pub fn now(&self) -> NaiveDateTime {
        self.now
    }
}
