//! An organisation's applications: the list (`/applications`), one application with its
//! history and decision (`/applications/{id}`), the review before submitting
//! (`/applications/{id}/review`, `…/submit`) and withdrawal (`…/withdraw`). The same use
//! cases as `GET /api/v1/applications…`, `POST …/submit`, `POST …/withdraw` and
//! `GET …/decision`; another organisation's application is the same 404 as nothing.

use crate::portal::formats::Country;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use minijinja::value::{Serde, Value};
use serde::Deserialize;

use super::application_form;
use crate::applications::{self, ApplicationState, ApplicationView, ApplicationsQuery, Filter};
use crate::calls::{self, CallView};
use crate::config::DocumentSettings;
use crate::db::{Actor, Db, DbConnection};
use crate::documents::Owner;
use crate::domain::{ApplicationId, CountryCode, Money, Role, Text};
use crate::error::{AppError, Rule};
use crate::portal::documents::{self, Retry, Section};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;
use crate::voting::{self, DecisionView};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(show)
        .service(review)
        .service(submit)
        .service(withdraw)
        .service(attach_document)
        .service(add_version);
}

/// The most applications one page lists.
const PER_PAGE: i64 = 200;

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    cursor: Option<String>,
}

#[get("/applications")]
async fn list(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let page = crate::http::PageParams {
        limit: Some(PER_PAGE),
        cursor: query.into_inner().cursor,
    }
    .request()
    .map_err(|e| member.failed(e))?;
    let page = member
        .read(&db, move |conn, actor| {
            applications::list_applications(
                conn,
                actor,
                ApplicationsQuery {
                    filter: Filter::default(),
                    page,
                },
            )
        })
        .await?;
    member.page(
        "ngo_applications.html",
        minijinja::context! {
            applications => Serde(&page.items),
            next_cursor => page.next_cursor,
        },
    )
}

fn countries(codes: &[CountryCode]) -> Vec<Country> {
    codes.iter().copied().map(Country::from).collect()
}

/// An application, its call, its decision when there is one, and its documents.
struct Record {
    application: ApplicationView,
    call: CallView,
    decision: Option<DecisionView>,
    docs: Section,
}

/// How the documents' section is read: in the visitor's language, with the upload
/// limits, and what a refused upload held.
struct DocsRead {
    language: PageLanguage,
    limits: DocumentSettings,
    retry: Option<Retry>,
}

impl DocsRead {
    fn of(member: &Member, settings: &DocumentSettings, retry: Option<Retry>) -> DocsRead {
        DocsRead {
            language: member.language,
            limits: *settings,
            retry,
        }
    }
}

fn read_record(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ApplicationId,
    docs: DocsRead,
) -> Result<Record, AppError> {
    let application = applications::show_application(conn, actor, id)?;
    let call = calls::show_call(conn, actor, application.call_id)?.call;
    let decided = matches!(
        application.state,
        ApplicationState::Approved | ApplicationState::Rejected | ApplicationState::ReserveList
    );
    let decision = if decided {
        match voting::show_decision(conn, actor, id) {
            Ok(decision) => Some(decision),
            Err(AppError::NotFound) => None,
            Err(other) => return Err(other),
        }
    } else {
        None
    };
    let docs = documents::section(
        conn,
        actor,
        Owner::Application(id),
        format!("/applications/{id}/documents"),
        docs.language,
        docs.limits,
        docs.retry,
    )?;
    Ok(Record {
        application,
        call,
        decision,
        docs,
    })
}

/// What the pages of one application show.
fn record_context(record: &Record) -> Value {
    let a = &record.application;
    let total = Money::sum(
        a.requested.currency(),
        a.budget_lines.iter().map(|l| l.amount.into_inner()),
    )
    .ok();
    minijinja::context! {
        application => Serde(a),
        call => Serde(&record.call),
        decision => Serde(&record.decision),
        countries => Serde(countries(&a.countries)),
        total => Serde(total),
        may_withdraw => applications::can_move(a.state, ApplicationState::Withdrawn),
        docs_intro => if a.state == ApplicationState::Draft {
            "doc-application-intro"
        } else {
            "doc-application-closed"
        },
    }
}

#[derive(Debug, Default, Deserialize)]
struct ShowQuery {
    /// `submitted`, `withdrawn`, `uploaded` or `version`: what just happened.
    done: Option<String>,
}

#[get("/applications/{id}")]
async fn show(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    id: web::Path<ApplicationId>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let id = id.into_inner();
    let docs = DocsRead::of(&member, &settings, None);
    let record = member
        .read(&db, move |conn, actor| read_record(conn, actor, id, docs))
        .await?;
    let notice = match query.done.as_deref() {
        Some("submitted") => Some("apply-notice-submitted"),
        Some("withdrawn") => Some("apply-notice-withdrawn"),
        Some("uploaded") => Some("doc-uploaded"),
        Some("version") => Some("doc-version-uploaded"),
        _ => None,
    };
    show_page(
        &member,
        &record,
        notice,
        FormErrors::new(),
        "",
        StatusCode::OK,
    )
}

fn show_page(
    member: &Member,
    record: &Record,
    notice: Option<&str>,
    errors: FormErrors,
    reason: &str,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let context = minijinja::context! {
        notice,
        errors,
        reason,
        docs => Serde(&record.docs),
        ..record_context(record)
    };
    member.page_with_status(status, "ngo_application.html", context)
}

#[get("/applications/{id}/review")]
async fn review(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let id = id.into_inner();
    let docs = DocsRead::of(&member, &settings, None);
    let record = member
        .read(&db, move |conn, actor| read_record(conn, actor, id, docs))
        .await?;
    if record.application.state != ApplicationState::Draft {
        return Ok(member.redirect(&format!("/applications/{id}")).finish());
    }
    review_page(&member, &record, FormErrors::new(), StatusCode::OK)
}

fn review_page(
    member: &Member,
    record: &Record,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    // The review lists the documents; they are attached on the application's page.
    let context = minijinja::context! {
        errors,
        docs => Serde(record.docs.read_only()),
        ..record_context(record)
    };
    member.page_with_status(status, "ngo_review.html", context)
}

#[derive(Debug, Deserialize)]
struct Nothing {}

#[post("/applications/{id}/submit")]
async fn submit(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    id: web::Path<ApplicationId>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let _: Nothing = member.read_form(&body)?;
    let id = id.into_inner();
    let submitted = member
        .caller
        .write(&db, move |tx| applications::submit(tx, id))
        .await;
    let error = match submitted {
        Ok(_) => {
            return Ok(member
                .redirect(&format!("/applications/{id}?done=submitted"))
                .finish())
        }
        // Already submitted (a second click, another tab): its page says where it stands.
        Err(AppError::Conflict(_)) => {
            return Ok(member.redirect(&format!("/applications/{id}")).finish())
        }
        Err(error) => error,
    };
    let docs = DocsRead::of(&member, &settings, None);
    let record = member
        .read(&db, move |conn, actor| read_record(conn, actor, id, docs))
        .await?;
    let language = member.language;
    // Documents the call asks for are missing: each named, linking to where it is attached.
    if matches!(
        &error,
        AppError::Rule {
            rule: Rule::DocumentsMissing,
            ..
        }
    ) {
        let missing = record.docs.missing_kinds();
        if !missing.is_empty() {
            let errors = documents::missing_problems(language, &missing);
            return review_page(&member, &record, errors, StatusCode::UNPROCESSABLE_ENTITY);
        }
    }
    let a = &record.application;
    let total = Money::sum(
        a.requested.currency(),
        a.budget_lines.iter().map(|l| l.amount.into_inner()),
    )
    .map_or_else(|_| "—".to_string(), |m| money(m, language));
    let args = [
        ("total", total.into()),
        ("requested", money(a.requested, language).into()),
        ("min", money(record.call.min_grant, language).into()),
        ("max", money(record.call.max_grant, language).into()),
        ("months", i64::from(record.call.max_duration_months).into()),
    ];
    let errors = application_form::refusal(language, &error, application_form::field_name, &args)
        .ok_or_else(|| member.failed(error))?;
    review_page(&member, &record, errors, StatusCode::UNPROCESSABLE_ENTITY)
}

fn money(m: Money, language: crate::portal::language::PageLanguage) -> String {
    formats::money(m.amount(), m.currency().code(), language)
}

#[derive(Debug, Deserialize)]
struct WithdrawForm {
    #[serde(default)]
    reason: String,
}

#[post("/applications/{id}/withdraw")]
async fn withdraw(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    id: web::Path<ApplicationId>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let form: WithdrawForm = member.read_form(&body)?;
    let id = id.into_inner();
    let mut errors = FormErrors::new();
    match Text::parse(&form.reason) {
        Ok(reason) => {
            let reason = reason.into_string();
            let withdrawn = member
                .caller
                .write(&db, move |tx| applications::withdraw(tx, id, reason))
                .await;
            match withdrawn {
                Ok(_) => {
                    return Ok(member
                        .redirect(&format!("/applications/{id}?done=withdrawn"))
                        .finish())
                }
                Err(AppError::Conflict(_)) => {
                    errors.add(
                        "reason",
                        messages::plain(member.language, "apply-withdraw-too-late"),
                    );
                }
                Err(error) => return Err(member.failed(error)),
            }
        }
        Err(_) => errors.add(
            "reason",
            messages::plain(member.language, "apply-withdraw-reason-missing"),
        ),
    }
    let docs = DocsRead::of(&member, &settings, None);
    let record = member
        .read(&db, move |conn, actor| read_record(conn, actor, id, docs))
        .await?;
    show_page(
        &member,
        &record,
        None,
        errors,
        &form.reason,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
}

/// `POST /applications/{id}/documents`: a document of a draft (multipart).
#[post("/applications/{id}/documents")]
async fn attach_document(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    id: web::Path<ApplicationId>,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let id = id.into_inner();
    let owner = Owner::Application(id);
    let refused = match documents::attach(&member, &db, **settings, owner, multipart).await? {
        Ok(_) => {
            return Ok(member
                .redirect(&format!("/applications/{id}?done=uploaded#documents"))
                .finish())
        }
        Err(refused) => refused,
    };
    refused_upload(&member, &db, &settings, id, refused).await
}

/// `POST /applications/{id}/documents/{document}/versions`: a new version of one.
#[post("/applications/{id}/documents/{document}/versions")]
async fn add_version(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    path: web::Path<(ApplicationId, String)>,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let (id, document) = path.into_inner();
    let owner = Owner::Application(id);
    let kept = documents::supersede(&member, &db, **settings, owner, &document, multipart).await?;
    let refused = match kept {
        Ok(_) => {
            return Ok(member
                .redirect(&format!("/applications/{id}?done=version#documents"))
                .finish())
        }
        Err(refused) => refused,
    };
    refused_upload(&member, &db, &settings, id, refused).await
}

/// The application's page again, with what was wrong in the upload.
async fn refused_upload(
    member: &Member,
    db: &Db,
    settings: &DocumentSettings,
    id: ApplicationId,
    refused: documents::Refused,
) -> Result<HttpResponse, PageError> {
    let docs = DocsRead::of(member, settings, Some(refused.retry));
    let record = member
        .read(db, move |conn, actor| read_record(conn, actor, id, docs))
        .await?;
    show_page(
        member,
        &record,
        None,
        refused.errors,
        "",
        StatusCode::UNPROCESSABLE_ENTITY,
    )
}
