//! Submission and withdrawal (an organisation's applicants), screening (the
//! secretariat).

use actix_web::{post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::{only, Allowed};
use crate::applications::{self, ApplicationView, Criterion, CriterionCheck, Screening};
use crate::db::Db;
use crate::domain::{ApplicationId, Text};
use crate::error::{AppError, Problem};
use crate::http::Json;

/// Submit a draft: checks every rule of the call and freezes the text.
#[utoipa::path(tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ApplicationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json",
            description = "call-closed, amount-out-of-range, duration-too-long, budget-mismatch, organization-not-verified, organization-type-ineligible, duplicate-application"),
    ),
    operation_id = "submit_application")]
#[post("/api/v1/applications/{id}/submit")]
async fn submit_application(
    caller: Allowed<only::Applicant>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = caller
        .write(&db, move |tx| applications::submit(tx, id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = WithdrawApplicationRequest)]
pub struct WithdrawRequest {
    /// Why the organisation withdraws: required, recorded in the history.
    pub reason: Text,
}

/// Withdraw an application before a decision (its organisation's applicants), saying why:
/// a missing or empty `reason` is a 400 naming `reason`.
#[utoipa::path(tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = WithdrawRequest,
    responses(
        (status = 200, body = ApplicationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "withdraw_application")]
#[post("/api/v1/applications/{id}/withdraw")]
async fn withdraw_application(
    caller: Allowed<only::Applicant>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    body: Json<WithdrawRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let reason = body.into_inner().reason.into_string();
    let view = caller
        .write(&db, move |tx| applications::withdraw(tx, id, reason))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Start screening a submitted application (secretariat).
#[utoipa::path(tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ApplicationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "start_screening")]
#[post("/api/v1/applications/{id}/screening/start")]
async fn start_screening(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = caller
        .write(&db, move |tx| applications::start_screening(tx, id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ScreenApplicationRequest)]
pub struct ScreeningRequest {
    /// `true` passes the application to the Board (voting opens).
    pub eligible: bool,
    /// Why; at least one reason when ineligible (a 400 naming `reasons` otherwise).
    #[serde(default)]
    pub reasons: Vec<Text>,
    /// Every eligibility criterion exactly once, met or not; a note on each one not met.
    #[schema(min_items = 8)]
    pub checklist: Vec<ChecklistItem>,
}

/// One eligibility criterion as the secretariat finds it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ScreeningChecklistItem)]
pub struct ChecklistItem {
    pub criterion: Criterion,
    pub met: bool,
    /// Required when `met` is false: why.
    #[serde(default)]
    pub note: Option<Text>,
}

impl From<ChecklistItem> for CriterionCheck {
    fn from(item: ChecklistItem) -> CriterionCheck {
        CriterionCheck {
            criterion: item.criterion,
            met: item.met,
            note: item.note.map(Text::into_string),
        }
    }
}

/// Record the screening result (secretariat): eligible → `under_review`, else
/// `ineligible` with reasons. A still-submitted application is moved to screening first.
/// The checklist is kept on the result's move in `history` and as `screening_checklist`,
/// each criterion with what the records showed (`computed`).
///
/// Rules the schema cannot state: When `eligible` is false, `reasons` names at least one
/// reason (400); at most 50. `checklist` states every criterion exactly once (400 naming
/// `checklist` or the repeated `checklist[i].criterion`), with a `note` on each one not
/// met (400). A criterion the records decide (organisation type, verification, one year
/// registered, one year of direct assistance, PSEA measures, amount and duration against
/// the call) cannot be claimed met when the records show it unmet
/// (`screening-contradicts-records`); it may be found unmet when they show it met.
/// Eligible needs every criterion met (`screening-criterion-unmet`); ineligible at least
/// one not met (`screening-no-unmet-criterion`).
#[utoipa::path(tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ScreeningRequest,
    responses(
        (status = 200, body = ApplicationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json",
            description = "screening-contradicts-records, screening-criterion-unmet, screening-no-unmet-criterion"),
    ),
    operation_id = "screen_application")]
#[post("/api/v1/applications/{id}/screening")]
async fn screen_application(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    body: Json<ScreeningRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let screening = Screening {
        application: id.into_inner(),
        eligible: body.eligible,
        reasons: body.reasons.into_iter().map(Text::into_string).collect(),
        checklist: body.checklist.into_iter().map(Into::into).collect(),
    };
    let view = caller
        .write(&db, move |tx| crate::voting::screen(tx, screening))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
