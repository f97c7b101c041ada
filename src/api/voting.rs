//! The Board's votes, conflicts, decisions and awards on applications.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::Caller;
use super::{only, Allowed};
use crate::db::{Db, Tx};
use crate::domain::{ApplicationId, PositiveMoney, Text};
use crate::error::{AppError, Problem};
use crate::http::{IdempotencyHeader, Json};
use crate::voting::{self, Ballot, CastVote, DecisionView, VotesView};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(cast_vote)
        .service(list_votes)
        .service(declare_conflict)
        .service(decide_application)
        .service(get_decision)
        .service(award_from_reserve_list);
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CastVoteRequest)]
pub struct VoteRequest {
    pub vote: Ballot,
    /// Required to approve: within the call's range and not above the requested amount.
    pub recommended: Option<PositiveMoney>,
    /// Why the trustee votes so: required (every vote records its reason), not empty.
    pub comment: Text,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DeclareConflictRequest)]
pub struct ConflictRequest {
    pub reason: Text,
}

/// Cast or change a vote (an active trustee who is not recused), with a `comment` saying
/// why: a missing or empty comment is a 400 naming `comment`. Answers every vote: having
/// voted, the trustee may read the others'.
///
/// Rules the schema cannot state: An approval carries `recommended`, in USD, between the
/// call's `min_grant` and `max_grant` and not above the amount requested (422
/// `recommended-out-of-range`); a rejection or an abstention carries none.
#[utoipa::path(tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = VoteRequest,
    responses((status = 200, body = VotesView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    operation_id = "cast_vote")]
#[post("/api/v1/applications/{id}/votes")]
async fn cast_vote(
    caller: Allowed<only::Trustee>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    body: Json<VoteRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let vote = CastVote {
        application: id.into_inner(),
        ballot: body.vote,
        recommended: body.recommended,
        comment: body.comment.into_string(),
    };
    let view = caller
        .write(&db, move |tx| voting::cast_vote(tx, vote))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Votes and recusals on an application (trustees and staff; never the applicant).
///
/// Votes are independent: while voting is open a trustee who has not voted, or who is
/// recused, reads only their own vote and recusal, with `sealed` true, the tallies 0 and
/// `votes_cast` the number of votes cast (no choice, amount, comment or name of anyone
/// else's). Once they vote, or once voting closes with the decision, a trustee reads
/// every vote. The secretariat, admins, finance and auditors always read every vote.
#[utoipa::path(tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = VotesView)),
    operation_id = "list_votes")]
#[get("/api/v1/applications/{id}/votes")]
async fn list_votes(
    caller: Allowed<only::StaffOrTrustee>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = caller
        .read(&db, move |conn, actor| voting::list_votes(conn, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Declare a conflict of interest: the trustee is recused and any vote withdrawn. A
/// recused trustee takes no part in the vote: the answer is sealed like `list_votes`
/// before a vote, until voting closes.
#[utoipa::path(tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ConflictRequest,
    responses((status = 201, body = VotesView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    operation_id = "declare_conflict")]
#[post("/api/v1/applications/{id}/conflicts")]
async fn declare_conflict(
    caller: Allowed<only::Trustee>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    body: Json<ConflictRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let reason = body.into_inner().reason.into_string();
    let view = caller
        .write(&db, move |tx| voting::declare_conflict(tx, id, reason))
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
///
/// Rules the schema cannot state: Needs three votes of trustees who are not recused (422
/// `quorum-not-met`, `quorum-impossible`); a tie needs the chair's vote (`tie-unresolved`).
#[utoipa::path(tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = DecisionView),
        (status = 400, description = "A malformed Idempotency-Key header", body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "quorum-not-met, quorum-impossible, tie-unresolved, organization-refused, organization-not-verified or envelope-exhausted", body = Problem, content_type = "application/problem+json")),
    operation_id = "decide_application")]
#[post("/api/v1/applications/{id}/decision")]
async fn decide_application(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    key: IdempotencyHeader,
) -> Result<HttpResponse, AppError> {
    let step = voting::decide_application;
    decision_step(
        &caller,
        &db,
        id.into_inner(),
        key,
        StatusCode::CREATED,
        step,
    )
    .await
}

/// The secretariat's steps that end in a decision (deciding, awarding from the reserve
/// list): one change answering the decision as `status`, once per `Idempotency-Key`.
async fn decision_step(
    caller: &Caller,
    db: &Db,
    id: ApplicationId,
    key: IdempotencyHeader,
    status: StatusCode,
    step: fn(&mut Tx, ApplicationId) -> Result<DecisionView, AppError>,
) -> Result<HttpResponse, AppError> {
    caller
        .write_once(db, key.0, status, move |tx| step(tx, id))
        .await
}

/// The decision on an application, once taken.
#[utoipa::path(tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DecisionView)),
    operation_id = "get_decision")]
#[get("/api/v1/applications/{id}/decision")]
async fn get_decision(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let decision = caller
        .read(&db, move |conn, actor| {
            voting::show_decision(conn, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(decision))
}

/// Award an application from the reserve list, in the order of decision (secretariat),
/// skipping those whose organisation has been refused since. Refused, with nothing
/// written, when its own organisation may no longer receive money or the Fund cannot
/// cover it; its award has counted against the call's envelope since the decision.
/// Honours `Idempotency-Key`.
#[utoipa::path(tag = "voting", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 200, body = DecisionView),
        (status = 400, description = "A malformed Idempotency-Key header", body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "insufficient-funds, reserve-order, organization-refused, organization-not-verified or envelope-exhausted", body = Problem, content_type = "application/problem+json")),
    operation_id = "award_from_reserve_list")]
#[post("/api/v1/applications/{id}/award")]
async fn award_from_reserve_list(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    key: IdempotencyHeader,
) -> Result<HttpResponse, AppError> {
    let step = voting::award_from_reserve_list;
    decision_step(&caller, &db, id.into_inner(), key, StatusCode::OK, step).await
}
