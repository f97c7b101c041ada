//! `POST /api/v1/applications` and `PATCH /api/v1/applications/{id}`: an applicant's
//! drafts.

use actix_web::{patch, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::{only, Allowed};
use crate::applications::{
    self, ApplicationView, Beneficiaries, BudgetLine, Content, DraftChange, NewApplication,
};
use crate::calls::{AidType, Exploitation};
use crate::db::Db;
use crate::domain::{ApplicationId, CountryCode, PositiveMoney, ShortText, Text};
use crate::error::{AppError, Problem};
use crate::http::Json;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
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

impl From<CreateRequest> for NewApplication {
    fn from(b: CreateRequest) -> NewApplication {
        NewApplication {
            call_id: b.call_id.into(),
            content: Content {
                title: b.title,
                summary: b.summary,
                countries: b.countries,
                beneficiaries: b.beneficiaries,
                exploitation: b.exploitation,
                aid_types: b.aid_types,
                requested: b.requested,
                duration_months: b.duration_months,
                budget_lines: b.budget_lines,
            },
        }
    }
}

/// Draft an application for the caller's organisation under a call that has not closed.
///
/// Rules the schema cannot state: `call_id` names a call (400) that has not closed (422
/// `call-closed`); `requested` and every budget line are in USD; no country, group of
/// beneficiaries, form of exploitation or type of aid is listed twice; at least one
/// beneficiary count is above zero; an amount has no more decimal places than its currency.
#[utoipa::path(tag = "applications", security(("bearer" = [])),
    request_body = CreateRequest,
    responses(
        (status = 201, body = ApplicationView),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "call-closed, duplicate-application"),
    ),
    operation_id = "create_application")]
#[post("/api/v1/applications")]
async fn create_application(
    caller: Allowed<only::Applicant>,
    db: web::Data<Db>,
    body: Json<CreateRequest>,
) -> Result<HttpResponse, AppError> {
    let new = NewApplication::from(body.into_inner());
    let view = caller
        .write(&db, move |tx| applications::create_application(tx, new))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
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

impl From<PatchRequest> for DraftChange {
    fn from(b: PatchRequest) -> DraftChange {
        DraftChange {
            title: b.title,
            summary: b.summary,
            countries: b.countries,
            beneficiaries: b.beneficiaries,
            exploitation: b.exploitation,
            aid_types: b.aid_types,
            requested: b.requested,
            duration_months: b.duration_months,
            budget_lines: b.budget_lines,
        }
    }
}

/// Edit a draft (its organisation's applicants). Anything but a draft is a 409.
///
/// Rules the schema cannot state: The text after the change satisfies the rules of
/// `create_application`: amounts in USD with at most two decimal places, no entry of a list
/// given twice, every list given not empty, at least one beneficiary count above zero.
#[utoipa::path(tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = PatchRequest,
    responses(
        (status = 200, body = ApplicationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "update_application")]
#[patch("/api/v1/applications/{id}")]
async fn update_application(
    caller: Allowed<only::Applicant>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    body: Json<PatchRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let change = DraftChange::from(body.into_inner());
    let view = caller
        .write(&db, move |tx| applications::edit_draft(tx, id, change))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
