//! Moving an application: submission and withdrawal (its applicants), screening (the
//! secretariat), and reading the history.
//!
//! Screening: `POST …/screening/start` moves a submitted application to `screening`;
//! `POST …/screening` records the result, and on a still-submitted application first
//! records the start itself (two history rows in one transaction), so one call suffices.

use crate::api::{only, Allowed};
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::access::{find_visible, visible_to};
use super::history::{history, move_to, TransitionView};
use super::model;
use super::rules::{check_submission, Submission};
use super::state::ApplicationState;
use super::view::ApplicationView;
use crate::api::Caller;
use crate::auth::Role;
use crate::db::{Db, Tx};
use crate::domain::{ApplicationId, Text};
use crate::error::{AppError, Problem};
use crate::http::Json;

/// Runs `work` on an application the caller may see and act on with one of `roles`:
/// 404 if they may not see it, 403 if they see it but their role may not do this.
async fn act<F>(
    caller: Caller,
    db: &Db,
    id: ApplicationId,
    roles: &'static [Role],
    work: F,
) -> Result<HttpResponse, AppError>
where
    F: FnOnce(&mut Tx, &model::Application) -> Result<(), AppError> + Send + 'static,
{
    let who = caller.clone();
    db.write(caller.actor(), move |tx| {
        let app = find_visible(tx.conn(), &who, id)?;
        who.require(roles)?;
        work(tx, &app)
    })
    .await?;
    let view = db.read(move |conn| visible_to(conn, &caller, id)).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Submit a draft: checks every rule of the call and freezes the text.
#[utoipa::path(post, path = "/api/v1/applications/{id}/submit", tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ApplicationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json",
            description = "call-closed, amount-out-of-range, duration-too-long, budget-mismatch, organization-not-verified, organization-type-ineligible, duplicate-application"),
    ))]
pub async fn submit(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    act(
        caller,
        &db,
        id.into_inner(),
        &[Role::Applicant],
        |tx, app| {
            if app.state != ApplicationState::Draft {
                return Err(AppError::conflict(format!(
                    "only drafts can be submitted; this application is {}",
                    app.state.as_str()
                )));
            }
            let missing = || {
                AppError::internal(anyhow::anyhow!(
                    "application without its call or organisation"
                ))
            };
            let call = crate::calls::find(tx.conn(), app.call_id)?.ok_or_else(missing)?;
            let org =
                crate::organizations::find(tx.conn(), app.organization_id)?.ok_or_else(missing)?;
            let has_sibling =
                model::has_sibling(tx.conn(), app.organization_id, app.call_id, Some(app.id))?;
            if org.state == crate::organizations::OrgState::Verified {
                crate::organizations::check_eligible(&org, tx.now().date())?;
            }
            check_submission(&Submission {
                now: tx.now(),
                call: &call,
                org_state: org.state,
                org_type: org.org_type,
                content: &app.content,
                has_sibling,
            })?;
            move_to(tx, app.id, ApplicationState::Submitted, None, None)?;
            super::notices::submitted(tx, app.id)
        },
    )
    .await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = WithdrawApplicationRequest)]
pub struct WithdrawRequest {
    /// Why the organisation withdraws: required, recorded in the history.
    pub reason: Text,
}

/// Withdraw an application before a decision (its organisation's applicants), saying why:
/// a missing or empty `reason` is a 400 naming `reason`.
#[utoipa::path(post, path = "/api/v1/applications/{id}/withdraw", tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = WithdrawRequest,
    responses(
        (status = 200, body = ApplicationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn withdraw(
    caller: Allowed<only::Applicant>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    body: Json<WithdrawRequest>,
) -> Result<HttpResponse, AppError> {
    let reason = Some(body.into_inner().reason.into_string());
    act(
        caller.into_inner(),
        &db,
        id.into_inner(),
        &[Role::Applicant],
        move |tx, app| move_to(tx, app.id, ApplicationState::Withdrawn, reason, None).map(|_| ()),
    )
    .await
}

/// Start screening a submitted application (secretariat).
#[utoipa::path(post, path = "/api/v1/applications/{id}/screening/start", tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ApplicationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn start_screening(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    act(
        caller,
        &db,
        id.into_inner(),
        &[Role::Secretariat],
        |tx, app| move_to(tx, app.id, ApplicationState::Screening, None, None).map(|_| ()),
    )
    .await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ScreenApplicationRequest)]
pub struct ScreeningRequest {
    /// `true` passes the application to the Board (voting opens).
    pub eligible: bool,
    /// Why; at least one reason when ineligible (a 400 naming `reasons` otherwise).
    #[serde(default)]
    pub reasons: Vec<Text>,
}

/// Record the screening result (secretariat): eligible → `under_review`, else
/// `ineligible` with reasons. A still-submitted application is moved to screening first.
#[utoipa::path(post, path = "/api/v1/applications/{id}/screening", tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ScreeningRequest,
    responses(
        (status = 200, body = ApplicationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn screen(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    body: Json<ScreeningRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    if !body.eligible && body.reasons.is_empty() {
        return Err(AppError::bad_field(
            "reasons",
            "say why the application is ineligible",
        ));
    }
    if body.reasons.len() > 50 {
        return Err(AppError::bad_field("reasons", "at most 50 reasons"));
    }
    let reasons: Vec<String> = body.reasons.into_iter().map(Text::into_string).collect();
    let to = if body.eligible {
        ApplicationState::UnderReview
    } else {
        ApplicationState::Ineligible
    };
    act(
        caller.into_inner(),
        &db,
        id.into_inner(),
        &[Role::Secretariat],
        move |tx, app| {
            if app.state == ApplicationState::Submitted {
                move_to(tx, app.id, ApplicationState::Screening, None, None)?;
            }
            let why = (!reasons.is_empty()).then(|| reasons.join("; "));
            move_to(tx, app.id, to, why, Some(reasons.clone()))?;
            let eligible = to == ApplicationState::UnderReview;
            let id = app.id;
            super::notices::screened(tx, id, eligible, &reasons)?;
            if eligible {
                // Under review is when the Board votes: each trustee who may vote hears.
                crate::voting::notices::voting_opened(tx, id)?;
            }
            Ok(())
        },
    )
    .await
}

/// Every move of an application, oldest first (whoever may see it).
#[utoipa::path(get, path = "/api/v1/applications/{id}/history", tag = "applications", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<TransitionView>)))]
pub async fn get_history(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let rows = db
        .read(move |conn| {
            find_visible(conn, &caller, id)?;
            history(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}
