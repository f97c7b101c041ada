//! The outbox row and the one way to add one: in the caller's write transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::notifications;
use crate::db::Tx;
use crate::domain::{Email, NotificationId, UserId};
use crate::error::AppError;

/// A rendered mail to send. Rendering happens before enqueueing (see `messages`), so
/// what is stored is exactly what goes out.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub to: Email,
    pub recipient_user_id: Option<UserId>,
    /// What happened, e.g. "organization.verified".
    pub event: &'static str,
    /// "en" or "fr".
    pub language: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// Unique when set: enqueueing a second mail with the same key is a no-op (reminders
    /// that must never be sent twice use it).
    pub dedup_key: Option<String>,
}

/// Where a row is in its delivery.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum NotificationStatus {
    /// Waiting for its next attempt (`next_attempt_at`).
    Pending,
    /// Claimed by a worker, being sent (until its lease runs out).
    Sending,
    Sent,
    /// Every attempt failed; an admin may retry it.
    Failed,
}

impl NotificationStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(text: &str) -> Result<NotificationStatus, AppError> {
        text.parse().map_err(|_| {
            AppError::internal(anyhow::anyhow!(
                "unknown notification status {text:?} in the database"
            ))
        })
    }
}

/// A stored row, as the admin list reads it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: String,
    pub recipient: String,
    pub recipient_user_id: Option<String>,
    pub event: String,
    pub language: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = notifications)]
struct NewRow<'a> {
    id: String,
    recipient: &'a str,
    recipient_user_id: Option<String>,
    event: &'a str,
    language: &'a str,
    subject: &'a str,
    text_body: &'a str,
    html_body: &'a str,
    dedup_key: Option<&'a str>,
    status: &'a str,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    created_at: NaiveDateTime,
}

/// Adds `mail` to the outbox in `tx`, due at once. Returns its id, or `None` when a mail
/// with the same `dedup_key` exists already (then nothing is written). The check and the
/// insert are safe together because write transactions are serialised by the database
/// (see `Tx`); the unique index stays the last word.
pub fn enqueue(tx: &mut Tx, mail: OutgoingMail) -> Result<Option<NotificationId>, AppError> {
    if let Some(key) = &mail.dedup_key {
        let existing: i64 = notifications::table
            .filter(notifications::dedup_key.eq(key))
            .count()
            .get_result(tx.conn())?;
        if existing > 0 {
            return Ok(None);
        }
    }
    let id = NotificationId::new();
    let now = tx.now();
    diesel::insert_into(notifications::table)
        .values(NewRow {
            id: id.to_string(),
            recipient: mail.to.as_str(),
            recipient_user_id: mail.recipient_user_id.map(|u| u.to_string()),
            event: mail.event,
            language: &mail.language,
            subject: &mail.subject,
            text_body: &mail.text_body,
            html_body: &mail.html_body,
            dedup_key: mail.dedup_key.as_deref(),
            status: NotificationStatus::Pending.as_str(),
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
        })
        .execute(tx.conn())?;
    Ok(Some(id))
}

impl Tx<'_> {
    /// Queues `mail` with this change: it is sent only if the transaction commits.
    pub fn notify(&mut self, mail: OutgoingMail) -> Result<(), AppError> {
        enqueue(self, mail).map(|_| ())
    }
}
