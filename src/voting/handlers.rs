//! Votes, conflicts, decisions and awards over HTTP.

use crate::api::{only, Allowed};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde::Deserialize;
use utoipa::ToSchema;

use super::decision::{self, DecisionView};
use super::model::{self, recusal_of, VotesView};
use super::rules::Choice;
use crate::api::Caller;
use crate::applications::{self, ApplicationState, DecisionFacts};
use crate::auth::Role;
use crate::board::Seat;
use crate::db::{Db, DbConnection};
use crate::domain::{ApplicationId, Currency, PositiveMoney, Text};
use crate::error::Rule;
use crate::error::{AppError, Problem};
use crate::http::{IdempotencyHeader, Json};

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VoteKind {
    Approve,
    Reject,
    Abstain,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CastVoteRequest)]
pub struct VoteRequest {
    pub vote: VoteKind,
    /// Required to approve: within the call's range and not above the requested amount.
    pub recommended: Option<PositiveMoney>,
    /// Why the trustee votes so: required (every vote records its reason), not empty.
    pub comment: Text,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DeclareConflictRequest)]
pub struct ConflictRequest {
    pub reason: Text,
}

/// The caller's seat on the Board today: a trustee whose term has ended cannot act.
fn seat_of(conn: &mut DbConnection, caller: &Caller) -> Result<Seat, AppError> {
    crate::board::active_seat_of_user(conn, caller.id(), Utc::now().date_naive())?.ok_or_else(
        || {
            AppError::rule(
                Rule::NotAnActiveTrustee,
                "your account is not linked to a Board appointment active today",
            )
        },
    )
}

/// Checks the caller may see the application (404 otherwise), then loads its facts.
fn facts(
    conn: &mut DbConnection,
    caller: &Caller,
    id: ApplicationId,
) -> Result<DecisionFacts, AppError> {
    applications::find_visible(conn, caller, id)?;
    applications::facts_for_decision(conn, id)
}

fn choice(body: &VoteRequest, facts: &DecisionFacts) -> Result<Choice, AppError> {
    match (body.vote, body.recommended.as_ref()) {
        (VoteKind::Approve, None) => Err(AppError::bad_field(
            "recommended",
            "an approval needs a recommended amount",
        )),
        (VoteKind::Approve, Some(amount)) => {
            let amount = **amount;
            if amount.currency() != Currency::USD {
                return Err(AppError::bad_field("recommended.currency", "must be USD"));
            }
            let (min, max, requested) = (
                facts.min_grant.to_minor(),
                facts.max_grant.to_minor(),
                facts.requested.to_minor(),
            );
            let minor = amount.to_minor();
            if minor < min || minor > max || minor > requested {
                return Err(AppError::rule_on_field(
                    Rule::RecommendedOutOfRange,
                    "recommended",
                    format!(
                        "the recommended amount must be between {} and {} and not above the requested {}",
                        facts.min_grant, facts.max_grant, facts.requested
                    ),
                ));
            }
            Ok(Choice::Approve(amount))
        }
        (_, Some(_)) => Err(AppError::bad_field(
            "recommended",
            "only an approval carries a recommended amount",
        )),
        (VoteKind::Reject, None) => Ok(Choice::Reject),
        (VoteKind::Abstain, None) => Ok(Choice::Abstain),
    }
}

/// Cast or change a vote (an active trustee who is not recused), with a `comment` saying
/// why: a missing or empty comment is a 400 naming `comment`.
#[utoipa::path(post, path = "/api/v1/applications/{id}/votes", tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = VoteRequest,
    responses((status = 200, body = VotesView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn cast_vote(
    caller: Allowed<only::Trustee>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    body: Json<VoteRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let view = db
        .write(caller.actor(), move |tx| {
            let facts = facts(tx.conn(), &caller, id)?;
            if facts.state != ApplicationState::UnderReview {
                return Err(AppError::conflict("voting is closed on this application"));
            }
            let seat = seat_of(tx.conn(), &caller)?;
            let declared = model::declared_conflicts(tx.conn(), id)?;
            if let Some((reason, _)) = recusal_of(&seat, &facts, &declared) {
                return Err(AppError::rule(
                    Rule::Recused,
                    format!("you are recused from this application: {reason}"),
                ));
            }
            let choice = choice(&body, &facts)?;
            let comment = body.comment.into_string();
            model::upsert_vote(tx, id, &seat, caller.id(), choice, comment)?;
            let today = tx.now().date();
            Ok(model::standing(tx.conn(), &facts, today)?.view)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Votes and recusals on an application (trustees and staff; never the applicant).
#[utoipa::path(get, path = "/api/v1/applications/{id}/votes", tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = VotesView)))]
pub async fn list_votes(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = db
        .read(move |conn| {
            let facts = facts(conn, &caller, id)?;
            caller.require(&[
                Role::Trustee,
                Role::Secretariat,
                Role::Admin,
                Role::Auditor,
                Role::Finance,
            ])?;
            Ok(model::standing(conn, &facts, Utc::now().date_naive())?.view)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Declare a conflict of interest: the trustee is recused and any vote withdrawn.
#[utoipa::path(post, path = "/api/v1/applications/{id}/conflicts", tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ConflictRequest,
    responses((status = 201, body = VotesView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn declare_conflict(
    caller: Allowed<only::Trustee>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    body: Json<ConflictRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let reason = body.into_inner().reason.into_string();
    let view = db
        .write(caller.actor(), move |tx| {
            let facts = facts(tx.conn(), &caller, id)?;
            if facts.state != ApplicationState::UnderReview {
                return Err(AppError::conflict("voting is closed on this application"));
            }
            let seat = seat_of(tx.conn(), &caller)?;
            model::declare_conflict(tx, id, &seat, caller.id(), reason)?;
            let today = tx.now().date();
            Ok(model::standing(tx.conn(), &facts, today)?.view)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Close voting and apply the decision rule (secretariat). An approval the Fund cannot
/// cover goes to the reserve list. An approval is refused, leaving the application under
/// review and nothing written, when the organisation may no longer receive money
/// (`organization-refused`, `organization-not-verified`) or when the award would take what
/// the call has approved (granted or on the reserve list) above its envelope
/// (`envelope-exhausted`): the envelope is a cap per call, not a lack of money, so such an
/// approval does not wait on the reserve list; the Board can lower the award to what is
/// left (`GET /api/v1/calls/{id}` shows `remaining`). A rejection is always recorded.
/// Honours `Idempotency-Key`: a retry replays the answer.
#[utoipa::path(post, path = "/api/v1/applications/{id}/decision", tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = DecisionView),
        (status = 400, description = "A malformed Idempotency-Key header", body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "quorum-not-met, quorum-impossible, tie-unresolved, organization-refused, organization-not-verified or envelope-exhausted", body = Problem, content_type = "application/problem+json")))]
pub async fn decide(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    key: IdempotencyHeader,
) -> Result<HttpResponse, AppError> {
    caller.require(&[Role::Secretariat])?;
    let id = id.into_inner();
    let reader = caller.clone();
    caller
        .write_once(&db, key.0, StatusCode::CREATED, move |tx| {
            applications::find_visible(tx.conn(), &reader, id)?;
            let today = tx.now().date();
            decision::record(tx, id, today)
        })
        .await
}

/// The decision on an application, once taken.
#[utoipa::path(get, path = "/api/v1/applications/{id}/decision", tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DecisionView)))]
pub async fn get_decision(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let decision = db
        .read(move |conn| {
            applications::find_visible(conn, &caller, id)?;
            decision::find(conn, id)?.ok_or(AppError::NotFound)
        })
        .await?;
    Ok(HttpResponse::Ok().json(decision))
}

/// Award an application from the reserve list, in the order of decision (secretariat),
/// skipping those whose organisation has been refused since. Refused, with nothing
/// written, when its own organisation may no longer receive money or the Fund cannot
/// cover it; its award has counted against the call's envelope since the decision.
/// Honours `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/applications/{id}/award", tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 200, body = DecisionView),
        (status = 400, description = "A malformed Idempotency-Key header", body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "insufficient-funds, reserve-order, organization-refused, organization-not-verified or envelope-exhausted", body = Problem, content_type = "application/problem+json")))]
pub async fn award(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    key: IdempotencyHeader,
) -> Result<HttpResponse, AppError> {
    caller.require(&[Role::Secretariat])?;
    let id = id.into_inner();
    let reader = caller.clone();
    caller
        .write_once(&db, key.0, StatusCode::OK, move |tx| {
            applications::find_visible(tx.conn(), &reader, id)?;
            decision::award_from_reserve(tx, id)
        })
        .await
}
