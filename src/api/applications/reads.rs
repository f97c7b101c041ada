//! `GET /api/v1/applications`, `GET /api/v1/applications/{id}` and its history.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::api::{only, Allowed};
use crate::applications::{
    self, ApplicationState, ApplicationSummary, ApplicationView, ApplicationsQuery, Filter,
    TransitionView,
};
use crate::db::Db;
use crate::domain::{ApplicationId, CallId, CountryCode, OrganizationId};
use crate::error::AppError;
use crate::http::{PageParams, Query};

crate::page_names!(ApplicationSummary => ApplicationPage);

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    pub call_id: Option<Uuid>,
    pub state: Option<ApplicationState>,
    pub organization_id: Option<Uuid>,
    /// A country of implementation (ISO 3166-1 alpha-2).
    pub country: Option<CountryCode>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

impl ListParams {
    fn query(self) -> Result<ApplicationsQuery, AppError> {
        let page = PageParams {
            limit: self.limit,
            cursor: self.cursor,
        }
        .request()?;
        let filter = Filter {
            call_id: self.call_id.map(CallId::from),
            organization_id: self.organization_id.map(OrganizationId::from),
            states: self.state.map(|s| vec![s]),
            country: self.country,
        };
        Ok(ApplicationsQuery { filter, page })
    }
}

/// List applications, newest first, narrowed to what the caller may see: an applicant
/// their organisation's, a trustee those passed to the Board, staff all.
#[utoipa::path(tag = "applications", security(("bearer" = [])),
    params(ListParams),
    responses((status = 200, body = ApplicationPage)),
    operation_id = "list_applications")]
#[get("/api/v1/applications")]
async fn list_applications(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    params: Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    let query = params.into_inner().query()?;
    let page = caller
        .read(&db, move |conn, actor| {
            applications::list_applications(conn, actor, query)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One application with its history (404 when the caller may not see it).
#[utoipa::path(tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ApplicationView)),
    operation_id = "get_application")]
#[get("/api/v1/applications/{id}")]
async fn get_application(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = caller
        .read(&db, move |conn, actor| {
            applications::show_application(conn, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Every move of an application, oldest first (whoever may see it).
#[utoipa::path(tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<TransitionView>)),
    operation_id = "get_application_history")]
#[get("/api/v1/applications/{id}/history")]
async fn get_application_history(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let rows = caller
        .read(&db, move |conn, actor| {
            applications::application_history(conn, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}
