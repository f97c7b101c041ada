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
use crate::voting::{self, DossierView};

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
    /// `true`: only what the caller may still vote on (under review, the caller seated
    /// on the Board today, not recused, not yet voted). Only a trustee has such a
    /// queue: for anyone else it is empty (a 200 with no items, not an error, as any
    /// filter that matches nothing). `false` or absent: no such narrowing.
    pub awaiting_my_vote: Option<bool>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

impl ListParams {
    fn query(self) -> Result<(ApplicationsQuery, bool), AppError> {
        let awaiting = self.awaiting_my_vote.unwrap_or(false);
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
        Ok((ApplicationsQuery { filter, page }, awaiting))
    }
}

/// List applications, newest first, narrowed to what the caller may see: an applicant
/// their organisation's, a trustee those passed to the Board, staff all. With
/// `awaiting_my_vote=true`, a trustee's queue: what still waits for their vote, in the
/// same order and pages.
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
    let (query, awaiting_my_vote) = params.into_inner().query()?;
    let page = caller
        .read(&db, move |conn, actor| {
            if awaiting_my_vote {
                voting::awaiting_my_vote(conn, actor, query)
            } else {
                applications::list_applications(conn, actor, query)
            }
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

/// The dossier on an application: the applying organisation's profile (no bank details,
/// no contact or accounts) and its history with the Fund (its other applications, its
/// grants, what they were paid and how their reports went). Staff and auditors at any
/// time; a trustee while the application is under review (403 after the decision, 404
/// before screening passes it to the Board); never an applicant (403).
#[utoipa::path(tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DossierView)),
    operation_id = "get_application_dossier")]
#[get("/api/v1/applications/{id}/dossier")]
async fn get_application_dossier(
    caller: Allowed<only::StaffOrTrustee>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = caller
        .read(&db, move |conn, actor| {
            voting::application_dossier(conn, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
