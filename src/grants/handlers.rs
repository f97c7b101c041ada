//! `GET /api/v1/grants` and `GET /api/v1/grants/{id}`: staff and trustees see all; an
//! applicant sees only their organisation's grants (any other id is a 404).

use crate::domain::GrantId;
use actix_web::{web, HttpResponse};

use super::model::{self, GrantView};
use crate::api::Caller;
use crate::auth::Role;
use crate::db::Db;
use crate::domain::OrganizationId;
use crate::error::AppError;
use crate::http::{PageParams, Query};

crate::page_names!(GrantView => GrantPage);

/// Whose grants the caller may see: `None` for all, `Some(org)` for one organisation.
fn scope(caller: &Caller) -> Result<Option<OrganizationId>, AppError> {
    match caller.role() {
        Role::Applicant => caller
            .organization_id()
            .map(Some)
            .ok_or(AppError::Forbidden),
        _ => Ok(None),
    }
}

/// Grants, newest first.
#[utoipa::path(get, path = "/api/v1/grants", tag = "grants", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = GrantPage)))]
pub async fn list(
    caller: Caller,
    db: web::Data<Db>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let organization = scope(&caller)?;
    let page = page.request()?;
    let page = db
        .read(move |conn| model::list(conn, organization, page))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One grant: the award, committed, disbursed, remaining.
#[utoipa::path(get, path = "/api/v1/grants/{id}", tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = GrantView)))]
pub async fn get(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
) -> Result<HttpResponse, AppError> {
    let organization = scope(&caller)?;
    let id = id.into_inner();
    let grant = db
        .read(move |conn| model::find(conn, id))
        .await?
        .filter(|g| organization.is_none_or(|org| g.organization_id == org))
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(grant))
}
