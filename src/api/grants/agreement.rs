//! `POST /api/v1/grants/{id}/agreement`: the secretariat signs a grant's agreement.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::{only, Allowed};
use crate::db::Db;
use crate::domain::{GrantId, Money, PositiveMoney, ShortText};
use crate::error::{AppError, Problem};
use crate::grants::{self, BudgetLine, GrantView, NewAgreement};
use crate::http::IdempotentJson;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrancheRequest {
    /// In the award's currency; the tranches add up to the award exactly.
    pub amount: PositiveMoney,
    /// In order, from the signature to the end of the grant period.
    #[serde(deserialize_with = "crate::domain::date")]
    pub due_on: NaiveDate,
}

/// One line of a grant's budget.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetLineRequest {
    /// Named once in the budget.
    pub label: ShortText,
    /// In the award's currency, zero or more; the lines add up to the award exactly.
    #[schema(value_type = crate::domain::Money)]
    pub amount: Money,
}

impl BudgetLineRequest {
    pub fn parse(lines: Vec<BudgetLineRequest>) -> Vec<BudgetLine> {
        lines
            .into_iter()
            .map(|l| BudgetLine {
                label: l.label.into_string(),
                amount: l.amount,
            })
            .collect()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementRequest {
    /// From the award to tomorrow (UTC).
    #[serde(deserialize_with = "crate::domain::date")]
    pub signed_on: NaiveDate,
    #[serde(deserialize_with = "crate::domain::date")]
    pub period_start: NaiveDate,
    /// After `period_start`, at most 60 months later.
    #[serde(deserialize_with = "crate::domain::date")]
    pub period_end: NaiveDate,
    /// 1 to 12 tranches.
    #[schema(min_items = 1, max_items = 12)]
    pub tranches: Vec<TrancheRequest>,
    /// The budget at the award: lines adding up to the award exactly. Left out, the
    /// application's budget is taken when it already adds up to the award.
    #[serde(default)]
    #[schema(max_items = 200)]
    pub budget_lines: Option<Vec<BudgetLineRequest>>,
}

/// Sign a grant's agreement with its tranche schedule and budget (secretariat). Once only
/// (409 after); the tranches add up to the award exactly (422 `schedule-mismatch`), due
/// dates in order inside the period (422 `schedule-dates`); the budget lines add up to the
/// award exactly (422 `budget-mismatch`), and without them the application's budget is
/// taken only when it already does (else 422 `budget-lines-required`); the grantee must
/// still be allowed money; the grant carries the agreement as signed, a current
/// `signed_agreement` document (422 `documents-missing`: attach it first with
/// `POST /api/v1/grants/{id}/documents`). Each tranche gets its part of the programme support cost (its share rounded
/// down to the cent, the last tranche takes the rest). Honours `Idempotency-Key`.
///
/// Rules the schema cannot state: Every amount is in the award's currency with no more
/// decimal places than it allows; the tranches add up to the award exactly (422
/// `schedule-mismatch`); `signed_on` ≤ `period_start` ≤ `period_end`, due dates in order
/// within the period (422 `schedule-dates`); budget lines labelled once, adding up to the
/// award (`budget-mismatch`, or `budget-lines-required` when left out and the
/// application's budget does not); signed once (409); the grantee may still receive money;
/// a current `signed_agreement` document on the grant (422 `documents-missing`, field
/// `documents`).
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = AgreementRequest,
    responses((status = 201, body = GrantView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "schedule-mismatch, schedule-dates, currency-mismatch, budget-mismatch, budget-lines-required, organization-refused, organization-not-verified, documents-missing")),
    operation_id = "sign_grant_agreement")]
#[post("/api/v1/grants/{id}/agreement")]
async fn sign_grant_agreement(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
    body: IdempotentJson<AgreementRequest>,
) -> Result<HttpResponse, AppError> {
    let IdempotentJson { body, key } = body;
    let new = NewAgreement {
        grant: id.into_inner(),
        signed_on: body.signed_on,
        period_start: body.period_start,
        period_end: body.period_end,
        tranches: body
            .tranches
            .into_iter()
            .map(|t| (t.amount.into_inner(), t.due_on))
            .collect(),
        budget_lines: body.budget_lines.map(BudgetLineRequest::parse),
    };
    caller
        .write_once(&db, key, StatusCode::CREATED, move |tx| {
            grants::sign_agreement(tx, new)
        })
        .await
}
