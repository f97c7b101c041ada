//! `POST/GET /api/v1/grants/{id}/amendments`: the secretariat amends a grant; whoever may
//! read the grant reads its amendments.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::agreement::{BudgetLineRequest, TrancheRequest};
use crate::api::{only, Allowed};
use crate::config::GrantSettings;
use crate::db::Db;
use crate::domain::{GrantId, Money, ShortText, Text};
use crate::error::{AppError, Problem};
use crate::grants::{self, AmendmentKind, AmendmentView, NewAmendment};
use crate::http::IdempotentJson;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmendmentRequest {
    pub kind: AmendmentKind,
    /// Why the grant is amended.
    pub reason: Text,
    /// The Board decision the amendment rests on; required for an award increase.
    #[serde(default)]
    pub board_decision: Option<ShortText>,
    /// An extension's new end of the grant period.
    #[serde(default, deserialize_with = "crate::domain::optional_date")]
    pub period_end: Option<NaiveDate>,
    /// A budget revision's lines, or an award change's (left out, the last line takes the
    /// change); they add up to the award exactly.
    #[serde(default)]
    #[schema(max_items = 200)]
    pub budget_lines: Option<Vec<BudgetLineRequest>>,
    /// An award change's new award.
    #[serde(default)]
    #[schema(value_type = Option<crate::domain::Money>)]
    pub award: Option<Money>,
    /// The new schedule of the unpaid tranches (those after the last one paid on), in
    /// order: with an extension, or an award change (left out, the last unpaid tranche
    /// takes the change). They add up to the award less the tranches that stay.
    #[serde(default)]
    #[schema(max_items = 12)]
    pub tranches: Option<Vec<TrancheRequest>>,
}

/// Amend a grant (secretariat): a numbered version with its reason. `extension` sets a
/// later `period_end` (within the call's longest duration plus the configured months,
/// from the period's start; 422 `duration-too-long`), optionally with the unpaid
/// tranches; `budget_revision` replaces the budget lines (adding up to the award, 422
/// `budget-mismatch`); `award_change` sets `award`: a decrease releases commitment and
/// its programme support cost (never below what stays paid, 422 `award-below-paid`); an
/// increase needs `board_decision` (422 `board-decision-required`) and must fit the
/// Fund's available balance (422 `insufficient-funds`) and the call's envelope (422
/// `envelope-exhausted`). Only an awarded grant or one with a signed agreement is amended
/// (409); so is one version once (409 to the second of two amendments at once). Honours
/// `Idempotency-Key`.
///
/// Rules the schema cannot state: The fields each kind needs are given (400 naming
/// them); amounts in the award's currency (`currency-mismatch`); tranches add up to the
/// award less the tranches that stay (`schedule-mismatch`), due dates in order within the
/// period (`schedule-dates`); an extension and a budget revision need the signed
/// agreement (`no-agreement`).
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = AmendmentRequest,
    responses((status = 201, body = AmendmentView),
        (status = 409, description = "The grant is not open to amendments, or another amendment took this version", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    operation_id = "amend_grant")]
#[post("/api/v1/grants/{id}/amendments")]
async fn amend_grant(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    settings: web::Data<GrantSettings>,
    id: web::Path<GrantId>,
    body: IdempotentJson<AmendmentRequest>,
) -> Result<HttpResponse, AppError> {
    let IdempotentJson { body, key } = body;
    let new = NewAmendment {
        grant: id.into_inner(),
        kind: body.kind,
        reason: body.reason.into_string(),
        board_decision: body.board_decision.map(ShortText::into_string),
        period_end: body.period_end,
        budget_lines: body.budget_lines.map(BudgetLineRequest::parse),
        award: body.award,
        tranches: body.tranches.map(|ts| {
            ts.into_iter()
                .map(|t| (t.amount.into_inner(), t.due_on))
                .collect()
        }),
        extension_max_months: settings.extension_max_months,
    };
    caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            grants::amend(tx, new)
        })
        .await
}

/// A grant's amendments, in version order (whoever may read the grant).
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<AmendmentView>)),
    operation_id = "list_amendments")]
#[get("/api/v1/grants/{id}/amendments")]
async fn list_amendments(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
) -> Result<HttpResponse, AppError> {
    let grant = id.into_inner();
    let amendments = caller
        .read(&db, move |conn, actor| {
            grants::list_amendments(conn, actor, grant)
        })
        .await?;
    Ok(HttpResponse::Ok().json(amendments))
}
