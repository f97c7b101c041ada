//! The outbox as the admin reads it. The crate's `NotificationView` is only written, so
//! the tests read it through this twin, which refuses any field it does not name (and so
//! any mail body the view must never carry).

use chrono::{DateTime, Utc};
use serde::Deserialize;
use trustfund::domain::{NotificationId, UserId};
use trustfund::notifications::NotificationStatus;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailRead {
    pub id: NotificationId,
    pub recipient: String,
    pub recipient_user_id: Option<UserId>,
    pub event: String,
    pub language: String,
    pub subject: String,
    pub status: NotificationStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}
