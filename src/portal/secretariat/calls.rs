//! `/secretariat/calls`: the calls for proposals (newest first, each with its status),
//! a new call's form, one call's page with its terms, what is committed against its
//! envelope, and the forms that amend it (a later deadline, corrected texts or amounts)
//! and cancel it with a reason. Each change is the API's use case (`calls::publish_call`,
//! `calls::amend_call`, `applications::cancel_call`), called once; the forms only read
//! what was typed (dates, amounts as the page's language writes them).
//!
//! The helpers that read typed values are shared with the Board's and the settings' pages.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::{Done, ListQuery};
use crate::calls::{CallChange, CallDetail, CallFilter, CallTerms, CallView, Exploitation};
use crate::db::Db;
use crate::domain::{CallId, Currency, Money, Role, ShortText, Text};
use crate::error::AppError;
use crate::http::PageParams;
use crate::organizations::OrgType;
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

const ORG_TYPES: [&str; 3] = ["ngo", "governmental", "intergovernmental"];
const EXPLOITATION: [&str; 9] = [
    "sexual_exploitation",
    "forced_labour",
    "slavery",
    "servitude",
    "organ_removal",
    "forced_begging",
    "forced_criminality",
    "forced_marriage",
    "other",
];

/// A required text as typed, or its problem under `field` (`short`: one line).
pub(super) fn typed_text(
    typed: &str,
    field: &str,
    short: bool,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<String> {
    if typed.trim().is_empty() {
        errors.add(field, messages::plain(language, "sec-typed-required"));
        return None;
    }
    let parsed = if short {
        ShortText::parse(typed).map(ShortText::into_string)
    } else {
        Text::parse(typed).map(Text::into_string)
    };
    parsed
        .map_err(|refused| {
            errors.add(
                field,
                messages::text(
                    language,
                    "field-refused",
                    &[("reason", refused.to_string().into())],
                ),
            )
        })
        .ok()
}

/// A date as a date field sends it (`2027-03-31`), or its problem under `field`.
pub(super) fn typed_date(
    typed: &str,
    field: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<NaiveDate> {
    let day = NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d").ok();
    if day.is_none() {
        errors.add(field, messages::plain(language, "sec-typed-date"));
    }
    day
}

/// An amount in US dollars as typed in the page's language, or its problem under `field`.
pub(super) fn typed_usd(
    typed: &str,
    field: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<Money> {
    let money = formats::plain_amount(typed, language)
        .and_then(|plain| Money::parse(&plain, Currency::USD).ok());
    if money.is_none() {
        errors.add(field, messages::plain(language, "sec-typed-amount"));
    }
    money
}

/// An amount as the page's language writes it in a field (read back by `typed_usd`).
pub(super) fn shown_amount(money: &Money, language: PageLanguage) -> String {
    formats::decimal(money.amount(), language)
}

/// A call opens at the start of its first day and closes at the end of its last (UTC):
/// the page asks for days, as organisations plan by them.
fn opening(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc()
}

fn closing(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(23, 59, 59).unwrap_or_default().and_utc()
}

/// The new call's form as typed (or fresh).
#[derive(Debug, Deserialize, Serialize)]
#[serde(default)]
struct CallForm {
    title: String,
    description: String,
    opens_on: String,
    closes_on: String,
    envelope: String,
    min_grant: String,
    max_grant: String,
    max_duration_months: String,
    eligible_org_types: Vec<String>,
    priority_exploitation: Vec<String>,
}

impl Default for CallForm {
    fn default() -> CallForm {
        CallForm {
            title: String::new(),
            description: String::new(),
            opens_on: String::new(),
            closes_on: String::new(),
            envelope: String::new(),
            min_grant: String::new(),
            max_grant: String::new(),
            max_duration_months: "24".to_string(),
            eligible_org_types: vec!["ngo".to_string()],
            priority_exploitation: Vec::new(),
        }
    }
}

/// Values of a fixed list as the form sent them, in the list's order.
fn chosen<T: serde::de::DeserializeOwned>(typed: &[String], known: &[&str]) -> Vec<T> {
    known
        .iter()
        .filter(|value| typed.iter().any(|t| t == *value))
        .filter_map(|value| serde_json::from_value(serde_json::Value::from(*value)).ok())
        .collect()
}

fn terms_of(form: &CallForm, language: PageLanguage) -> Result<CallTerms, FormErrors> {
    let mut errors = FormErrors::new();
    let title = typed_text(&form.title, "title", true, language, &mut errors);
    let description = typed_text(
        &form.description,
        "description",
        false,
        language,
        &mut errors,
    );
    let opens_on = typed_date(&form.opens_on, "opens_on", language, &mut errors);
    let closes_on = typed_date(&form.closes_on, "closes_on", language, &mut errors);
    let envelope = typed_usd(&form.envelope, "envelope", language, &mut errors);
    let min_grant = typed_usd(&form.min_grant, "min_grant", language, &mut errors);
    let max_grant = typed_usd(&form.max_grant, "max_grant", language, &mut errors);
    let months = form.max_duration_months.trim().parse::<i32>().ok();
    if months.is_none() {
        errors.add(
            "max_duration_months",
            messages::plain(language, "sec-typed-number"),
        );
    }
    let eligible_org_types: Vec<OrgType> = chosen(&form.eligible_org_types, &ORG_TYPES);
    let priority_exploitation: Vec<Exploitation> =
        chosen(&form.priority_exploitation, &EXPLOITATION);
    match (
        title,
        description,
        opens_on,
        closes_on,
        envelope,
        min_grant,
        max_grant,
        months,
    ) {
        (
            Some(title),
            Some(description),
            Some(opens_on),
            Some(closes_on),
            Some(envelope),
            Some(min_grant),
            Some(max_grant),
            Some(max_duration_months),
        ) if errors.is_empty() => Ok(CallTerms {
            title,
            description,
            opens_at: opening(opens_on),
            closes_at: closing(closes_on),
            envelope,
            min_grant,
            max_grant,
            max_duration_months,
            eligible_org_types,
            priority_groups: Vec::new(),
            priority_exploitation,
            required_documents: Vec::new(),
        }),
        _ => Err(errors),
    }
}

/// The form's field for a field the use case names (`envelope.amount` is `envelope`).
fn call_field(field: &str) -> Option<String> {
    let base = field.split(['.', '[']).next().unwrap_or(field);
    Some(
        match base {
            "opens_at" => "opens_on",
            "closes_at" => "closes_on",
            other => other,
        }
        .to_string(),
    )
}

/// A use case's refusal of a call's terms beside the field it is about: the deadline and
/// the grant range in the page's own words, the rules as the secretariat's pages tell
/// them, anything else as the API worded it.
fn call_refusal(member: &Member, error: AppError, whole: &str) -> Result<FormErrors, PageError> {
    let language = member.language;
    if let AppError::BadRequest { errors, .. } = &error {
        let mut told = FormErrors::new();
        for problem in errors {
            let key = match call_field(&problem.field).as_deref() {
                Some("closes_on") => "sec-call-closes-refused",
                Some("min_grant" | "max_grant") => "sec-call-range-refused",
                Some("max_duration_months") => "sec-call-duration-refused",
                Some("eligible_org_types") => "sec-call-org-types-refused",
                _ => continue,
            };
            told.add(
                &call_field(&problem.field).unwrap_or_default(),
                messages::plain(language, key),
            );
        }
        if !told.is_empty() {
            return Ok(told);
        }
    }
    super::refusals::told(language, &error, whole, call_field).ok_or_else(|| member.failed(error))
}

#[derive(Debug, Serialize)]
struct Listed {
    items: Vec<CallView>,
    next_cursor: Option<String>,
}

/// `GET /secretariat/calls`: every call, newest first, as the API lists them.
#[get("/secretariat/calls")]
pub(super) async fn list_page(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let cursor = query.into_inner().cursor;
    let listed = member
        .read(&db, move |conn, actor| {
            let page = crate::calls::list_calls(
                conn,
                actor,
                CallFilter {
                    open_only: false,
                    page: PageParams {
                        limit: None,
                        cursor,
                    }
                    .request()?,
                },
            )?;
            Ok(Listed {
                items: page.items,
                next_cursor: page.next_cursor,
            })
        })
        .await?;
    member.page(
        "secretariat_calls.html",
        minijinja::context! { listed => Serde(listed) },
    )
}

fn render_new(
    member: &Member,
    form: CallForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        form => Serde(form),
        org_types => ORG_TYPES,
        exploitation => EXPLOITATION,
        errors,
    };
    if refused {
        member.form_refused("secretariat_call_new.html", context)
    } else {
        member.page("secretariat_call_new.html", context)
    }
}

/// `GET /secretariat/calls/new`.
#[get("/secretariat/calls/new")]
pub(super) async fn new_page(member: Member) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    render_new(&member, CallForm::default(), FormErrors::new())
}

/// `POST /secretariat/calls`: publishes the call, or shows the form again with what was
/// refused (nothing published).
#[post("/secretariat/calls")]
pub(super) async fn post_call(
    member: Member,
    db: web::Data<Db>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let form: CallForm = member.read_form(&body)?;
    let errors = match terms_of(&form, member.language) {
        Ok(terms) => {
            let published = member
                .caller
                .write(&db, move |tx| crate::calls::publish_call(tx, terms))
                .await;
            match published {
                Ok(call) => {
                    return Ok(member
                        .redirect(&format!(
                            "/secretariat/calls/{}?done=published",
                            call.call.id
                        ))
                        .finish())
                }
                Err(error) => call_refusal(&member, error, "title")?,
            }
        }
        Err(errors) => errors,
    };
    render_new(&member, form, errors)
}

/// The amendment form: the call's current terms, as typed over.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct AmendForm {
    title: String,
    description: String,
    closes_on: String,
    envelope: String,
    min_grant: String,
    max_grant: String,
}

impl AmendForm {
    fn of(call: &CallView, language: PageLanguage) -> AmendForm {
        AmendForm {
            title: call.title.clone(),
            description: call.description.clone(),
            closes_on: call.closes_at.date_naive().to_string(),
            envelope: shown_amount(&call.envelope, language),
            min_grant: shown_amount(&call.min_grant, language),
            max_grant: shown_amount(&call.max_grant, language),
        }
    }
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct CancelForm {
    reason: String,
}

fn call_id(member: &Member, path: &str) -> Result<CallId, PageError> {
    path.parse::<uuid::Uuid>()
        .map(CallId::from)
        .map_err(|_| member.failed(AppError::NotFound))
}

async fn read(member: &Member, db: &Db, id: CallId) -> Result<CallDetail, PageError> {
    member
        .read(db, move |conn, actor| {
            crate::calls::show_call(conn, actor, id)
        })
        .await
}

fn render_call(
    member: &Member,
    call: CallDetail,
    amend: Option<AmendForm>,
    cancel: CancelForm,
    errors: FormErrors,
    done: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let refused = !errors.is_empty();
    let amend = amend.unwrap_or_else(|| AmendForm::of(&call.call, member.language));
    let last_day = call.call.closes_at.date_naive();
    let context = minijinja::context! {
        detail => Serde(&call),
        call => Serde(&call.call),
        deadline_day => last_day.to_string(),
        amend => Serde(amend),
        cancel => Serde(cancel),
        errors,
        done => done.filter(|d| matches!(*d, "published" | "amended" | "cancelled")),
    };
    if refused {
        member.form_refused("secretariat_call.html", context)
    } else {
        member.page("secretariat_call.html", context)
    }
}

/// `GET /secretariat/calls/{id}`.
#[get("/secretariat/calls/{id}")]
pub(super) async fn call_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = call_id(&member, &path)?;
    let call = read(&member, &db, id).await?;
    render_call(
        &member,
        call,
        None,
        CancelForm::default(),
        FormErrors::new(),
        done.done.as_deref(),
    )
}

/// What the amendment form changes: only the terms typed differently from the call's
/// (none: the use case refuses an empty change).
fn change_of(
    form: &AmendForm,
    call: &CallView,
    language: PageLanguage,
) -> Result<CallChange, FormErrors> {
    let mut errors = FormErrors::new();
    let title = typed_text(&form.title, "title", true, language, &mut errors);
    let description = typed_text(
        &form.description,
        "description",
        false,
        language,
        &mut errors,
    );
    let closes_on = typed_date(&form.closes_on, "closes_on", language, &mut errors);
    let envelope = typed_usd(&form.envelope, "envelope", language, &mut errors);
    let min_grant = typed_usd(&form.min_grant, "min_grant", language, &mut errors);
    let max_grant = typed_usd(&form.max_grant, "max_grant", language, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CallChange {
        title: title.filter(|t| *t != call.title),
        description: description.filter(|d| *d != call.description),
        closes_at: closes_on
            .filter(|day| *day != call.closes_at.date_naive())
            .map(closing),
        envelope: envelope.filter(|m| *m != call.envelope),
        min_grant: min_grant.filter(|m| *m != call.min_grant),
        max_grant: max_grant.filter(|m| *m != call.max_grant),
        eligible_org_types: None,
        required_documents: None,
    })
}

/// `POST /secretariat/calls/{id}/amendment`: the API's `PATCH` of the call.
#[post("/secretariat/calls/{id}/amendment")]
pub(super) async fn post_amendment(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = call_id(&member, &path)?;
    let form: AmendForm = member.read_form(&body)?;
    let call = read(&member, &db, id).await?;
    let errors = match change_of(&form, &call.call, member.language) {
        Ok(change) => {
            let empty = change.is_empty();
            let amended = member
                .caller
                .write(&db, move |tx| crate::calls::amend_call(tx, id, change))
                .await;
            match amended {
                Ok(_) => {
                    return Ok(member
                        .redirect(&format!("/secretariat/calls/{id}?done=amended"))
                        .finish())
                }
                Err(AppError::BadRequest { .. }) if empty => {
                    let mut told = FormErrors::new();
                    told.add(
                        "title",
                        messages::plain(member.language, "sec-call-amend-nothing"),
                    );
                    told
                }
                Err(error) => call_refusal(&member, error, "closes_on")?,
            }
        }
        Err(errors) => errors,
    };
    let call = read(&member, &db, id).await?;
    render_call(
        &member,
        call,
        Some(form),
        CancelForm::default(),
        errors,
        None,
    )
}

/// `POST /secretariat/calls/{id}/cancellation`: cancels the call with its reason, which
/// every withdrawn application carries.
#[post("/secretariat/calls/{id}/cancellation")]
pub(super) async fn post_cancellation(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = call_id(&member, &path)?;
    let form: CancelForm = member.read_form(&body)?;
    let language = member.language;
    let mut errors = FormErrors::new();
    if form.reason.trim().is_empty() {
        errors.add(
            "reason",
            messages::plain(language, "sec-call-cancel-reason-missing"),
        );
    } else if let Some(reason) = typed_text(&form.reason, "reason", false, language, &mut errors) {
        let cancelled = member
            .caller
            .write(&db, move |tx| {
                crate::applications::cancel_call(tx, id, reason)
            })
            .await;
        match cancelled {
            Ok(_) => {
                return Ok(member
                    .redirect(&format!("/secretariat/calls/{id}?done=cancelled"))
                    .finish())
            }
            Err(error) => {
                errors = super::refusals::told(language, &error, "reason", |_| {
                    Some("reason".to_string())
                })
                .ok_or_else(|| member.failed(error))?
            }
        }
    }
    let call = read(&member, &db, id).await?;
    render_call(&member, call, None, form, errors, None)
}

/// `GET` on where a call's forms post (a refused form's language links come back here):
/// the call's page.
#[get("/secretariat/calls/{id}/{form:amendment|cancellation}")]
pub(super) async fn back_to_call(
    member: Member,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = call_id(&member, &path.0)?;
    Ok(member
        .redirect(&format!("/secretariat/calls/{id}"))
        .finish())
}
