//! `/secretariat/board`: the Board on a date the secretariat picks (the API's
//! `GET /api/v1/board/balance?on=`: who sits with their regional group and term, the
//! chair, which groups are represented and which missing), and the forms that appoint a
//! trustee (`board::appoint_trustee`: a refusal by a seat rule is told with the rule and
//! the member who holds the seat), end a term (`board::end_appointment`) and record the
//! Board's choice of chair (`board::designate_chair`).

use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::calls::{typed_date, typed_text};
use super::Country;
use crate::board::{
    AppointTrustee, Appointed, BoardView, ChairChoice, ChairDecision, EndReason, Ending, Refused,
    Term,
};
use crate::db::Db;
use crate::domain::{AppointmentId, CountryCode, QueryDate, RegionalGroup, Role};
use crate::error::{AppError, Rule};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

const END_REASONS: [&str; 3] = ["resignation", "termination", "end_of_term"];

/// A trustee as the page lists them: names, the group's words, the last day in office.
#[derive(Debug, Serialize)]
struct Sitting {
    appointment_id: String,
    name: String,
    nationality: Country,
    regional_group: RegionalGroup,
    term_start: NaiveDate,
    /// The last day in office (the API's `term_end` is the first day after it).
    term_last_day: NaiveDate,
    chair: bool,
}

/// The page's query: the day to show, and the notice after a change.
#[derive(Debug, Default, Deserialize)]
struct OnQuery {
    on: Option<String>,
    done: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct AppointForm {
    name: String,
    nationality: String,
    experience: String,
    appointed_on: String,
    term_start: String,
    term_end: String,
    consulted_member_states: Vec<String>,
    consulted_executive_director_on: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct EndForm {
    appointment: String,
    ended_on: String,
    reason: String,
    note: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct ChairForm {
    chair: String,
    from: String,
    to: String,
    meeting_on: String,
    record_reference: String,
}

/// What the page holds besides the Board: the forms as typed, and what was wrong.
#[derive(Default)]
struct Forms {
    appoint: AppointForm,
    end: EndForm,
    chair: ChairForm,
    errors: FormErrors,
    /// The date field's text when it was not a date.
    on_typed: Option<String>,
}

fn last_day(end: NaiveDate) -> NaiveDate {
    end.pred_opt().unwrap_or(end)
}

async fn board_on(member: &Member, db: &Db, on: Option<NaiveDate>) -> Result<BoardView, PageError> {
    member
        .read(db, move |conn, actor| {
            crate::board::show_board(conn, actor, on)
        })
        .await
}

fn render(
    member: &Member,
    board: BoardView,
    forms: Forms,
    done: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let chair = board.chair.as_ref().map(|c| c.appointment_id);
    let sitting: Vec<Sitting> = board
        .members
        .iter()
        .map(|m| Sitting {
            appointment_id: m.appointment_id.to_string(),
            name: m.name.clone(),
            nationality: m.nationality.into(),
            regional_group: m.regional_group,
            term_start: m.term_start,
            term_last_day: last_day(m.term_end),
            chair: chair == Some(m.appointment_id),
        })
        .collect();
    let language = member.language;
    // By name, as a person looks for a country in a long list.
    let mut countries: Vec<Country> = CountryCode::all().map(Country::from).collect();
    countries.sort_by_key(|c| c.name);
    let choice =
        |value: &str, label: String| minijinja::context! { value => value, label => label };
    let country_options: Vec<minijinja::Value> = std::iter::once(choice(
        "",
        messages::plain(language, "sec-board-choose-country"),
    ))
    .chain(countries.iter().map(|c| choice(c.code, c.name.to_string())))
    .collect();
    let trustee_options: Vec<minijinja::Value> = std::iter::once(choice(
        "",
        messages::plain(language, "sec-board-choose-trustee"),
    ))
    .chain(sitting.iter().map(|s| {
        choice(
            &s.appointment_id,
            format!("{} ({})", s.name, s.nationality.name),
        )
    }))
    .collect();
    let reason_options: Vec<minijinja::Value> = std::iter::once(choice(
        "",
        messages::plain(language, "sec-board-choose-reason"),
    ))
    .chain(END_REASONS.iter().map(|r| {
        choice(
            r,
            messages::plain(language, &format!("sec-board-end-reason-{r}")),
        )
    }))
    .collect();
    let chair_last_day = board.chair.as_ref().map(|c| last_day(c.to));
    let refused = !forms.errors.is_empty();
    let context = minijinja::context! {
        board => Serde(&board),
        on => forms.on_typed.clone().unwrap_or_else(|| board.on.to_string()),
        sitting => Serde(sitting),
        chair_last_day => Serde(chair_last_day),
        countries => Serde(countries),
        country_options,
        trustee_options,
        reason_options,
        appoint => Serde(forms.appoint),
        end => Serde(forms.end),
        chair => Serde(forms.chair),
        errors => forms.errors,
        done => done.filter(|d| matches!(*d, "appointed" | "ended" | "chair")),
    };
    if refused {
        member.form_refused("secretariat_board.html", context)
    } else {
        member.page("secretariat_board.html", context)
    }
}

/// `GET /secretariat/board?on=…`: the Board on that day (today without one).
#[get("/secretariat/board")]
pub(super) async fn board_page(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<OnQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let OnQuery { on, done } = query.into_inner();
    let mut forms = Forms::default();
    let day = match on.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(typed) => {
            let day = typed_date(typed, "on", member.language, &mut forms.errors)
                .filter(|d| (QueryDate::FIRST..=QueryDate::LAST).contains(d));
            if day.is_none() {
                forms.errors = FormErrors::new();
                forms
                    .errors
                    .add("on", messages::plain(member.language, "sec-typed-date"));
                forms.on_typed = Some(typed.to_string());
            }
            day
        }
    };
    let board = board_on(&member, &db, day).await?;
    render(&member, board, forms, done.as_deref())
}

fn country(
    typed: &str,
    field: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<CountryCode> {
    let code = CountryCode::parse(typed.trim()).ok();
    if code.is_none() {
        errors.add(
            field,
            messages::plain(language, "sec-board-country-missing"),
        );
    }
    code
}

fn appointment_of(
    form: &AppointForm,
    language: PageLanguage,
) -> Result<AppointTrustee, FormErrors> {
    let mut errors = FormErrors::new();
    let name = typed_text(&form.name, "name", true, language, &mut errors);
    let nationality = country(&form.nationality, "nationality", language, &mut errors);
    let experience = typed_text(&form.experience, "experience", false, language, &mut errors);
    let appointed_on = typed_date(&form.appointed_on, "appointed_on", language, &mut errors);
    let term_start = typed_date(&form.term_start, "term_start", language, &mut errors);
    let term_end = if form.term_end.trim().is_empty() {
        None
    } else {
        typed_date(&form.term_end, "term_end", language, &mut errors)
    };
    let consulted: Vec<CountryCode> = form
        .consulted_member_states
        .iter()
        .filter_map(|code| CountryCode::parse(code).ok())
        .collect();
    if consulted.is_empty() {
        errors.add(
            "consulted_member_states",
            messages::plain(language, "sec-board-consulted-missing"),
        );
    }
    let consulted_on = typed_date(
        &form.consulted_executive_director_on,
        "consulted_executive_director_on",
        language,
        &mut errors,
    );
    match (
        name,
        nationality,
        experience,
        appointed_on,
        term_start,
        consulted_on,
    ) {
        (
            Some(name),
            Some(nationality),
            Some(experience),
            Some(appointed_on),
            Some(term_start),
            Some(consulted_executive_director_on),
        ) if errors.is_empty() => Ok(AppointTrustee {
            name,
            nationality,
            experience,
            appointed_on,
            term_start,
            term_end,
            consulted_member_states: consulted,
            consulted_executive_director_on,
            user_id: None,
            completes: None,
            person_id: None,
        }),
        _ => Err(errors),
    }
}

/// A date of a seat rule's extra information, as the page's language writes it.
fn info_date(value: Option<&serde_json::Value>, language: PageLanguage, exclusive: bool) -> String {
    value
        .and_then(|v| v.as_str())
        .and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .map(|d| if exclusive { last_day(d) } else { d })
        .map_or_else(String::new, |d| formats::date(d, language))
}

/// A seat rule's refusal in the page's words: the rule, and who or which day it is about.
fn seat_refusal(refused: &Refused, language: PageLanguage) -> FormErrors {
    let info = &refused.info;
    let message = match refused.rule {
        Rule::GeographicBalance => {
            let member = info.get("member");
            let group = info
                .get("regional_group")
                .and_then(|g| g.as_str())
                .unwrap_or_default();
            messages::text(
                language,
                "sec-board-refused-geographic-balance",
                &[
                    (
                        "name",
                        member
                            .and_then(|m| m.get("name"))
                            .and_then(|n| n.as_str())
                            .unwrap_or_default()
                            .to_string()
                            .into(),
                    ),
                    (
                        "group",
                        messages::plain(language, &format!("trustee-group-{group}")).into(),
                    ),
                    (
                        "from",
                        info_date(member.and_then(|m| m.get("term_start")), language, false).into(),
                    ),
                    (
                        "to",
                        info_date(member.and_then(|m| m.get("term_end")), language, true).into(),
                    ),
                ],
            )
        }
        Rule::SeatLimit => messages::text(
            language,
            "sec-board-refused-seat-limit",
            &[("date", info_date(info.get("on"), language, false).into())],
        ),
        Rule::TermLimit => messages::text(
            language,
            "sec-board-refused-term-limit",
            &[(
                "run",
                info.get("consecutive_terms")
                    .and_then(|r| r.as_i64())
                    .unwrap_or(3)
                    .into(),
            )],
        ),
        _ => messages::text(
            language,
            "field-refused",
            &[("reason", refused.detail.clone().into())],
        ),
    };
    let mut errors = FormErrors::new();
    errors.add(refused.field, message);
    errors
}

fn told(
    member: &Member,
    error: AppError,
    whole: &str,
    field_of: impl Fn(&str) -> Option<String>,
) -> Result<FormErrors, PageError> {
    super::refusals::told(member.language, &error, whole, field_of)
        .ok_or_else(|| member.failed(error))
}

/// `POST /secretariat/board/appointments`.
#[post("/secretariat/board/appointments")]
pub(super) async fn post_appointment(
    member: Member,
    db: web::Data<Db>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let form: AppointForm = member.read_form(&body)?;
    let mut on = None;
    let errors = match appointment_of(&form, member.language) {
        Ok(asked) => {
            let start = asked.term_start;
            on = Some(start);
            let appointed = member
                .caller
                .write(&db, move |tx| crate::board::appoint_trustee(tx, asked))
                .await;
            match appointed {
                Ok(Appointed::Made(_)) => {
                    return Ok(member
                        .redirect(&format!("/secretariat/board?on={start}&done=appointed"))
                        .finish())
                }
                Ok(Appointed::Refused(refused)) => seat_refusal(&refused, member.language),
                Err(error) => told(&member, error, "name", |field| {
                    Some(field.split(['[', '.']).next().unwrap_or(field).to_string())
                })?,
            }
        }
        Err(errors) => errors,
    };
    let board = board_on(&member, &db, on).await?;
    let forms = Forms {
        appoint: form,
        errors,
        ..Forms::default()
    };
    render(&member, board, forms, None)
}

fn appointment_id(
    typed: &str,
    field: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<AppointmentId> {
    let id = typed.parse::<uuid::Uuid>().ok().map(AppointmentId::from);
    if id.is_none() {
        errors.add(
            field,
            messages::plain(language, "sec-board-trustee-missing"),
        );
    }
    id
}

/// `POST /secretariat/board/end`: ends a trustee's term (resignation, termination, or
/// the end of the term on its date).
#[post("/secretariat/board/end")]
pub(super) async fn post_end(
    member: Member,
    db: web::Data<Db>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let form: EndForm = member.read_form(&body)?;
    let language = member.language;
    let mut errors = FormErrors::new();
    let id = appointment_id(&form.appointment, "appointment", language, &mut errors);
    let ended_on = typed_date(&form.ended_on, "ended_on", language, &mut errors);
    let reason: Option<EndReason> =
        serde_json::from_value(serde_json::Value::from(form.reason.as_str())).ok();
    if reason.is_none() {
        errors.add(
            "reason",
            messages::plain(language, "sec-board-end-reason-missing"),
        );
    }
    let note = if form.note.trim().is_empty() {
        None
    } else {
        typed_text(&form.note, "note", false, language, &mut errors)
    };
    if let (Some(id), Some(ended_on), Some(reason), true) =
        (id, ended_on, reason, errors.is_empty())
    {
        let ending = Ending {
            ended_on,
            reason,
            note,
        };
        match member
            .caller
            .write(&db, move |tx| crate::board::end_appointment(tx, id, ending))
            .await
        {
            Ok(_) => {
                return Ok(member
                    .redirect(&format!("/secretariat/board?on={ended_on}&done=ended"))
                    .finish())
            }
            Err(AppError::Conflict(_)) => errors.add(
                "appointment",
                messages::plain(language, "sec-board-end-already"),
            ),
            Err(error) => {
                errors = told(&member, error, "appointment", |_| {
                    Some("ended_on".to_string())
                })?
            }
        }
    }
    let board = board_on(&member, &db, None).await?;
    let forms = Forms {
        end: form,
        errors,
        ..Forms::default()
    };
    render(&member, board, forms, None)
}

/// `POST /secretariat/board/chair`: records the Board's choice of chair for a period.
#[post("/secretariat/board/chair")]
pub(super) async fn post_chair(
    member: Member,
    db: web::Data<Db>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let form: ChairForm = member.read_form(&body)?;
    let language = member.language;
    let mut errors = FormErrors::new();
    let id = appointment_id(&form.chair, "chair", language, &mut errors);
    let from = typed_date(&form.from, "from", language, &mut errors);
    let to = typed_date(&form.to, "to", language, &mut errors);
    let meeting_on = typed_date(&form.meeting_on, "meeting_on", language, &mut errors);
    let reference = typed_text(
        &form.record_reference,
        "record_reference",
        true,
        language,
        &mut errors,
    );
    let mut on = None;
    if let (Some(id), Some(from), Some(to), Some(meeting_on), Some(record_reference), true) =
        (id, from, to, meeting_on, reference, errors.is_empty())
    {
        on = Some(from);
        let choice = ChairChoice {
            appointment_id: id,
            period: Term {
                start: from,
                end: to,
            },
            decision: ChairDecision {
                meeting_on,
                record_reference,
            },
        };
        match member
            .caller
            .write(&db, move |tx| crate::board::designate_chair(tx, choice))
            .await
        {
            Ok(_) => {
                return Ok(member
                    .redirect(&format!("/secretariat/board?on={from}&done=chair"))
                    .finish())
            }
            Err(error) => {
                errors = told(&member, error, "chair", |field| {
                    Some(
                        match field {
                            "appointment_id" => "chair",
                            "board_decision.meeting_on" => "meeting_on",
                            "board_decision.record_reference" => "record_reference",
                            "from" | "to" => field,
                            _ => "from",
                        }
                        .to_string(),
                    )
                })?
            }
        }
    }
    let board = board_on(&member, &db, on).await?;
    let forms = Forms {
        chair: form,
        errors,
        ..Forms::default()
    };
    render(&member, board, forms, None)
}

/// `GET` on where the Board's forms post (a refused form's language links come back
/// here): the Board's page.
#[get("/secretariat/board/{form:appointments|end|chair}")]
pub(super) async fn back_to_board(
    member: Member,
    _form: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    Ok(member.redirect("/secretariat/board").finish())
}
