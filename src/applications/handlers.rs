//! Drafting and reading applications.

use crate::api::{only, Allowed};
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::access::{find_visible, visible_to};
use super::content::{Beneficiaries, BudgetLine, Content};
use super::history::create_draft;
use super::model::{self, Filter};
use super::rules::{check_call_accepts_drafts, check_no_sibling};
use super::state::ApplicationState;
use super::view::{ApplicationSummary, ApplicationView};
use crate::api::Caller;
use crate::audit::Change;
use crate::auth::Role;
use crate::calls::{AidType, Exploitation};
use crate::db::Db;
use crate::domain::{
    ApplicationId, CallId, CountryCode, OrganizationId, PositiveMoney, ShortText, Text,
};
use crate::error::{AppError, Problem};
use crate::http::{Json, Page, PageParams, Query};

crate::page_names!(ApplicationSummary => ApplicationPage);

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CreateApplicationRequest)]
pub struct CreateRequest {
    pub call_id: Uuid,
    pub title: ShortText,
    pub summary: Text,
    /// Countries of implementation: UN Member States, at least one, no repeats.
    #[schema(min_items = 1)]
    pub countries: Vec<CountryCode>,
    /// Counts by sex and age group (never names); at least one count above zero.
    #[schema(min_items = 1)]
    pub beneficiaries: Vec<Beneficiaries>,
    #[schema(min_items = 1)]
    pub exploitation: Vec<Exploitation>,
    #[schema(min_items = 1)]
    pub aid_types: Vec<AidType>,
    /// USD.
    pub requested: PositiveMoney,
    /// At least 1; at most the call's `max_duration_months` when submitted.
    #[schema(minimum = 1)]
    pub duration_months: i32,
    /// Must add up to `requested` exactly (checked at submission).
    #[schema(min_items = 1, max_items = 200)]
    pub budget_lines: Vec<BudgetLine>,
}

/// Draft an application for the caller's organisation under a call that has not closed.
#[utoipa::path(post, path = "/api/v1/applications", tag = "applications", security(("bearer" = [])),
    request_body = CreateRequest,
    responses(
        (status = 201, body = ApplicationView),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "call-closed, duplicate-application"),
    ))]
pub async fn create(
    caller: Allowed<only::Applicant>,
    db: web::Data<Db>,
    body: Json<CreateRequest>,
) -> Result<HttpResponse, AppError> {
    let org_id = caller.organization_id().ok_or(AppError::Forbidden)?;
    let b = body.into_inner();
    let call_id = b.call_id;
    let content = Content {
        title: b.title,
        summary: b.summary,
        countries: b.countries,
        beneficiaries: b.beneficiaries,
        exploitation: b.exploitation,
        aid_types: b.aid_types,
        requested: b.requested,
        duration_months: b.duration_months,
        budget_lines: b.budget_lines,
    };
    content.check_shape()?;
    let user_id = caller.id();
    let view = db
        .write(caller.actor(), move |tx| {
            let call = crate::calls::find(tx.conn(), call_id.into())?
                .ok_or_else(|| AppError::bad_field("call_id", "no such call"))?;
            check_call_accepts_drafts(&call, tx.now())?;
            let (org, call) = (org_id, call_id.into());
            check_no_sibling(model::has_sibling(tx.conn(), org, call, None)?)?;
            let view = create_draft(tx, call, org, user_id, content)?;
            Ok(view.id)
        })
        .await?;
    let caller2 = caller.clone();
    let view = db
        .read(move |conn| visible_to(conn, &caller2, view))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

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

/// List applications, newest first, narrowed to what the caller may see: an applicant
/// their organisation's, a trustee those passed to the Board, staff all.
#[utoipa::path(get, path = "/api/v1/applications", tag = "applications", security(("bearer" = [])),
    params(ListParams),
    responses((status = 200, body = ApplicationPage)))]
pub async fn list(
    caller: Caller,
    db: web::Data<Db>,
    params: Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    let p = params.into_inner();
    let page = PageParams {
        limit: p.limit,
        cursor: p.cursor,
    };
    let page = page.request()?;
    let mut filter = Filter {
        call_id: p.call_id.map(CallId::from),
        organization_id: p.organization_id.map(OrganizationId::from),
        states: p.state.map(|s| vec![s]),
        country: p.country,
    };
    match caller.role() {
        Role::Applicant => {
            let own = caller.organization_id().ok_or(AppError::Forbidden)?;
            if filter.organization_id.is_some_and(|o| o != own) {
                return Ok(HttpResponse::Ok().json(Page::<ApplicationSummary> {
                    items: vec![],
                    next_cursor: None,
                }));
            }
            filter.organization_id = Some(own);
        }
        Role::Trustee => {
            let allowed = ApplicationState::BOARD_VISIBLE.to_vec();
            filter.states = Some(match filter.states {
                Some(asked) => asked.into_iter().filter(|s| allowed.contains(s)).collect(),
                None => allowed,
            });
        }
        _ => {}
    }
    let page = db.read(move |conn| model::list(conn, filter, page)).await?;
    Ok(HttpResponse::Ok().json(page.map(ApplicationSummary::from)))
}

/// One application with its history (404 when the caller may not see it).
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ApplicationView)))]
pub async fn get(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = db.read(move |conn| visible_to(conn, &caller, id)).await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = UpdateApplicationRequest)]
pub struct PatchRequest {
    pub title: Option<ShortText>,
    pub summary: Option<Text>,
    pub countries: Option<Vec<CountryCode>>,
    pub beneficiaries: Option<Vec<Beneficiaries>>,
    pub exploitation: Option<Vec<Exploitation>>,
    pub aid_types: Option<Vec<AidType>>,
    pub requested: Option<PositiveMoney>,
    /// At least 1; at most the call's `max_duration_months` when submitted.
    #[schema(minimum = 1)]
    pub duration_months: Option<i32>,
    pub budget_lines: Option<Vec<BudgetLine>>,
}

impl PatchRequest {
    fn apply(self, mut c: Content) -> Content {
        c.title = self.title.unwrap_or(c.title);
        c.summary = self.summary.unwrap_or(c.summary);
        c.countries = self.countries.unwrap_or(c.countries);
        c.beneficiaries = self.beneficiaries.unwrap_or(c.beneficiaries);
        c.exploitation = self.exploitation.unwrap_or(c.exploitation);
        c.aid_types = self.aid_types.unwrap_or(c.aid_types);
        c.requested = self.requested.unwrap_or(c.requested);
        c.duration_months = self.duration_months.unwrap_or(c.duration_months);
        c.budget_lines = self.budget_lines.unwrap_or(c.budget_lines);
        c
    }
}

/// Edit a draft (its organisation's applicants). Anything but a draft is a 409.
#[utoipa::path(patch, path = "/api/v1/applications/{id}", tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = PatchRequest,
    responses(
        (status = 200, body = ApplicationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn patch(
    caller: Allowed<only::Applicant>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    body: Json<PatchRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let who = caller.clone();
    db.write(caller.actor(), move |tx| {
        let before = find_visible(tx.conn(), &who, id)?;
        who.require(&[Role::Applicant])?;
        if before.state != ApplicationState::Draft {
            return Err(AppError::conflict(format!(
                "only drafts can be edited; this application is {}",
                before.state.as_str()
            )));
        }
        let after = body.apply(before.content.clone());
        after.check_shape()?;
        model::update_content(tx, id, &after)?;
        tx.audit(Change::updated(
            "application",
            id,
            json!(before.content),
            json!(after),
        ))
    })
    .await?;
    let view = db.read(move |conn| visible_to(conn, &caller, id)).await?;
    Ok(HttpResponse::Ok().json(view))
}
