//! Publishing calls (secretariat) and reading them (every signed-in user).
//!
//! There is no edit endpoint: a call's terms are what applicants rely on, so a call is
//! fixed once published. A mistake is corrected by publishing a new call.

use crate::api::{only, Allowed};
use crate::domain::CallId;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::categories::{first_duplicate, Exploitation, PriorityGroup};
use super::model::{self, CallView, NewCall};
use super::rules::{check_terms, DURATION_MONTHS};
use crate::api::Caller;
use crate::db::{now, Db};
use crate::domain::{Money, ShortText, Text};
use crate::error::{AppError, Problem};
use crate::http::{Json, PageParams, Query};
use crate::organizations::OrgType;

crate::page_names!(CallView => CallPage);

#[derive(Debug, Deserialize, ToSchema)]
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

fn no_duplicates<T: PartialEq>(field: &str, items: &[T]) -> Result<(), AppError> {
    match first_duplicate(items) {
        Some(i) => Err(AppError::bad_field(format!("{field}[{i}]"), "listed twice")),
        None => Ok(()),
    }
}

/// Publish a call for proposals (secretariat). Calls cannot be edited afterwards.
#[utoipa::path(post, path = "/api/v1/calls", tag = "calls", security(("bearer" = [])),
    request_body = CallRequest,
    responses(
        (status = 201, body = CallDetail),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "fund-max-grant"),
    ))]
pub async fn create(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    body: Json<CallRequest>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    // Stored to the microsecond (PostgreSQL's precision), so what is answered now is what
    // is read back later on both backends.
    if !DURATION_MONTHS.contains(&b.max_duration_months) {
        return Err(AppError::bad_field(
            "max_duration_months",
            "must be between 8 and 24",
        ));
    }
    if b.eligible_org_types.is_empty() {
        return Err(AppError::bad_field(
            "eligible_org_types",
            "name at least one organisation type",
        ));
    }
    no_duplicates("eligible_org_types", &b.eligible_org_types)?;
    no_duplicates("priority_groups", &b.priority_groups)?;
    no_duplicates("priority_exploitation", &b.priority_exploitation)?;
    let call = db
        .write(caller.actor(), move |tx| {
            let ceiling = crate::fund::load(tx.conn())?.settings.max_grant;
            check_terms(
                crate::db::to_utc(tx.now()),
                b.opens_at,
                b.closes_at,
                b.envelope,
                b.min_grant,
                b.max_grant,
                ceiling,
            )?;
            model::create(
                tx,
                NewCall {
                    title: b.title.into_string(),
                    description: b.description.into_string(),
                    opens_at: b.opens_at.naive_utc().trunc_subsecs(6),
                    closes_at: b.closes_at.naive_utc().trunc_subsecs(6),
                    envelope: b.envelope,
                    min_grant: b.min_grant,
                    max_grant: b.max_grant,
                    max_duration_months: b.max_duration_months,
                    eligible_org_types: b.eligible_org_types,
                    priority_groups: b.priority_groups,
                    priority_exploitation: b.priority_exploitation,
                },
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(CallDetail {
        call: CallView::new(&call, now()),
        envelope_use: crate::voting::EnvelopeUse::untouched(call.envelope),
    }))
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
#[utoipa::path(get, path = "/api/v1/calls", tag = "calls", security(("bearer" = [])), params(ListParams),
    responses((status = 200, body = CallPage)))]
pub async fn list(
    _caller: Caller,
    db: web::Data<Db>,
    params: Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    let params = params.into_inner();
    let page = PageParams {
        limit: params.limit,
        cursor: params.cursor,
    };
    let request = page.request()?;
    let at = now();
    let open_at = (params.open == Some(true)).then_some(at);
    let page = db
        .read(move |conn| model::list(conn, open_at, &request))
        .await?;
    Ok(HttpResponse::Ok().json(page.map(|c| CallView::new(&c, at))))
}

/// One call with what it has committed (any signed-in user).
#[derive(Debug, Serialize, ToSchema)]
pub struct CallDetail {
    #[serde(flatten)]
    pub call: CallView,
    /// `committed` (awards approved under the call, the reserve list included) and
    /// `remaining` (the envelope less `committed`): the Board awards within the envelope.
    #[serde(flatten)]
    pub envelope_use: crate::voting::EnvelopeUse,
}

/// One call, with what is committed against its envelope and what is left (any
/// signed-in user).
#[utoipa::path(get, path = "/api/v1/calls/{id}", tag = "calls", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CallDetail)))]
pub async fn get(
    _caller: Caller,
    db: web::Data<Db>,
    id: web::Path<CallId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (call, envelope_use) = db
        .read(move |conn| {
            let Some(call) = model::find(conn, id)? else {
                return Err(AppError::NotFound);
            };
            let used = crate::voting::envelope_use(conn, call.id, call.envelope)?;
            Ok((call, used))
        })
        .await?;
    Ok(HttpResponse::Ok().json(CallDetail {
        call: CallView::new(&call, now()),
        envelope_use,
    }))
}
