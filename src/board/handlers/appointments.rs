//! `POST/GET /api/v1/board/appointments`, `GET …/{id}`, `POST …/{id}/end`.

use crate::api::{only, Allowed};
use std::collections::HashSet;

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::today;
use crate::api::Caller;
use crate::auth::Role;
use crate::board::actions::{self, NewAppointment, Outcome};
use crate::board::model::{self, EndReason};
use crate::board::rules::{self, DatesProblem};
use crate::board::views::AppointmentView;
use crate::db::Db;
use crate::domain::{AppointmentId, CountryCode, ShortText, Text, UserId};
use crate::error::Rule;
use crate::error::{AppError, Problem};
use crate::http::{Cursor, Json, Page, PageParams, Query};

crate::page_names!(AppointmentView => AppointmentPage);

/// Who may read the appointments' history.
const READERS: &[Role] = &[Role::Secretariat, Role::Admin, Role::Auditor];

#[derive(Debug, Deserialize, ToSchema)]
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
    /// When the UNODC Executive Director was consulted: on or before `appointed_on`.
    #[serde(deserialize_with = "crate::domain::date")]
    pub consulted_executive_director_on: NaiveDate,
    /// The trustee's user account, if they have one: an enabled `trustee` account.
    pub user_id: Option<Uuid>,
    /// Required for a term shorter than three years: the appointment whose term this one
    /// completes (same regional group; this term ends when that one was scheduled to).
    pub completes_appointment_id: Option<Uuid>,
}

fn parse(body: AppointmentRequest) -> Result<NewAppointment, AppError> {
    if body.consulted_member_states.is_empty() {
        return Err(AppError::bad_field(
            "consulted_member_states",
            "name at least one Member State consulted",
        ));
    }
    let mut seen = HashSet::new();
    if let Some(i) = body
        .consulted_member_states
        .iter()
        .position(|c| !seen.insert(*c))
    {
        return Err(AppError::bad_field(
            format!("consulted_member_states[{i}]"),
            "listed twice",
        ));
    }
    let term_end = match body.term_end {
        Some(end) => end,
        None => rules::default_term_end(body.term_start)
            .ok_or_else(|| AppError::bad_field("term_start", "date out of range"))?,
    };
    let term = rules::check_term_dates(body.term_start, term_end).map_err(|p| match p {
        DatesProblem::EndsBeforeStart => AppError::rule_on_field(
            Rule::TermDates,
            "term_end",
            "the term must end after it starts",
        ),
        DatesProblem::TooLong { latest_end } => AppError::rule_on_field(
            Rule::TermLength,
            "term_end",
            format!("a term lasts at most three years: it must end by {latest_end}"),
        ),
    })?;
    if body.appointed_on > body.term_start {
        return Err(AppError::rule_on_field(
            Rule::TermDates,
            "appointed_on",
            "the appointment is made on or before the day the term starts",
        ));
    }
    if body.consulted_executive_director_on > body.appointed_on {
        return Err(AppError::rule_on_field(
            Rule::Consultation,
            "consulted_executive_director_on",
            "the UNODC Executive Director is consulted before the appointment is made",
        ));
    }
    Ok(NewAppointment {
        name: body.name.into_string(),
        nationality: body.nationality,
        experience: body.experience.into_string(),
        appointed_on: body.appointed_on,
        term,
        consulted_member_states: body.consulted_member_states,
        consulted_executive_director_on: body.consulted_executive_director_on,
        user_id: body.user_id.map(UserId::from),
        completes: body.completes_appointment_id.map(AppointmentId::from),
    })
}

/// Appoint a trustee (secretariat). Refused (422) for a sixth seat (`seat-limit`), a
/// second member of a regional group (`geographic-balance`, naming the group and the
/// member), a third consecutive term (`term-limit`), bad dates (`term-dates`,
/// `term-length`, `consultation`), a short term that completes no predecessor's
/// (`term-completion`) or an unusable account (`trustee-account`).
#[utoipa::path(post, path = "/api/v1/board/appointments", tag = "board", security(("bearer" = [])),
    request_body = AppointmentRequest,
    responses(
        (status = 201, body = AppointmentView),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    body: Json<AppointmentRequest>,
) -> Result<HttpResponse, AppError> {
    let new = parse(body.into_inner())?;
    match db
        .write(caller.actor(), move |tx| actions::appoint(tx, new))
        .await?
    {
        Outcome::Created(a) => Ok(HttpResponse::Created().json(AppointmentView::on(&a, today()))),
        Outcome::Refused(refused) => Ok(refused.response()),
    }
}

/// Every appointment ever made, newest first (secretariat, admin, auditor).
#[utoipa::path(get, path = "/api/v1/board/appointments", tag = "board", security(("bearer" = [])),
    params(PageParams),
    responses((status = 200, body = AppointmentPage)))]
pub async fn list(
    caller: Caller,
    db: web::Data<Db>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    caller.require(READERS)?;
    let limit = page.limit()?;
    let cursor = page.cursor()?;
    let rows = db
        .read(move |conn| model::page(conn, limit, cursor))
        .await?;
    let day = today();
    let page = Page::from_rows(
        rows,
        limit,
        |a| Cursor::new(a.created_at, a.id),
        |a| AppointmentView::on(&a, day),
    );
    Ok(HttpResponse::Ok().json(page))
}

/// One appointment (secretariat, admin, auditor).
#[utoipa::path(get, path = "/api/v1/board/appointments/{id}", tag = "board", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = AppointmentView)))]
pub async fn get(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<AppointmentId>,
) -> Result<HttpResponse, AppError> {
    caller.require(READERS)?;
    let id = id.into_inner();
    let appointment = db
        .read(move |conn| model::find(conn, id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(AppointmentView::on(&appointment, today())))
}

#[derive(Debug, Deserialize, ToSchema)]
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
#[utoipa::path(post, path = "/api/v1/board/appointments/{id}/end", tag = "board", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = EndRequest,
    responses(
        (status = 200, body = AppointmentView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn end(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<AppointmentId>,
    body: Json<EndRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let ended = db
        .write(caller.actor(), move |tx| {
            actions::end(
                tx,
                id,
                body.ended_on,
                body.reason,
                body.note.map(Text::into_string),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(AppointmentView::on(&ended, today())))
}
