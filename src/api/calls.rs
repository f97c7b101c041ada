//! `POST /api/v1/calls`, `PATCH …/{id}` and `POST …/{id}/cancellation` (secretariat),
//! `GET /api/v1/calls` and `GET …/{id}` (every signed-in user).

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::calls::{
    self, CallChange, CallDetail, CallFilter, CallTerms, CallView, Exploitation, PriorityGroup,
};
use crate::db::Db;
use crate::documents::DocumentKind;
use crate::domain::{CallId, Money, ShortText, Text};
use crate::error::{AppError, Problem};
use crate::http::{Json, PageParams, Query};
use crate::organizations::OrgType;

crate::page_names!(CallView => CallPage);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_call)
        .service(list_calls)
        .service(get_call)
        .service(amend_call)
        .service(cancel_call);
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
    /// Kinds of document every application must carry (a current version of each) to be
    /// submitted; none by default. Each is a kind an application carries (`proposal`,
    /// `budget_annex`, `reference_letter`, `other`), named once.
    #[serde(default)]
    pub required_documents: Vec<DocumentKind>,
}

/// Publish a call for proposals (secretariat). It changes afterwards only as
/// `PATCH /api/v1/calls/{id}` allows.
///
/// Rules the schema cannot state: `closes_at` is after `opens_at` and in the future; every amount is in USD; `min_grant` ≤ `max_grant` ≤ `envelope`; `max_grant` is within the Fund's `max_grant` when one is set (422 `fund-max-grant`); no category, organisation type or required document listed twice (400: a list of terms is a set, so a repeat is malformed rather than collapsed); every kind in `required_documents` is one an application carries (422 `document-kind`: another record's kind could never be attached, and no application could be submitted).
#[utoipa::path(tag = "calls", security(("bearer" = [])),
    request_body = CallRequest,
    responses(
        (status = 201, body = CallDetail),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "fund-max-grant, document-kind"),
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
        required_documents: b.required_documents,
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

/// An optional RFC 3339 instant (use with `#[serde(default)]`).
fn optional_instant<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    #[derive(Deserialize)]
    struct Instant(#[serde(deserialize_with = "crate::domain::instant")] DateTime<Utc>);
    Ok(Option::<Instant>::deserialize(deserializer)?.map(|Instant(at)| at))
}

/// What to change in a call; every field is optional, and at least one is required.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CallChangeRequest {
    pub title: Option<ShortText>,
    pub description: Option<Text>,
    /// A later deadline; never an earlier one.
    #[serde(default, deserialize_with = "optional_instant")]
    pub closes_at: Option<DateTime<Utc>>,
    /// USD; never below what is awarded under the call.
    #[schema(value_type = Option<crate::domain::PositiveMoney>)]
    pub envelope: Option<Money>,
    /// USD; never above what a submitted application asks.
    #[schema(value_type = Option<crate::domain::PositiveMoney>)]
    pub min_grant: Option<Money>,
    /// USD; never below what a submitted application asks.
    #[schema(value_type = Option<crate::domain::PositiveMoney>)]
    pub max_grant: Option<Money>,
    /// Not empty; never without the type of an organisation that has submitted.
    pub eligible_org_types: Option<Vec<OrgType>>,
    /// The whole new list of kinds every application must carry to be submitted (`[]`:
    /// none). Asked for at submission, so it binds the drafts still to be submitted,
    /// never an application already submitted.
    pub required_documents: Option<Vec<DocumentKind>>,
}

/// Change a call before its deadline (secretariat): extend the deadline, correct the
/// texts, the amounts, the organisation types admitted or the documents required. Every
/// organisation with an application under the call is mailed what changed.
///
/// Rules the schema cannot state: an empty change is a 400 (it asks nothing, so it is
/// malformed rather than refused); after the deadline the terms stand (422 `call-closed`);
/// a cancelled call changes no more (422 `call-cancelled`); `closes_at` may only move
/// later (422 `deadline-shortened`: organisations plan on it); no submitted application
/// may fall outside the new `min_grant`, `max_grant` or `eligible_org_types` (422
/// `excludes-submitted-application`); `envelope` never below what is awarded (422
/// `envelope-below-committed`); the terms of `POST /api/v1/calls` still hold (400,
/// 422 `fund-max-grant`, `document-kind`); 409 when another change of the call got there
/// first.
#[utoipa::path(tag = "calls", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = CallChangeRequest,
    responses(
        (status = 200, body = CallDetail),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another change of the call got there first"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "call-closed, call-cancelled, deadline-shortened, excludes-submitted-application, envelope-below-committed, fund-max-grant, document-kind"),
    ),
    operation_id = "amend_call")]
#[patch("/api/v1/calls/{id}")]
async fn amend_call(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<CallId>,
    body: Json<CallChangeRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let change = CallChange {
        title: b.title.map(ShortText::into_string),
        description: b.description.map(Text::into_string),
        closes_at: b.closes_at,
        envelope: b.envelope,
        min_grant: b.min_grant,
        max_grant: b.max_grant,
        eligible_org_types: b.eligible_org_types,
        required_documents: b.required_documents,
    };
    let call = caller
        .write(&db, move |tx| calls::amend_call(tx, id, change))
        .await?;
    Ok(HttpResponse::Ok().json(call))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CallCancellationRequest {
    /// Why the call is cancelled; it becomes the reason of every withdrawal it causes.
    pub reason: Text,
}

/// Cancel a call (secretariat): it becomes `cancelled`, leaves the open calls, and takes
/// no more drafts or submissions; every draft and every application submitted, in
/// screening or under review is withdrawn with the reason (prefixed `call cancelled: `),
/// and each organisation concerned is mailed.
///
/// Rules the schema cannot state: not after a Board decision on any application under the
/// call (422 `call-has-decisions`); not twice (422 `call-cancelled`).
#[utoipa::path(tag = "calls", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = CallCancellationRequest,
    responses(
        (status = 201, body = CallDetail),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "call-has-decisions, call-cancelled"),
    ),
    operation_id = "cancel_call")]
#[post("/api/v1/calls/{id}/cancellation")]
async fn cancel_call(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<CallId>,
    body: Json<CallCancellationRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let reason = body.into_inner().reason.into_string();
    let call = caller
        .write(&db, move |tx| {
            crate::applications::cancel_call(tx, id, reason)
        })
        .await?;
    Ok(HttpResponse::Created().json(call))
}
