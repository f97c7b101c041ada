//! Writing an application: `/calls/{id}/apply` (a new one: stored as a draft once its
//! text is complete enough for the use case, as `POST /api/v1/applications`) and
//! `/applications/{id}/edit` (a draft, as `PATCH /api/v1/applications/{id}`). "Add a
//! row" and "Remove" post the whole form and save it too; when the use case refuses the
//! text, nothing is stored and the page comes back with what was typed and why.

use actix_web::{get, post, web, HttpResponse};
use minijinja::value::Serde;
use serde::Deserialize;

use super::application_form::{
    self, blank_view, member_states, ApplicationForm, FormView, Intent, DEFAULT_BLANK_ROWS,
};
use super::calls::own_application_under;
use crate::applications::{self, ApplicationState, DraftChange, NewApplication};
use crate::calls::{self, CallView};
use crate::db::Db;
use crate::domain::{ApplicationId, CallId, Role};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::visitor::Member;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(new_application_page)
        .service(create_application)
        .service(edit_page)
        .service(save_draft);
}

/// The page of the form, new or stored.
struct FormPage<'a> {
    call: &'a CallView,
    /// The draft, once stored.
    application: Option<ApplicationId>,
    form: FormView,
    errors: FormErrors,
    /// `saved`: the draft was just saved.
    notice: Option<&'static str>,
}

fn render(member: &Member, page: FormPage<'_>, refused: bool) -> Result<HttpResponse, PageError> {
    let action = match page.application {
        Some(id) => format!("/applications/{id}/edit"),
        None => format!("/calls/{}/apply", page.call.id),
    };
    let context = minijinja::context! {
        call => Serde(page.call),
        application_id => page.application.map(|id| id.to_string()),
        action,
        form => Serde(page.form),
        errors => page.errors,
        notice => page.notice,
        states => Serde(member_states()),
    };
    if refused {
        member.form_refused("ngo_application_form.html", context)
    } else {
        member.page("ngo_application_form.html", context)
    }
}

#[get("/calls/{id}/apply")]
async fn new_application_page(
    member: Member,
    db: web::Data<Db>,
    id: web::Path<CallId>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let id = id.into_inner();
    let (call, mine) = member
        .read(&db, move |conn, actor| {
            Ok((
                calls::show_call(conn, actor, id)?,
                own_application_under(conn, actor, id)?,
            ))
        })
        .await?;
    if let Some(mine) = mine {
        return Ok(member
            .redirect(&format!("/applications/{}", mine.id))
            .finish());
    }
    render(
        &member,
        FormPage {
            call: &call.call,
            application: None,
            form: blank_view(),
            errors: FormErrors::new(),
            notice: None,
        },
        false,
    )
}

/// Where to go once the form is stored.
fn after_saving(id: ApplicationId, intent: Intent, form: &ApplicationForm) -> String {
    match intent {
        Intent::Review => format!("/applications/{id}/review"),
        Intent::AddRow | Intent::RemoveRow => format!(
            "/applications/{id}/edit?blank={}#field-budget_lines",
            form.blank_rows().max(1)
        ),
        Intent::Save => format!("/applications/{id}/edit?saved=1"),
    }
}

#[post("/calls/{id}/apply")]
async fn create_application(
    member: Member,
    db: web::Data<Db>,
    id: web::Path<CallId>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let mut form: ApplicationForm = member.read_form(&body)?;
    let intent = form.intent();
    let call_id = id.into_inner();
    let call = member
        .read(&db, move |conn, actor| {
            calls::show_call(conn, actor, call_id)
        })
        .await?
        .call;
    let errors = match form.read(member.language) {
        Err(None) => return Err(PageError::bad_form(member.language, true)),
        Err(Some(errors)) => errors,
        Ok(read) => {
            let new = NewApplication {
                call_id,
                content: read.content.clone(),
            };
            let created = member
                .caller
                .write(&db, move |tx| applications::create_application(tx, new))
                .await;
            match created {
                Ok(view) => {
                    return Ok(member
                        .redirect(&after_saving(view.id, intent, &form))
                        .finish())
                }
                Err(error) => application_form::refusal(
                    member.language,
                    &error,
                    |field| read.field_of(field),
                    &[],
                )
                .ok_or_else(|| member.failed(error))?,
            }
        }
    };
    render(
        &member,
        FormPage {
            call: &call,
            application: None,
            form: form.view(member.language),
            errors,
            notice: None,
        },
        true,
    )
}

#[derive(Debug, Default, Deserialize)]
struct EditQuery {
    /// Empty budget rows to offer.
    blank: Option<usize>,
    /// The draft was just saved.
    saved: Option<u8>,
}

#[get("/applications/{id}/edit")]
async fn edit_page(
    member: Member,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    query: web::Query<EditQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let id = id.into_inner();
    let (application, call) = member
        .caller
        .read(&db, move |conn, actor| {
            let application = applications::show_application(conn, actor, id)?;
            let call = calls::show_call(conn, actor, application.call_id)?;
            Ok((application, call))
        })
        .await
        .map_err(|e| member.failed(e))?;
    if application.state != ApplicationState::Draft {
        return Ok(member.redirect(&format!("/applications/{id}")).finish());
    }
    render(
        &member,
        FormPage {
            call: &call.call,
            application: Some(id),
            form: application_form::view_of(
                &application,
                query.blank.unwrap_or(DEFAULT_BLANK_ROWS),
            ),
            errors: FormErrors::new(),
            notice: query.saved.map(|_| "apply-notice-saved"),
        },
        false,
    )
}

#[post("/applications/{id}/edit")]
async fn save_draft(
    member: Member,
    db: web::Data<Db>,
    id: web::Path<ApplicationId>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let mut form: ApplicationForm = member.read_form(&body)?;
    let intent = form.intent();
    let id = id.into_inner();
    let (state, call) = member
        .caller
        .read(&db, move |conn, actor| {
            let application = applications::show_application(conn, actor, id)?;
            let call = calls::show_call(conn, actor, application.call_id)?;
            Ok((application.state, call.call))
        })
        .await
        .map_err(|e| member.failed(e))?;
    // Submitted meanwhile (another tab, a second click): its page says where it stands.
    if state != ApplicationState::Draft {
        return Ok(member.redirect(&format!("/applications/{id}")).finish());
    }
    let errors = match form.read(member.language) {
        Err(None) => return Err(PageError::bad_form(member.language, true)),
        Err(Some(errors)) => errors,
        Ok(read) => {
            let c = read.content.clone();
            let change = DraftChange {
                title: Some(c.title),
                summary: Some(c.summary),
                countries: Some(c.countries),
                beneficiaries: Some(c.beneficiaries),
                exploitation: Some(c.exploitation),
                aid_types: Some(c.aid_types),
                requested: Some(c.requested),
                duration_months: Some(c.duration_months),
                budget_lines: Some(c.budget_lines),
            };
            let saved = member
                .caller
                .write(&db, move |tx| applications::edit_draft(tx, id, change))
                .await;
            match saved {
                Ok(view) => {
                    return Ok(member
                        .redirect(&after_saving(view.id, intent, &form))
                        .finish())
                }
                Err(error) => application_form::refusal(
                    member.language,
                    &error,
                    |field| read.field_of(field),
                    &[],
                )
                .ok_or_else(|| member.failed(error))?,
            }
        }
    };
    render(
        &member,
        FormPage {
            call: &call,
            application: Some(id),
            form: form.view(member.language),
            errors,
            notice: None,
        },
        true,
    )
}
