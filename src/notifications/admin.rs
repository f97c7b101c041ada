//! The admin's view of the outbox: its mail, newest first, and the retry of a failed one.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use super::outbox::{NotificationRow, NotificationStatus};
use crate::audit::Change;
use crate::db::schema::notifications;
use crate::db::{Actor, Cursor, DbConnection, Page, PageRequest, Tx};
use crate::domain::{NotificationId, UserId};
use crate::error::AppError;

/// One outgoing mail as the admin sees it: who, what, and how its delivery goes (never
/// its body).
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: NotificationId,
    #[schema(format = "email")]
    pub recipient: String,
    #[schema(value_type = Option<uuid::Uuid>)]
    pub recipient_user_id: Option<UserId>,
    /// What happened, e.g. `organization.verified`.
    pub event: String,
    pub language: String,
    pub subject: String,
    pub status: NotificationStatus,
    /// Attempts made so far.
    pub attempts: i32,
    /// When a pending mail is next tried.
    pub next_attempt_at: DateTime<Utc>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl NotificationView {
    fn from_row(row: NotificationRow) -> Result<NotificationView, AppError> {
        Ok(NotificationView {
            id: row.id.parse().map_err(AppError::internal)?,
            recipient: row.recipient,
            recipient_user_id: row
                .recipient_user_id
                .map(|u| u.parse())
                .transpose()
                .map_err(AppError::internal)?,
            event: row.event,
            language: row.language,
            subject: row.subject,
            status: NotificationStatus::parse(&row.status)?,
            attempts: row.attempts,
            next_attempt_at: crate::db::to_utc(row.next_attempt_at),
            last_error: row.last_error,
            created_at: crate::db::to_utc(row.created_at),
            sent_at: row.sent_at.map(crate::db::to_utc),
        })
    }
}

/// Which mail to list.
#[derive(Debug)]
pub struct MailFilter {
    /// Only mail in this state.
    pub status: Option<NotificationStatus>,
    pub page: PageRequest,
}

/// Outgoing mail, newest first, optionally by status (the admin, as the faces declare).
pub fn list_mail(
    conn: &mut DbConnection,
    _actor: &Actor,
    filter: MailFilter,
) -> Result<Page<NotificationView>, AppError> {
    let request = filter.page;
    let mut query = notifications::table.into_boxed();
    if let Some(status) = filter.status {
        query = query.filter(notifications::status.eq(status.as_str()));
    }
    let rows = crate::newest_first!(query, request, notifications::created_at, notifications::id)
        .select(NotificationRow::as_select())
        .load(conn)?;
    Page::from_rows(
        rows,
        request.limit,
        |row| Cursor::new(row.created_at, &row.id),
        |row| row,
    )
    .try_map(NotificationView::from_row)
}

/// Sends a failed mail again: it becomes pending, due at once, with a fresh round of
/// attempts. Only a failed mail can be retried (else 409).
///
/// Unlike the worker's own bookkeeping (claims, attempts, sent/failed: operational, not
/// audited, see `worker`), a retry is a person's decision: it is audited
/// (`notification.retried`, with the status, attempts and last error before it).
pub fn retry_mail(tx: &mut Tx, id: NotificationId) -> Result<NotificationView, AppError> {
    let id = id.to_string();
    let row = notifications::table
        .find(&id)
        .select(NotificationRow::as_select())
        .get_result(tx.conn())
        .optional()?
        .ok_or(AppError::NotFound)?;
    let status = NotificationStatus::parse(&row.status)?;
    if status != NotificationStatus::Failed {
        return Err(AppError::conflict(format!(
            "only a failed notification can be retried; this one is {}",
            status.as_str()
        )));
    }
    let now = tx.now();
    diesel::update(notifications::table.find(&id))
        .set((
            notifications::status.eq(NotificationStatus::Pending.as_str()),
            notifications::attempts.eq(0),
            notifications::next_attempt_at.eq(now),
            notifications::claimed_until.eq(None::<chrono::NaiveDateTime>),
            notifications::claimed_by.eq(None::<String>),
        ))
        .execute(tx.conn())?;
    tx.audit(Change::new(
        "notification.retried",
        "notification",
        &id,
        json!({
            "before": {"status": row.status, "attempts": row.attempts, "last_error": row.last_error},
            "after": {"status": "pending", "attempts": 0},
        }),
    ))?;
    let after = notifications::table
        .find(&id)
        .select(NotificationRow::as_select())
        .get_result(tx.conn())?;
    NotificationView::from_row(after)
}
