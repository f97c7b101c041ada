//! Reading the trail: its events, newest first, and the walk that checks the chain.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::chain::{verify_chain, ChainReport};
use super::record::AuditEvent;
use crate::db::schema::audit_events;
use crate::db::{Actor, Cursor, DbConnection, Page, PageRequest};
use crate::domain::ShortText;
use crate::error::AppError;

/// Which events to list.
#[derive(Debug)]
pub struct EventFilter {
    /// Only events about this kind of entity.
    pub entity_type: Option<ShortText>,
    /// Only events about this entity.
    pub entity_id: Option<ShortText>,
    /// Only events of this kind (`organization.verified`, …).
    pub action: Option<ShortText>,
    /// Only events by this account.
    pub actor_id: Option<ShortText>,
    /// Only events on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Only events on or before this day (UTC).
    pub to: Option<NaiveDate>,
    pub page: PageRequest,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditEventView {
    pub seq: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<String>,
    pub actor_role: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub request_id: String,
    /// What changed (before and after for updates).
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

/// The trail, newest first (auditors and admins, as the faces declare) (by sequence number). Its cursor is the one every list
/// issues: the last event's time and its sequence number.
pub fn list_events(
    conn: &mut DbConnection,
    _actor: &Actor,
    filter: EventFilter,
) -> Result<Page<AuditEventView>, AppError> {
    let request = filter.page;
    let before_seq: Option<i64> = request.after.as_ref().map(Cursor::id_as).transpose()?;
    let mut q = audit_events::table.into_boxed();
    if let Some(kind) = filter.entity_type {
        q = q.filter(audit_events::entity_type.eq(kind.into_string()));
    }
    if let Some(id) = filter.entity_id {
        q = q.filter(audit_events::entity_id.eq(id.into_string()));
    }
    if let Some(action) = filter.action {
        q = q.filter(audit_events::action.eq(action.into_string()));
    }
    if let Some(actor) = filter.actor_id {
        q = q.filter(audit_events::actor_id.eq(actor.into_string()));
    }
    if let Some(from) = filter.from {
        q = q.filter(audit_events::occurred_at.ge(from.and_time(NaiveTime::MIN)));
    }
    // The whole last day: before the start of the next.
    if let Some(next_day) = filter.to.and_then(|to| to.succ_opt()) {
        q = q.filter(audit_events::occurred_at.lt(next_day.and_time(NaiveTime::MIN)));
    }
    if let Some(before) = before_seq {
        q = q.filter(audit_events::seq.lt(before));
    }
    let rows = q
        .order(audit_events::seq.desc())
        .limit(request.fetch())
        .load::<AuditEvent>(conn)?;
    Ok(Page::from_rows(
        rows,
        request.limit,
        |e| Cursor::new(e.occurred_at_naive, e.seq),
        view,
    ))
}

fn view(event: AuditEvent) -> AuditEventView {
    AuditEventView {
        seq: event.seq,
        occurred_at: event.occurred_at(),
        changes: serde_json::from_str(&event.changes).unwrap_or(serde_json::Value::Null),
        actor_id: event.actor_id,
        actor_role: event.actor_role,
        action: event.action,
        entity_type: event.entity_type,
        entity_id: event.entity_id,
        request_id: event.request_id,
        prev_hash: event.prev_hash,
        hash: event.hash,
    }
}

/// The kinds of event the trail holds, and the kinds of record they touched, in
/// alphabetical order (what a reader of the trail can filter by).
pub fn trail_vocabulary(
    conn: &mut DbConnection,
    _actor: &Actor,
) -> Result<(Vec<String>, Vec<String>), AppError> {
    let actions = audit_events::table
        .select(audit_events::action)
        .distinct()
        .order(audit_events::action.asc())
        .load(conn)?;
    let entity_types = audit_events::table
        .select(audit_events::entity_type)
        .distinct()
        .order(audit_events::entity_type.asc())
        .load(conn)?;
    Ok((actions, entity_types))
}

/// Walks the whole chain and names the first event that does not match.
pub fn verify_trail(conn: &mut DbConnection, _actor: &Actor) -> Result<ChainReport, AppError> {
    verify_chain(conn)
}
