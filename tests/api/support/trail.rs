//! The audit trail's events as a test reads what they record: an event's `changes` is
//! free-form JSON (each feature writes its own), so a test reads it through a small twin
//! of what that feature writes.

use serde::de::DeserializeOwned;
use trustfund::audit::AuditEventView;

/// `event`'s `changes`, read as `T`.
#[track_caller]
pub fn changes<T: DeserializeOwned>(event: &AuditEventView) -> T {
    serde_json::from_value(event.changes.clone()).unwrap_or_else(|e| {
        panic!(
            "{}'s changes do not read as {}: {e}; {}",
            event.action,
            std::any::type_name::<T>(),
            event.changes
        )
    })
}
