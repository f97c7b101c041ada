//! The hash chain: each event's SHA-256 covers its own canonical content and the previous
//! event's hash, so editing, deleting or reordering any event breaks every hash after it.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::record::AuditEvent;
use crate::db::schema::{audit_events, audit_head};
use crate::db::DbConnection;
use crate::error::AppError;

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields the hash covers, in a fixed order, with the time in a fixed format: the same
/// bytes on every backend and every version.
#[derive(Serialize)]
struct Canonical<'a> {
    seq: i64,
    occurred_at: String,
    actor_id: Option<&'a str>,
    actor_role: Option<&'a str>,
    action: &'a str,
    entity_type: &'a str,
    entity_id: &'a str,
    request_id: &'a str,
    changes: &'a str,
    prev_hash: &'a str,
}

pub fn event_hash(event: &AuditEvent) -> String {
    let canonical = Canonical {
        seq: event.seq,
        occurred_at: event
            .occurred_at_naive
            .format("%Y-%m-%dT%H:%M:%S%.6fZ")
            .to_string(),
        actor_id: event.actor_id.as_deref(),
        actor_role: event.actor_role.as_deref(),
        action: &event.action,
        entity_type: &event.entity_type,
        entity_id: &event.entity_id,
        request_id: &event.request_id,
        changes: &event.changes,
        prev_hash: &event.prev_hash,
    };
    // Serialising a struct of strings and integers cannot fail.
    let bytes = serde_json::to_vec(&canonical).unwrap_or_default();
    hex::encode(Sha256::digest(bytes))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChainReport {
    pub valid: bool,
    pub events_checked: i64,
    /// The hash of the last event: publish it to pin the trail as it stands.
    pub head_hash: String,
    /// The first event that does not match, if any.
    pub first_mismatch: Option<Mismatch>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Mismatch {
    pub seq: i64,
    pub reason: String,
}

/// Walks the whole chain in order, in batches, and names the first event that breaks it.
pub fn verify_chain(conn: &mut DbConnection) -> Result<ChainReport, AppError> {
    const BATCH: i64 = 1000;
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS_HASH.to_string();
    loop {
        let batch: Vec<AuditEvent> = audit_events::table
            .filter(audit_events::seq.ge(expected_seq))
            .order(audit_events::seq.asc())
            .limit(BATCH)
            .load(conn)?;
        let done = (batch.len() as i64) < BATCH;
        for event in batch {
            let reason = if event.seq != expected_seq {
                Some(format!("event {expected_seq} is missing"))
            } else if event.prev_hash != prev_hash {
                Some("its previous-hash does not match the event before it".to_string())
            } else if event_hash(&event) != event.hash {
                Some("its content does not match its hash".to_string())
            } else {
                None
            };
            if let Some(reason) = reason {
                return Ok(broken(
                    expected_seq - 1,
                    prev_hash,
                    expected_seq.min(event.seq),
                    reason,
                ));
            }
            prev_hash = event.hash;
            expected_seq += 1;
        }
        if done {
            break;
        }
    }
    let checked = expected_seq - 1;
    let (head_seq, head_hash): (i64, String) = audit_head::table
        .find(1)
        .select((audit_head::last_seq, audit_head::last_hash))
        .get_result(conn)?;
    if head_seq != checked || head_hash != prev_hash {
        return Ok(broken(
            checked,
            prev_hash,
            checked + 1,
            format!("the chain ends at event {checked} but its head records event {head_seq}"),
        ));
    }
    Ok(ChainReport {
        valid: true,
        events_checked: checked,
        head_hash: prev_hash,
        first_mismatch: None,
    })
}

fn broken(checked: i64, head_hash: String, seq: i64, reason: String) -> ChainReport {
    ChainReport {
        valid: false,
        events_checked: checked,
        head_hash,
        first_mismatch: Some(Mismatch { seq, reason }),
    }
}
