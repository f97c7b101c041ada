//! `/grants` and `/grants/{id}`: an organisation's grants, each with its agreement,
//! tranches, the payments it received, refunds and the reports filed on it. The reads
//! are the API's (`GET /api/v1/grants…`, `…/disbursements`, `…/refunds`, `…/reports`):
//! another organisation's grant is the same 404 as a grant that does not exist.

use std::collections::HashMap;

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::forms::first;
use crate::applications::{self, ApplicationsQuery, Filter};
use crate::config::DocumentSettings;
use crate::db::{Actor, Db, DbConnection};
use crate::documents::Owner;
use crate::domain::{ApplicationId, GrantId, Role};
use crate::error::AppError;
use crate::grant_reports::{self, ListReports, ReportKind, ReportState, ReportView};
use crate::grants::{
    self, DisbursementView, GrantView, ListDisbursements, ListGrants, RefundView, TrancheState,
    TrancheView,
};
use crate::portal::documents::{self, Refused, Section};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::visitor::Member;
use minijinja::value::Serde;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(grants_page)
        .service(grant_page)
        .service(attach_document)
        .service(add_version);
}

/// Most lines a page shows of one list (a grant has at most 12 tranches; its payments
/// and reports are a few dozen at most).
const LIST_LIMIT: i64 = 200;

/// The id in a path, or the page that says there is nothing there.
pub(super) fn grant_id(member: &Member, text: &str) -> Result<GrantId, PageError> {
    text.parse()
        .map_err(|_| PageError::not_found(member.language, true))
}

/// The titles of the organisation's applications, by id (a grant is named by its
/// application's title).
pub(super) fn titles(
    conn: &mut DbConnection,
    actor: &Actor,
) -> Result<HashMap<ApplicationId, String>, AppError> {
    let query = ApplicationsQuery {
        filter: Filter {
            call_id: None,
            organization_id: None,
            states: None,
            country: None,
        },
        page: first(LIST_LIMIT)?,
    };
    Ok(applications::list_applications(conn, actor, query)?
        .items
        .into_iter()
        .map(|a| (a.id, a.title))
        .collect())
}

/// A grant with the title of its application.
#[derive(Debug, Serialize)]
pub(super) struct Titled {
    pub title: String,
    pub grant: GrantView,
}

/// A tranche as the grantee follows it: what was paid, and where its report stands.
#[derive(Debug, Serialize)]
pub(super) struct TrancheLine {
    pub tranche: TrancheView,
    /// The latest report on this tranche, if any.
    pub report: Option<ReportView>,
    /// A report can be filed on it now: paid at least in part, none open on it.
    pub report_due: bool,
    /// Unpaid while the report on the tranche before is not accepted.
    pub waiting_for_report: bool,
}

/// The latest report on tranche `n` (reports come newest first).
fn latest_on(reports: &[ReportView], n: i32) -> Option<&ReportView> {
    reports
        .iter()
        .find(|r| r.kind == ReportKind::Progress && r.tranche == Some(n))
}

/// Each tranche of `grant` with the reports filed on it.
pub(super) fn tranche_lines(grant: &GrantView, reports: &[ReportView]) -> Vec<TrancheLine> {
    let open = grant.state.is_open();
    grant
        .tranches
        .iter()
        .map(|t| {
            let report = latest_on(reports, t.number).cloned();
            let open_report = report
                .as_ref()
                .is_some_and(|r| r.state != ReportState::Returned);
            let unpaid = !matches!(t.state, TrancheState::Paid | TrancheState::Released);
            let before_accepted =
                latest_on(reports, t.number - 1).is_some_and(|r| r.state == ReportState::Accepted);
            TrancheLine {
                tranche: t.clone(),
                report,
                report_due: open && t.paid.is_positive() && !open_report,
                waiting_for_report: open && t.number > 1 && unpaid && !before_accepted,
            }
        })
        .collect()
}

#[get("/grants")]
async fn grants_page(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let grants = member
        .caller
        .read(&db, move |conn, actor| {
            let names = titles(conn, actor)?;
            let page = grants::list_grants(
                conn,
                actor,
                ListGrants {
                    page: first(LIST_LIMIT)?,
                },
            )?;
            Ok(page
                .items
                .into_iter()
                .map(|grant| Titled {
                    title: names
                        .get(&grant.application_id)
                        .cloned()
                        .unwrap_or_default(),
                    grant,
                })
                .collect::<Vec<_>>())
        })
        .await
        .map_err(|e| member.failed(e))?;
    member.page(
        "ngo_grants.html",
        minijinja::context! { grants => Serde(grants) },
    )
}

/// Everything the grant's page shows.
#[derive(Debug, Serialize)]
struct GrantSheet {
    title: String,
    grant: GrantView,
    tranches: Vec<TrancheLine>,
    payments: Vec<DisbursementView>,
    refunds: Vec<RefundView>,
    reports: Vec<ReportView>,
    /// A final report can be filed: the agreement signed, the grant open, no final
    /// report submitted or accepted.
    final_due: bool,
    /// The agreement's documents (the signed agreement to download; the countersigned
    /// one and the audit certificate to upload).
    docs: Section,
}

/// The grant's reports, newest first, as the API lists them.
pub(super) fn reports_of(
    conn: &mut DbConnection,
    actor: &Actor,
    grant: GrantId,
) -> Result<Vec<ReportView>, AppError> {
    Ok(grant_reports::list_reports(
        conn,
        actor,
        ListReports {
            grant,
            page: first(LIST_LIMIT)?,
        },
    )?
    .items)
}

#[derive(Debug, Default, Deserialize)]
struct Arrival {
    /// `document` or `version`: what was just uploaded.
    uploaded: Option<String>,
}

#[get("/grants/{id}")]
async fn grant_page(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    id: web::Path<String>,
    arrival: web::Query<Arrival>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let id = grant_id(&member, &id)?;
    let notice = super::organization::uploaded_notice(arrival.uploaded.as_deref());
    sheet_page(&member, &db, **settings, id, notice, None).await
}

/// The grant's page; with what was wrong in an upload when one was refused.
async fn sheet_page(
    member: &Member,
    db: &Db,
    limits: DocumentSettings,
    id: GrantId,
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
            let grant = grants::show_grant(conn, actor, id)?;
            let title = applications::show_application(conn, actor, grant.application_id)
                .map(|a| a.title)
                .unwrap_or_default();
            let payments = grants::list_disbursements(
                conn,
                actor,
                ListDisbursements {
                    grant: id,
                    page: first(LIST_LIMIT)?,
                },
            )?
            .items;
            let refunds = grants::list_refunds(conn, actor, id)?;
            let reports = reports_of(conn, actor, id)?;
            let final_open = reports
                .iter()
                .any(|r| r.kind == ReportKind::Final && r.state != ReportState::Returned);
            let docs = documents::section(
                conn,
                actor,
                Owner::Grant(id),
                format!("/grants/{id}/documents"),
                language,
                limits,
                retry,
            )?;
            Ok(GrantSheet {
                title,
                tranches: tranche_lines(&grant, &reports),
                final_due: grant.state.is_open() && grant.agreement.is_some() && !final_open,
                grant,
                payments,
                refunds,
                reports,
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
        "ngo_grant.html",
        minijinja::context! {
            sheet => Serde(&sheet),
            docs,
            docs_intro => "doc-grant-intro",
            notice,
            errors,
        },
    )
}

/// `POST /grants/{id}/documents`: a document of the grant's (multipart).
#[post("/grants/{id}/documents")]
async fn attach_document(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    id: web::Path<String>,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let id = grant_id(&member, &id)?;
    match documents::attach(&member, &db, **settings, Owner::Grant(id), multipart).await? {
        Ok(_) => Ok(member
            .redirect(&format!("/grants/{id}?uploaded=document#documents"))
            .finish()),
        Err(refused) => sheet_page(&member, &db, **settings, id, None, Some(refused)).await,
    }
}

/// `POST /grants/{id}/documents/{document}/versions`: a new version of one of them.
#[post("/grants/{id}/documents/{document}/versions")]
async fn add_version(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    path: web::Path<(String, String)>,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let (id, document) = path.into_inner();
    let id = grant_id(&member, &id)?;
    let owner = Owner::Grant(id);
    match documents::supersede(&member, &db, **settings, owner, &document, multipart).await? {
        Ok(_) => Ok(member
            .redirect(&format!("/grants/{id}?uploaded=version#documents"))
            .finish()),
        Err(refused) => sheet_page(&member, &db, **settings, id, None, Some(refused)).await,
    }
}
