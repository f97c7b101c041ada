//! The admin's view of the outbox: `GET /api/v1/notifications` and
//! `POST /api/v1/notifications/{id}/retry`.

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::db::Db;
use crate::domain::NotificationId;
use crate::error::{AppError, Problem};
use crate::http::{PageParams, Query};
use crate::notifications::{self, MailFilter, NotificationStatus, NotificationView};

crate::page_names!(NotificationView => NotificationPage);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_notifications).service(retry_notification);
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

/// List outgoing mail, newest first, optionally by status (admin).
#[utoipa::path(tag = "notifications", security(("bearer" = [])),
    params(ListParams),
    responses((status = 200, body = NotificationPage)),
    operation_id = "list_notifications")]
#[get("/api/v1/notifications")]
async fn list_notifications(
    caller: Allowed<only::Admin>,
    db: web::Data<Db>,
    params: Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    let params = params.into_inner();
    let filter = MailFilter {
        status: params.status,
        page: PageParams {
            limit: params.limit,
            cursor: params.cursor,
        }
        .request()?,
    };
    let page = caller
        .read(&db, move |conn, actor| {
            notifications::list_mail(conn, actor, filter)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Send a failed mail again (admin): it becomes pending, due at once, with a fresh round
/// of attempts. Only a failed mail can be retried (else 409).
#[utoipa::path(tag = "notifications", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses(
        (status = 200, body = NotificationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "retry_notification")]
#[post("/api/v1/notifications/{id}/retry")]
async fn retry_notification(
    caller: Allowed<only::Admin>,
    db: web::Data<Db>,
    id: web::Path<NotificationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = caller
        .write(&db, move |tx| notifications::retry_mail(tx, id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
