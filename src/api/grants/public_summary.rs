//! `PUT /api/v1/grants/{id}/public-summary` (the secretariat approves the text the Fund
//! publishes about a grant) and `GET` of it (whoever may read the grant).

use actix_web::{get, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::{only, Allowed};
use crate::db::Db;
use crate::domain::{GrantId, Text};
use crate::error::{AppError, Problem};
use crate::grants::{self, ApprovePublicSummary, PublicSummaryView};
use crate::http::Json;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicSummaryRequest {
    /// The text approved for publication: what the grant does, for whom and where, in
    /// terms that identify no person. Replaces any earlier approved text.
    pub summary: Text,
}

/// Approve a grant's public summary (secretariat): the only text about the grant the
/// Fund publishes (its IATI activity's description); the application's own summary is
/// never published. Each approval is a new version, recorded with who approved it and
/// when, and audited with the text before (`grant.public_summary_approved`).
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = PublicSummaryRequest,
    responses((status = 200, body = PublicSummaryView),
        (status = 404, description = "No such grant", body = Problem, content_type = "application/problem+json")),
    operation_id = "approve_public_summary")]
#[put("/api/v1/grants/{id}/public-summary")]
async fn approve_public_summary(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    body: Json<PublicSummaryRequest>,
) -> Result<HttpResponse, AppError> {
    let command = ApprovePublicSummary {
        grant: id.into_inner(),
        summary: body.into_inner().summary.into_string(),
    };
    let view = caller
        .write(&db, move |tx| grants::approve_public_summary(tx, command))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// A grant's approved public summary (whoever may read the grant: its organisation's
/// applicants too); `summary` null and `version` 0 while none is approved.
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = PublicSummaryView),
        (status = 404, description = "No such grant", body = Problem, content_type = "application/problem+json")),
    operation_id = "get_public_summary")]
#[get("/api/v1/grants/{id}/public-summary")]
async fn get_public_summary(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = caller
        .read(&db, move |conn, actor| {
            grants::show_public_summary(conn, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
