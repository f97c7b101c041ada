//! `POST /api/v1/board/chair`.

use actix_web::{post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::{only, Allowed};
use crate::board::{self, ChairChoice, ChairDesignation, Term};
use crate::db::Db;
use crate::error::{AppError, Problem};
use crate::http::Json;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
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
}

/// Designate the Board's chair for up to a year (secretariat, recording the Board's
/// choice). Refused: `chair-period` (empty or over a year), `chair-not-active` (the
/// trustee does not sit over the whole period), `chair-overlap` (another chair then).
///
/// Rules the schema cannot state: `appointment_id` names an appointment (400); `to` is after `from` and at most one year later; the trustee sits for the whole period.
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
    };
    let chair = caller
        .write(&db, move |tx| board::designate_chair(tx, choice))
        .await?;
    Ok(HttpResponse::Created().json(chair))
}
