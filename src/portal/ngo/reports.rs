//! Filing a progress or final report on a grant (`/grants/{id}/reports/new`, the API's
//! `POST /api/v1/grants/{id}/reports`: the same use case, so the same rules refuse the
//! same reports, nothing stored) and reading one (`/reports/{id}`), with the
//! secretariat's comments when it was returned. A returned report is filed again as a
//! new version: the form starts from what it said.

use std::collections::BTreeMap;

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::grants::grant_id;
use super::report_form::{self, Typed};
use crate::applications;
use crate::config::{DocumentSettings, GrantSettings};
use crate::db::Db;
use crate::documents::Owner;
use crate::domain::{GrantReportId, Role};
use crate::error::AppError;
use crate::grant_reports::{self, FileReport, ReportKind, ReportView};
use crate::grants::{self, GrantView};
use crate::portal::documents::{self, Refused, Section};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::messages;
use crate::portal::visitor::Member;
use minijinja::value::Serde;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(new_report_page)
        .service(file_report)
        .service(report_page)
        .service(attach_document)
        .service(add_version);
}

/// How the form is opened: on a tranche, as a final report, or from a returned report.
#[derive(Debug, Default, Deserialize)]
struct Start {
    tranche: Option<i32>,
    kind: Option<String>,
    from: Option<String>,
}

/// The grant a report is filed on, as the API reads it (404 for another's), and the
/// report filed again, if any.
#[derive(Debug, Serialize)]
struct Subject {
    grant: GrantView,
    title: String,
}

async fn subject(
    member: &Member,
    db: &Db,
    id: crate::domain::GrantId,
    from: Option<GrantReportId>,
) -> Result<(Subject, Option<ReportView>), PageError> {
    member
        .caller
        .read(db, move |conn, actor| {
            let grant = grants::show_grant(conn, actor, id)?;
            let title = applications::show_application(conn, actor, grant.application_id)
                .map(|a| a.title)
                .unwrap_or_default();
            let earlier = match from {
                Some(report) => Some(grant_reports::show_report(conn, actor, report)?)
                    .filter(|r| r.grant_id == id),
                None => None,
            };
            Ok((Subject { grant, title }, earlier))
        })
        .await
        .map_err(|e| member.failed(e))
}

fn form_page(
    member: &Member,
    subject: &Subject,
    typed: &Typed,
    errors: FormErrors,
    refused: bool,
) -> Result<HttpResponse, PageError> {
    let form = report_form::view(&subject.grant, typed, member.language);
    let context = minijinja::context! {
        subject => Serde(subject),
        typed => Serde(typed),
        fields => Serde(form),
        errors,
    };
    if refused {
        member.form_refused("ngo_report_new.html", context)
    } else {
        member.page("ngo_report_new.html", context)
    }
}

#[get("/grants/{id}/reports/new")]
async fn new_report_page(
    member: Member,
    db: web::Data<Db>,
    id: web::Path<String>,
    start: web::Query<Start>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let id = grant_id(&member, &id)?;
    let from = match start.from.as_deref() {
        Some(text) => Some(
            text.parse::<GrantReportId>()
                .map_err(|_| PageError::not_found(member.language, true))?,
        ),
        None => None,
    };
    let (subject, earlier) = subject(&member, &db, id, from).await?;
    let typed = match &earlier {
        Some(report) => Typed::from_report(report, &subject.grant, member.language),
        None => Typed::blank(start.kind.as_deref().unwrap_or("progress"), start.tranche),
    };
    form_page(&member, &subject, &typed, FormErrors::new(), false)
}

#[post("/grants/{id}/reports/new")]
async fn file_report(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<GrantSettings>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let posted: BTreeMap<String, String> = member.read_form(&body)?;
    let id = grant_id(&member, &id)?;
    let (subject, _) = subject(&member, &db, id, None).await?;
    let language = member.language;
    let (typed, sent, report) = report_form::read(&posted, &subject.grant, language);
    let errors = match report {
        Err(errors) => errors,
        Ok(report) => {
            let command = FileReport {
                grant: id,
                report,
                overspend_share: settings.budget_line_overspend_share,
            };
            let filed = member
                .caller
                .write(&db, move |tx| grant_reports::file(tx, command))
                .await;
            match filed {
                Ok(filed) => {
                    return Ok(member
                        .redirect(&format!("/reports/{}?filed=1", filed.id))
                        .finish())
                }
                Err(AppError::Conflict(_)) => {
                    let mut errors = FormErrors::new();
                    errors.add(
                        "tranche",
                        messages::plain(language, "ngo-report-already-open"),
                    );
                    errors
                }
                Err(error) => {
                    match super::forms::refusal(language, &error, "tranche", |f| sent.field_of(f)) {
                        Some(errors) => errors,
                        None => return Err(member.failed(error)),
                    }
                }
            }
        }
    };
    form_page(&member, &subject, &typed, errors, true)
}

#[derive(Debug, Default, Deserialize)]
struct Shown {
    filed: Option<String>,
    /// `document` or `version`: what was just uploaded.
    uploaded: Option<String>,
}

/// What the report's page shows: the report, its grant, and whether it may be filed
/// again (returned, and nothing filed on its place since).
#[derive(Debug, Serialize)]
struct ReportSheet {
    report: ReportView,
    title: String,
    currency: String,
    refile: bool,
    /// The financial statement and receipts kept beside it.
    docs: Section,
}

#[get("/reports/{id}")]
async fn report_page(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    id: web::Path<String>,
    shown: web::Query<Shown>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let id = report_id(&member, &id)?;
    let notice = if shown.filed.is_some() {
        Some("ngo-report-filed-notice")
    } else {
        super::organization::uploaded_notice(shown.uploaded.as_deref())
    };
    sheet_page(&member, &db, **settings, id, notice, None).await
}

fn report_id(member: &Member, text: &str) -> Result<GrantReportId, PageError> {
    text.parse()
        .map_err(|_| PageError::not_found(member.language, true))
}

/// The report's page; with what was wrong in an upload when one was refused.
async fn sheet_page(
    member: &Member,
    db: &Db,
    limits: DocumentSettings,
    id: GrantReportId,
    notice: Option<&str>,
    refused: Option<Refused>,
) -> Result<HttpResponse, PageError> {
    let language = member.language;
    let (errors, retry) = match refused {
        Some(refused) => (refused.errors, Some(refused.retry)),
        None => (FormErrors::new(), None),
    };
    let sheet = member
        .read(db, move |conn, actor| {
            let report = grant_reports::show_report(conn, actor, id)?;
            let grant = grants::show_grant(conn, actor, report.grant_id)?;
            let title = applications::show_application(conn, actor, grant.application_id)
                .map(|a| a.title)
                .unwrap_or_default();
            let reports = super::grants::reports_of(conn, actor, report.grant_id)?;
            let latest_here = reports
                .iter()
                .find(|r| {
                    r.kind == report.kind
                        && (report.kind == ReportKind::Final || r.tranche == report.tranche)
                })
                .map(|r| r.id);
            let docs = documents::section(
                conn,
                actor,
                Owner::Report(id),
                format!("/reports/{id}/documents"),
                language,
                limits,
                retry,
            )?;
            Ok(ReportSheet {
                refile: report.state == grant_reports::ReportState::Returned
                    && latest_here == Some(report.id)
                    && grant.state.is_open(),
                currency: grant.award.currency().to_string(),
                report,
                title,
                docs,
            })
        })
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let docs = Serde(&sheet.docs);
    member.page_with_status(
        status,
        "ngo_report.html",
        minijinja::context! {
            sheet => Serde(&sheet),
            docs,
            docs_intro => "doc-report-intro",
            notice,
            errors,
        },
    )
}

/// `POST /reports/{id}/documents`: a document of the report's (multipart).
#[post("/reports/{id}/documents")]
async fn attach_document(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    id: web::Path<String>,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let id = report_id(&member, &id)?;
    match documents::attach(&member, &db, **settings, Owner::Report(id), multipart).await? {
        Ok(_) => Ok(member
            .redirect(&format!("/reports/{id}?uploaded=document#documents"))
            .finish()),
        Err(refused) => sheet_page(&member, &db, **settings, id, None, Some(refused)).await,
    }
}

/// `POST /reports/{id}/documents/{document}/versions`: a new version of one of them.
#[post("/reports/{id}/documents/{document}/versions")]
async fn add_version(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    path: web::Path<(String, String)>,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let (id, document) = path.into_inner();
    let id = report_id(&member, &id)?;
    let owner = Owner::Report(id);
    match documents::supersede(&member, &db, **settings, owner, &document, multipart).await? {
        Ok(_) => Ok(member
            .redirect(&format!("/reports/{id}?uploaded=version#documents"))
            .finish()),
        Err(refused) => sheet_page(&member, &db, **settings, id, None, Some(refused)).await,
    }
}
