//! `POST /api/v1/board/chair`.

use actix_web::{post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::{only, Allowed};
use crate::board::{self, ChairChoice, ChairDecision, ChairDesignation, Term};
use crate::db::Db;
use crate::domain::ShortText;
use crate::error::{AppError, Problem};
use crate::http::Json;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DesignateChairRequest)]
pub struct ChairRequest {
    pub appointment_id: Uuid,
    /// First day as chair.
    #[serde(deserialize_with = "crate::domain::date")]
    pub from: NaiveDate,
    /// Exclusive: the first day no longer chair; at most one year after `from`.
    #[serde(deserialize_with = "crate::domain::date")]
    pub to: NaiveDate,
    /// The Board's decision that chose the chair (required): the secretariat records it,
    /// the Board makes it.
    pub board_decision: ChairDecisionRequest,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChairDecisionRequest {
    /// The day of the Board's meeting that chose the chair: not after today, not after
    /// `from`.
    #[serde(deserialize_with = "crate::domain::date")]
    pub meeting_on: NaiveDate,
    /// The reference of the meeting's record (report or minutes, with its paragraph).
    pub record_reference: ShortText,
}

/// Designate the Board's chair for up to a year (secretariat, recording the Board's
/// decision, `board_decision`, which is required). Refused: `chair-period` (empty or over
/// a year), `chair-not-active` (the trustee does not sit over the whole period),
/// `chair-overlap` (another chair then), `chair-decision` (the meeting is in the future
/// or after `from`).
///
/// Rules the schema cannot state: `appointment_id` names an appointment (400); `to` is after `from` and at most one year later; the trustee sits for the whole period; `board_decision.meeting_on` is on or before today and on or before `from`.
#[utoipa::path(tag = "board", security(("bearer" = [])),
    request_body = ChairRequest,
    responses(
        (status = 201, body = ChairDesignation),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "designate_chair")]
#[post("/api/v1/board/chair")]
pub async fn designate_chair(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    body: Json<ChairRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let choice = ChairChoice {
        appointment_id: body.appointment_id.into(),
        period: Term {
            start: body.from,
            end: body.to,
        },
        decision: ChairDecision {
            meeting_on: body.board_decision.meeting_on,
            record_reference: body.board_decision.record_reference.into_string(),
        },
    };
    let chair = caller
        .write(&db, move |tx| board::designate_chair(tx, choice))
        .await?;
    Ok(HttpResponse::Created().json(chair))
}
