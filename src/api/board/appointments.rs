//! `POST/GET /api/v1/board/appointments`, `GET …/{id}`, `POST …/{id}/end`.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::{only, Allowed};
use crate::board::{self, AppointTrustee, Appointed, AppointmentView, EndReason, Ending, Refused};
use crate::db::Db;
use crate::domain::{AppointmentId, CountryCode, ShortText, Text, UserId};
use crate::error::{AppError, FieldError, Problem, PROBLEM_JSON};
use crate::http::{Json, PageParams, Query};

crate::page_names!(AppointmentView => AppointmentPage);

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = AppointTrusteeRequest)]
pub struct AppointmentRequest {
    pub name: ShortText,
    /// ISO 3166-1 alpha-2 code of a UN Member State; it decides the regional group.
    pub nationality: CountryCode,
    /// Relevant experience.
    pub experience: Text,
    /// Date of appointment by the Secretary-General: on or before the term starts.
    #[serde(deserialize_with = "crate::domain::date")]
    pub appointed_on: NaiveDate,
    #[serde(deserialize_with = "crate::domain::date")]
    pub term_start: NaiveDate,
    /// Exclusive (a term is `[term_start, term_end)`), at most three years after
    /// `term_start`; omitted, it is exactly three years after it.
    #[serde(default, deserialize_with = "crate::domain::optional_date")]
    pub term_end: Option<NaiveDate>,
    /// Member States consulted (at least one).
    #[schema(min_items = 1)]
    pub consulted_member_states: Vec<CountryCode>,
    /// When the UNODC Executive Director was consulted: on or before `appointed_on`, and
    /// not after the day the appointment is recorded.
    #[serde(deserialize_with = "crate::domain::date")]
    pub consulted_executive_director_on: NaiveDate,
    /// The trustee's user account, if they have one: an enabled `trustee` account.
    pub user_id: Option<Uuid>,
    /// Required for a term shorter than three years: the appointment whose term this one
    /// completes (same regional group; this term ends when that one was scheduled to).
    pub completes_appointment_id: Option<Uuid>,
    /// For a person appointed before: the `person_id` of their earlier appointment (every
    /// appointment view shows it). Their terms are then counted together for the limit of
    /// two consecutive terms. Omitted, the person is the one the linked `user_id` already
    /// belongs to, else someone new to the Board. A namesake under another person (same
    /// name and nationality) is not linked: the answer warns of it (`warnings`).
    pub person_id: Option<Uuid>,
}

/// A seat rule's refusal: problem+json with the rule's extra members beside the standard
/// ones (RFC 9457 allows extension members).
#[derive(Serialize)]
struct ProblemWithInfo {
    #[serde(flatten)]
    problem: Problem,
    #[serde(flatten)]
    info: Map<String, Value>,
}

fn refusal(refused: Refused) -> HttpResponse {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let body = ProblemWithInfo {
        problem: Problem {
            problem_type: format!("urn:trustfund:problem:{}", refused.rule),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail: refused.detail.clone(),
            rule: Some(refused.rule),
            errors: vec![FieldError::new(refused.field, refused.detail)],
        },
        info: refused.info,
    };
    HttpResponse::build(status)
        .content_type(PROBLEM_JSON)
        .json(body)
}

/// Appoint a trustee (secretariat). Refused (422) for a sixth seat (`seat-limit`), a
/// second member of a regional group (`geographic-balance`, naming the group and the
/// member), a third consecutive term of the same person (`term-limit`: terms separated by
/// less than a full term of three years are consecutive), bad dates (`term-dates`,
/// `term-length`, `consultation`), a short term that completes no predecessor's
/// (`term-completion`) or an unusable account (`trustee-account`).
///
/// Rules the schema cannot state: `term_end` is after `term_start` (422 `term-dates`) and at most three years later (`term-length`); the appointment is made on or before the term starts; the UNODC Executive Director is consulted before it is made and not after today (`consultation`); `person_id` names the person of an earlier appointment (400), to which a linked account, if it has appointments, also belongs (`trustee-account`); no Member State consulted is listed twice; the seat of the nationality's regional group is free for the whole term (`seat-limit`, `geographic-balance`, `term-limit`).
#[utoipa::path(tag = "board", security(("bearer" = [])),
    request_body = AppointmentRequest,
    responses(
        (status = 201, body = AppointmentView),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "appoint_trustee")]
#[post("/api/v1/board/appointments")]
pub async fn appoint_trustee(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    body: Json<AppointmentRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let asked = AppointTrustee {
        name: body.name.into_string(),
        nationality: body.nationality,
        experience: body.experience.into_string(),
        appointed_on: body.appointed_on,
        term_start: body.term_start,
        term_end: body.term_end,
        consulted_member_states: body.consulted_member_states,
        consulted_executive_director_on: body.consulted_executive_director_on,
        user_id: body.user_id.map(UserId::from),
        completes: body.completes_appointment_id.map(AppointmentId::from),
        person_id: body.person_id.map(AppointmentId::from),
    };
    match caller
        .write(&db, move |tx| board::appoint_trustee(tx, asked))
        .await?
    {
        Appointed::Made(view) => Ok(HttpResponse::Created().json(view)),
        Appointed::Refused(refused) => Ok(refusal(refused)),
    }
}

/// Every appointment ever made, newest first (secretariat, admin, auditor).
#[utoipa::path(tag = "board", security(("bearer" = [])),
    params(PageParams),
    responses((status = 200, body = AppointmentPage)),
    operation_id = "list_appointments")]
#[get("/api/v1/board/appointments")]
pub async fn list_appointments(
    caller: Allowed<only::Oversight>,
    db: web::Data<Db>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let request = page.request()?;
    let page = caller
        .read(&db, move |conn, actor| {
            board::list_appointments(conn, actor, request)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One appointment (secretariat, admin, auditor).
#[utoipa::path(tag = "board", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = AppointmentView)),
    operation_id = "get_appointment")]
#[get("/api/v1/board/appointments/{id}")]
pub async fn get_appointment(
    caller: Allowed<only::Oversight>,
    db: web::Data<Db>,
    id: web::Path<AppointmentId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let appointment = caller
        .read(&db, move |conn, actor| {
            board::show_appointment(conn, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(appointment))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = EndAppointmentRequest)]
pub struct EndRequest {
    /// The first day the trustee no longer sits. For `end_of_term`, the term's end.
    #[serde(deserialize_with = "crate::domain::date")]
    pub ended_on: NaiveDate,
    pub reason: EndReason,
    pub note: Option<Text>,
}

/// End an appointment: resignation or termination (secretariat). A term also ends by
/// itself on `term_end`; recording it (`end_of_term`) is optional. 409 if already ended.
///
/// Rules the schema cannot state: `ended_on` falls within the term (on or after its start, before its end); for `end_of_term` it is the term's end (422 naming the rule).
#[utoipa::path(tag = "board", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = EndRequest,
    responses(
        (status = 200, body = AppointmentView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "end_appointment")]
#[post("/api/v1/board/appointments/{id}/end")]
pub async fn end_appointment(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<AppointmentId>,
    body: Json<EndRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let ending = Ending {
        ended_on: body.ended_on,
        reason: body.reason,
        note: body.note.map(Text::into_string),
    };
    let ended = caller
        .write(&db, move |tx| board::end_appointment(tx, id, ending))
        .await?;
    Ok(HttpResponse::Ok().json(ended))
}
