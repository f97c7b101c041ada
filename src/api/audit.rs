//! `GET /api/v1/audit` and `GET /api/v1/audit/verify`, for auditors and admins.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::audit::{self, AuditEventView, ChainReport, EventFilter};
use crate::db::Db;
use crate::domain::ShortText;
use crate::error::AppError;
use crate::http::{PageParams, Query};

crate::page_names!(AuditEventView => AuditPage);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_audit_events).service(verify_audit_trail);
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only events about this kind of entity (`user`, `appointment`, `application`, …).
    /// ShortText: PostgreSQL refuses NUL in a text parameter, so control characters are
    /// a 400 here, not a failed query.
    pub entity_type: Option<ShortText>,
    /// Only events about this entity.
    pub entity_id: Option<ShortText>,
    /// 1 to 200, default 50.
    pub limit: Option<i64>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
}

/// The trail, newest first (by sequence number), filterable by entity. Its cursor is the
/// one every list issues: the last event's time and its sequence number.
#[utoipa::path(tag = "audit", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = AuditPage)),
    operation_id = "list_audit_events")]
#[get("/api/v1/audit")]
async fn list_audit_events(
    caller: Allowed<only::AdminOrAuditor>,
    db: web::Data<Db>,
    query: Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let filter = EventFilter {
        entity_type: query.entity_type,
        entity_id: query.entity_id,
        action: None,
        actor_id: None,
        from: None,
        to: None,
        page: PageParams {
            limit: query.limit,
            cursor: query.cursor,
        }
        .request()?,
    };
    let page = caller
        .read(&db, move |conn, actor| {
            audit::list_events(conn, actor, filter)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Walk the whole chain and name the first event that does not match.
#[utoipa::path(tag = "audit", security(("bearer" = [])),
    responses((status = 200, body = ChainReport)),
    operation_id = "verify_audit_trail")]
#[get("/api/v1/audit/verify")]
async fn verify_audit_trail(
    caller: Allowed<only::AdminOrAuditor>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let report = caller.read(&db, audit::verify_trail).await?;
    Ok(HttpResponse::Ok().json(report))
}
