//! `GET /api/v1/audit` and `GET /api/v1/audit/verify`, for auditors and admins.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::chain::{verify_chain, ChainReport};
use super::record::AuditEvent;
use crate::api::Caller;
use crate::auth::Role;
use crate::db::schema::audit_events;
use crate::db::Db;
use crate::domain::ShortText;
use crate::error::AppError;
use crate::http::{Cursor, Page, PageParams, Query};

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

#[derive(Debug, Serialize, ToSchema)]
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

crate::page_names!(AuditEventView => AuditPage);

/// The trail, newest first (by sequence number), filterable by entity. Its cursor is the
/// one every list issues: the last event's time and its sequence number.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = AuditPage)))]
pub async fn list(
    caller: Caller,
    db: web::Data<Db>,
    query: Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    caller.require(&[Role::Auditor, Role::Admin])?;
    let query = query.into_inner();
    let request = PageParams {
        limit: query.limit,
        cursor: query.cursor,
    }
    .request()?;
    let before_seq: Option<i64> = request.after.as_ref().map(Cursor::id_as).transpose()?;
    let fetch = request.fetch();
    let (entity_type, entity_id) = (query.entity_type, query.entity_id);
    let rows = db
        .read(move |conn| {
            let mut q = audit_events::table.into_boxed();
            if let Some(kind) = entity_type {
                q = q.filter(audit_events::entity_type.eq(kind.into_string()));
            }
            if let Some(id) = entity_id {
                q = q.filter(audit_events::entity_id.eq(id.into_string()));
            }
            if let Some(before) = before_seq {
                q = q.filter(audit_events::seq.lt(before));
            }
            Ok(q.order(audit_events::seq.desc())
                .limit(fetch)
                .load::<AuditEvent>(conn)?)
        })
        .await?;
    let page: AuditPage = Page::from_rows(
        rows,
        request.limit,
        |e| Cursor::new(e.occurred_at_naive, e.seq),
        view,
    );
    Ok(HttpResponse::Ok().json(page))
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

/// Walk the whole chain and name the first event that does not match.
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit", security(("bearer" = [])),
    responses((status = 200, body = ChainReport)))]
pub async fn verify(caller: Caller, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    caller.require(&[Role::Auditor, Role::Admin])?;
    let report = db.read(verify_chain).await?;
    Ok(HttpResponse::Ok().json(report))
}
