//! Writing an event: the one path every feature uses, through `Tx::audit`.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::{json, Value};

use super::chain::event_hash;
use crate::db::schema::{audit_events, audit_head};
use crate::db::Tx;
use crate::error::AppError;

/// What changed: an action on one entity, with the data that tells the story (for updates,
/// `before` and `after`). Never secrets: no password hashes, no tokens.
#[derive(Debug, Clone)]
pub struct Change {
    pub action: String,
    pub entity_type: &'static str,
    pub entity_id: String,
    pub changes: Value,
}

impl Change {
    pub fn new(
        action: impl Into<String>,
        entity_type: &'static str,
        entity_id: impl ToString,
        changes: Value,
    ) -> Change {
        Change {
            action: action.into(),
            entity_type,
            entity_id: entity_id.to_string(),
            changes,
        }
    }

    pub fn created(entity_type: &'static str, entity_id: impl ToString, after: Value) -> Change {
        Change::new(
            format!("{entity_type}.created"),
            entity_type,
            entity_id,
            json!({ "after": after }),
        )
    }

    pub fn updated(
        entity_type: &'static str,
        entity_id: impl ToString,
        before: Value,
        after: Value,
    ) -> Change {
        Change::new(
            format!("{entity_type}.updated"),
            entity_type,
            entity_id,
            json!({ "before": before, "after": after }),
        )
    }
}

/// An event as stored and as auditors read it.
#[derive(Debug, Clone, Queryable)]
pub struct AuditEvent {
    pub seq: i64,
    pub occurred_at_naive: NaiveDateTime,
    pub actor_id: Option<String>,
    pub actor_role: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub request_id: String,
    /// The change as canonical JSON text (what the hash covers).
    pub changes: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEvent {
    pub fn occurred_at(&self) -> DateTime<Utc> {
        crate::db::to_utc(self.occurred_at_naive)
    }
}

impl Tx<'_> {
    /// Appends an event to the chain. The head row was locked when the transaction began,
    /// so no other writer can take the same sequence number or fork the chain, and the
    /// head this transaction knows (`Tx::audit_head`) is the stored one.
    pub fn audit(&mut self, change: Change) -> Result<(), AppError> {
        let (last_seq, last_hash) = self.audit_head.clone();
        let actor = self.actor().clone();
        let event = AuditEvent {
            seq: last_seq + 1,
            occurred_at_naive: self.now(),
            actor_id: actor.user_id.map(|id| id.to_string()),
            actor_role: Some(actor.acting_as.as_str().to_string()),
            action: change.action,
            entity_type: change.entity_type.to_string(),
            entity_id: change.entity_id,
            request_id: actor.request_id,
            changes: serde_json::to_string(&change.changes).map_err(AppError::internal)?,
            prev_hash: last_hash,
            hash: String::new(),
        };
        let hash = event_hash(&event);
        diesel::insert_into(audit_events::table)
            .values((
                audit_events::seq.eq(event.seq),
                audit_events::occurred_at.eq(event.occurred_at_naive),
                audit_events::actor_id.eq(&event.actor_id),
                audit_events::actor_role.eq(&event.actor_role),
                audit_events::action.eq(&event.action),
                audit_events::entity_type.eq(&event.entity_type),
                audit_events::entity_id.eq(&event.entity_id),
                audit_events::request_id.eq(&event.request_id),
                audit_events::changes.eq(&event.changes),
                audit_events::prev_hash.eq(&event.prev_hash),
                audit_events::hash.eq(&hash),
            ))
            .execute(self.conn())?;
        diesel::update(audit_head::table.find(1))
            .set((
                audit_head::last_seq.eq(event.seq),
                audit_head::last_hash.eq(&hash),
            ))
            .execute(self.conn())?;
        self.audit_head = (event.seq, hash);
        Ok(())
    }
}
