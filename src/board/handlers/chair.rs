//! `POST /api/v1/board/chair`.

use crate::api::{only, Allowed};
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::board::actions;
use crate::board::rules::Term;
use crate::db::Db;
use crate::domain::{AppointmentId, ChairId};
use crate::error::{AppError, Problem};
use crate::http::Json;

#[derive(Debug, Deserialize, ToSchema)]
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

#[derive(Debug, Serialize, ToSchema)]
pub struct ChairDesignation {
    #[schema(value_type = uuid::Uuid)]
    pub id: ChairId,
    #[schema(value_type = uuid::Uuid)]
    pub appointment_id: AppointmentId,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Designate the Board's chair for up to a year (secretariat, recording the Board's
/// choice). Refused: `chair-period` (empty or over a year), `chair-not-active` (the
/// trustee does not sit over the whole period), `chair-overlap` (another chair then).
#[utoipa::path(post, path = "/api/v1/board/chair", tag = "board", security(("bearer" = [])),
    request_body = ChairRequest,
    responses(
        (status = 201, body = ChairDesignation),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn designate(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    body: Json<ChairRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let period = Term {
        start: body.from,
        end: body.to,
    };
    let chair = db
        .write(caller.actor(), move |tx| {
            actions::designate_chair(tx, body.appointment_id.into(), period)
        })
        .await?;
    Ok(HttpResponse::Created().json(ChairDesignation {
        id: chair.id,
        appointment_id: chair.appointment_id,
        from: chair.period.start,
        to: chair.period.end,
    }))
}
