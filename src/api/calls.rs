//! `POST /api/v1/calls` (secretariat), `GET /api/v1/calls` and `GET …/{id}` (every
//! signed-in user). There is no edit: a call is fixed once published.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::calls::{
    self, CallDetail, CallFilter, CallTerms, CallView, Exploitation, PriorityGroup,
};
use crate::db::Db;
use crate::domain::{CallId, Money, ShortText, Text};
use crate::error::{AppError, Problem};
use crate::http::{Json, PageParams, Query};
use crate::organizations::OrgType;

crate::page_names!(CallView => CallPage);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_call)
        .service(list_calls)
        .service(get_call);
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CreateCallRequest)]
pub struct CallRequest {
    pub title: ShortText,
    pub description: Text,
    #[serde(deserialize_with = "crate::domain::instant")]
    pub opens_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::domain::instant")]
    pub closes_at: DateTime<Utc>,
    /// Total budget of the call, USD; at least `max_grant`.
    #[schema(value_type = crate::domain::PositiveMoney)]
    pub envelope: Money,
    /// USD; at most `max_grant`.
    #[schema(value_type = crate::domain::PositiveMoney)]
    pub min_grant: Money,
    /// USD; at most the Fund's `max_grant` when one is set.
    #[schema(value_type = crate::domain::PositiveMoney)]
    pub max_grant: Money,
    /// 8 to 24.
    #[schema(minimum = 8, maximum = 24)]
    pub max_duration_months: i32,
    /// Not empty.
    #[schema(min_items = 1)]
    pub eligible_org_types: Vec<OrgType>,
    #[serde(default)]
    pub priority_groups: Vec<PriorityGroup>,
    #[serde(default)]
    pub priority_exploitation: Vec<Exploitation>,
}

/// Publish a call for proposals (secretariat). Calls cannot be edited afterwards.
///
/// Rules the schema cannot state: `closes_at` is after `opens_at` and in the future; every amount is in USD; `min_grant` ≤ `max_grant` ≤ `envelope`; `max_grant` is within the Fund's `max_grant` when one is set (422 `fund-max-grant`).
#[utoipa::path(tag = "calls", security(("bearer" = [])),
    request_body = CallRequest,
    responses(
        (status = 201, body = CallDetail),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "fund-max-grant"),
    ),
    operation_id = "create_call")]
#[post("/api/v1/calls")]
async fn create_call(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    body: Json<CallRequest>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let terms = CallTerms {
        title: b.title.into_string(),
        description: b.description.into_string(),
        opens_at: b.opens_at,
        closes_at: b.closes_at,
        envelope: b.envelope,
        min_grant: b.min_grant,
        max_grant: b.max_grant,
        max_duration_months: b.max_duration_months,
        eligible_org_types: b.eligible_org_types,
        priority_groups: b.priority_groups,
        priority_exploitation: b.priority_exploitation,
    };
    let call = caller
        .write(&db, move |tx| calls::publish_call(tx, terms))
        .await?;
    Ok(HttpResponse::Created().json(call))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `true`: only calls open now.
    pub open: Option<bool>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List calls, newest first (any signed-in user).
#[utoipa::path(tag = "calls", security(("bearer" = [])), params(ListParams),
    responses((status = 200, body = CallPage)),
    operation_id = "list_calls")]
#[get("/api/v1/calls")]
async fn list_calls(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    params: Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    let params = params.into_inner();
    let filter = CallFilter {
        open_only: params.open == Some(true),
        page: PageParams {
            limit: params.limit,
            cursor: params.cursor,
        }
        .request()?,
    };
    let page = caller
        .read(&db, move |conn, actor| {
            calls::list_calls(conn, actor, filter)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One call, with what is committed against its envelope and what is left (any
/// signed-in user).
#[utoipa::path(tag = "calls", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CallDetail)),
    operation_id = "get_call")]
#[get("/api/v1/calls/{id}")]
async fn get_call(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    id: web::Path<CallId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let call = caller
        .read(&db, move |conn, actor| calls::show_call(conn, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(call))
}
