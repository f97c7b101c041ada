//! The admin's view of the outbox: `GET /api/v1/notifications` and the retry of a failed
//! mail.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use super::outbox::{NotificationRow, NotificationStatus};
use crate::api::Caller;
use crate::audit::Change;
use crate::auth::Role;
use crate::db::schema::notifications;
use crate::db::{Cursor, Db, DbConnection, Page, PageRequest};
use crate::domain::NotificationId;
use crate::error::{AppError, Problem};
use crate::http::{PageParams, Query};

crate::page_names!(NotificationView => NotificationPage);

/// One outgoing mail as the admin sees it: who, what, and how its delivery goes (never
/// its body).
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: NotificationId,
    #[schema(format = "email")]
    pub recipient: String,
    pub recipient_user_id: Option<uuid::Uuid>,
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

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only mail in this state.
    pub status: Option<NotificationStatus>,
    /// How many items to return (1 to 200, default 50).
    pub limit: Option<i64>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
}

fn list_rows(
    conn: &mut DbConnection,
    status: Option<NotificationStatus>,
    request: PageRequest,
) -> Result<Page<NotificationView>, AppError> {
    let mut query = notifications::table.into_boxed();
    if let Some(status) = status {
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

/// List outgoing mail, newest first, optionally by status (admin).
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", security(("bearer" = [])),
    params(ListParams),
    responses((status = 200, body = NotificationPage)))]
pub async fn list(
    caller: Caller,
    db: web::Data<Db>,
    params: Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    caller.require(&[Role::Admin])?;
    let params = params.into_inner();
    let request = PageParams {
        limit: params.limit,
        cursor: params.cursor,
    }
    .request()?;
    let status = params.status;
    let page = db
        .read(move |conn| list_rows(conn, status, request))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Send a failed mail again (admin): it becomes pending, due at once, with a fresh round
/// of attempts. Only a failed mail can be retried (else 409).
#[utoipa::path(post, path = "/api/v1/notifications/{id}/retry", tag = "notifications", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses(
        (status = 200, body = NotificationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn retry(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<NotificationId>,
) -> Result<HttpResponse, AppError> {
    caller.require(&[Role::Admin])?;
    let id = id.into_inner().to_string();
    // Unlike the worker's own bookkeeping (claims, attempts, sent/failed: operational,
    // not audited, see `worker`), a retry is a person's decision: it goes through
    // `Db::write` and is audited (`notification.retried`, with the status, attempts and
    // last error before it).
    let view = db
        .write(caller.actor(), move |tx| {
            let row = notifications::table
                .find(&id)
                .select(NotificationRow::as_select())
                .first(tx.conn())
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
                .first(tx.conn())?;
            NotificationView::from_row(after)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
