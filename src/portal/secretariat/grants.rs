//! `/secretariat/grants` (the list, by state) and `/secretariat/grants/{id}`: one grant
//! as the secretariat follows it through the API's reads (`grants::show_grant`, its
//! reports, amendments and documents), named by its application, organisation and
//! country, with what can be done to it now: sign its agreement, review a report, amend
//! it, cancel it, write off a refund it owes.

use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpResponse};
use minijinja::value::Serde;
use serde::Serialize;

use super::{Country, Done, ListQuery};
use crate::config::DocumentSettings;
use crate::db::{Actor, Db, DbConnection};
use crate::documents::Owner;
use crate::domain::{GrantId, Money, Role, Text};
use crate::error::AppError;
use crate::grant_reports::{ListReports, ReportView};
use crate::grants::{AmendmentView, GrantState, GrantView, ListGrants, WriteOff};
use crate::http::PageParams;
use crate::portal::documents::{self, Refused, Retry, Section};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

/// Most grants a list page shows at once, and most reports one grant's page lists.
const LIST_LIMIT: i64 = 200;

/// The states a list may be narrowed to, in the order a grant moves.
pub(super) const STATES: [GrantState; 5] = [
    GrantState::Awarded,
    GrantState::AgreementSigned,
    GrantState::Closing,
    GrantState::Closed,
    GrantState::Cancelled,
];

/// The id in a path, or the page that says there is nothing there.
pub(super) fn grant_id(member: &Member, text: &str) -> Result<GrantId, PageError> {
    text.parse().map_err(|_| member.failed(AppError::NotFound))
}

/// Who and what a grant is, by name: its application's title, the organisation and its
/// country, the call.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Named {
    pub title: String,
    pub organization: String,
    pub organization_id: String,
    pub country: Country,
    pub call: String,
    pub max_duration_months: i32,
}

pub(super) fn named(
    conn: &mut DbConnection,
    actor: &Actor,
    grant: &GrantView,
) -> Result<Named, AppError> {
    let application = crate::applications::show_application(conn, actor, grant.application_id)?;
    let org = crate::organizations::show_organization(conn, actor, grant.organization_id)?;
    let call = crate::calls::show_call(conn, actor, grant.call_id)?;
    Ok(Named {
        title: application.title,
        organization: org.legal_name,
        organization_id: org.id.to_string(),
        country: org.country.into(),
        call: call.call.title,
        max_duration_months: call.call.max_duration_months,
    })
}

/// The grant and its names, read in one snapshot: what every form of a grant shows above
/// itself.
#[derive(Debug, Serialize)]
pub(super) struct Heading {
    pub grant: GrantView,
    pub named: Named,
}

pub(super) async fn heading(member: &Member, db: &Db, id: GrantId) -> Result<Heading, PageError> {
    member
        .read(db, move |conn, actor| {
            let grant = crate::grants::show_grant(conn, actor, id)?;
            let named = named(conn, actor, &grant)?;
            Ok(Heading { grant, named })
        })
        .await
}

/// A use case's refusal beside the field of the form it is about (`field_of` maps the
/// use case's field names to the form's), in the visitor's language: a rule in the
/// grant pages' own words (`sgr-rule-{name}`) where they have them, else as the
/// secretariat's pages tell it. `None` when the refusal is not about the form.
pub(super) fn refusal(
    language: PageLanguage,
    error: &AppError,
    whole: &str,
    field_of: impl Fn(&str) -> Option<String>,
) -> Option<FormErrors> {
    if let AppError::Rule { rule, errors, .. } = error {
        let key = format!("sgr-rule-{}", rule.name());
        if messages::has(&key) {
            let mut told = FormErrors::new();
            let field = errors
                .first()
                .and_then(|problem| field_of(&problem.field))
                .unwrap_or_else(|| whole.to_string());
            told.add(&field, messages::plain(language, &key));
            return Some(told);
        }
    }
    super::refusals::told(language, error, whole, field_of)
}

/// A text typed in a form (empty: its `missing` message), or its problem under `field`.
pub(super) fn required_text(
    typed: &str,
    field: &str,
    missing: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<Text> {
    if typed.trim().is_empty() {
        errors.add(field, messages::plain(language, missing));
        return None;
    }
    match Text::parse(typed) {
        Ok(text) => Some(text),
        Err(refused) => {
            errors.add(
                field,
                messages::text(
                    language,
                    "field-refused",
                    &[("reason", refused.to_string().into())],
                ),
            );
            None
        }
    }
}

/// One grant in the list.
#[derive(Debug, Serialize)]
struct Row {
    grant: GrantView,
    named: Named,
}

#[derive(Debug, Serialize)]
struct Listed {
    items: Vec<Row>,
    next_cursor: Option<String>,
}

fn state_named(name: Option<&str>) -> Option<GrantState> {
    name.and_then(|name| STATES.into_iter().find(|s| s.as_str() == name))
}

/// `GET /secretariat/grants?state=…`: grants newest first, as the API lists them (the
/// list has no filter by state: a page of grants is narrowed here).
#[get("/secretariat/grants")]
pub(super) async fn list_page(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let ListQuery { state, cursor } = query.into_inner();
    let state = state_named(state.as_deref());
    let listed = member
        .read(&db, move |conn, actor| {
            let page = crate::grants::list_grants(
                conn,
                actor,
                ListGrants {
                    page: PageParams {
                        limit: Some(LIST_LIMIT),
                        cursor,
                    }
                    .request()?,
                },
            )?;
            let items = page
                .items
                .into_iter()
                .filter(|g| state.is_none_or(|s| g.state == s))
                .map(|grant| {
                    let named = named(conn, actor, &grant)?;
                    Ok(Row { grant, named })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            Ok(Listed {
                items,
                next_cursor: page.next_cursor,
            })
        })
        .await?;
    member.page(
        "secretariat_grants.html",
        minijinja::context! {
            listed => Serde(listed),
            states => STATES.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            state => state.map(GrantState::as_str),
        },
    )
}

/// Everything one grant's page shows.
#[derive(Debug, Serialize)]
struct Sheet {
    grant: GrantView,
    named: Named,
    reports: Vec<ReportView>,
    amendments: Vec<AmendmentView>,
    docs: Option<Section>,
    /// A refund is owed and may be written off.
    owes: bool,
}

async fn sheet(
    member: &Member,
    db: &Db,
    id: GrantId,
    limits: DocumentSettings,
    retry: Option<Retry>,
) -> Result<Sheet, PageError> {
    let language = member.language;
    let attach = format!("/secretariat/grants/{id}/documents");
    member
        .read(db, move |conn, actor| {
            let grant = crate::grants::show_grant(conn, actor, id)?;
            let named = named(conn, actor, &grant)?;
            let reports = crate::grant_reports::list_reports(
                conn,
                actor,
                ListReports {
                    grant: id,
                    page: PageParams {
                        limit: Some(LIST_LIMIT),
                        cursor: None,
                    }
                    .request()?,
                },
            )?
            .items;
            let amendments = crate::grants::list_amendments(conn, actor, id)?;
            let docs = Some(documents::section(
                conn,
                actor,
                Owner::Grant(id),
                attach,
                language,
                limits,
                retry,
            )?);
            let owes = grant.state == GrantState::Closing && grant.refund_due.is_positive();
            Ok(Sheet {
                grant,
                named,
                reports,
                amendments,
                docs,
                owes,
            })
        })
        .await
}

fn render(
    member: &Member,
    sheet: Sheet,
    reason: &str,
    errors: FormErrors,
    done: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        sheet => Serde(&sheet),
        docs => Serde(&sheet.docs),
        docs_intro => "sgr-docs-intro",
        reason,
        errors,
        done => done.filter(|d| {
            matches!(
                *d,
                "signed" | "amended" | "cancelled" | "written-off" | "reviewed" | "uploaded"
            )
        }),
    };
    if refused {
        member.form_refused("secretariat_grant.html", context)
    } else {
        member.page("secretariat_grant.html", context)
    }
}

/// `GET /secretariat/grants/{id}`.
#[get("/secretariat/grants/{id}")]
pub(super) async fn grant_page(
    member: Member,
    db: web::Data<Db>,
    limits: web::Data<DocumentSettings>,
    path: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = grant_id(&member, &path)?;
    let sheet = sheet(&member, &db, id, **limits, None).await?;
    render(&member, sheet, "", FormErrors::new(), done.done.as_deref())
}

/// `POST /secretariat/grants/{id}/documents`: a document of the grant's (multipart), the
/// agreement as signed for the Fund among them (`documents::attach`, as the API's).
#[post("/secretariat/grants/{id}/documents")]
pub(super) async fn attach_document(
    member: Member,
    db: web::Data<Db>,
    limits: web::Data<DocumentSettings>,
    path: web::Path<String>,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = grant_id(&member, &path)?;
    match documents::attach(&member, &db, **limits, Owner::Grant(id), multipart).await? {
        Ok(_) => Ok(member
            .redirect(&format!("/secretariat/grants/{id}?done=uploaded#documents"))
            .finish()),
        Err(refused) => refused_upload(&member, &db, **limits, id, refused).await,
    }
}

/// `POST /secretariat/grants/{id}/documents/{document}/versions`: a new version of one.
#[post("/secretariat/grants/{id}/documents/{document}/versions")]
pub(super) async fn add_version(
    member: Member,
    db: web::Data<Db>,
    limits: web::Data<DocumentSettings>,
    path: web::Path<(String, String)>,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let (id, document) = path.into_inner();
    let id = grant_id(&member, &id)?;
    let owner = Owner::Grant(id);
    match documents::supersede(&member, &db, **limits, owner, &document, multipart).await? {
        Ok(_) => Ok(member
            .redirect(&format!("/secretariat/grants/{id}?done=uploaded#documents"))
            .finish()),
        Err(refused) => refused_upload(&member, &db, **limits, id, refused).await,
    }
}

/// The grant's page again with a refused upload's errors and what it held.
async fn refused_upload(
    member: &Member,
    db: &Db,
    limits: DocumentSettings,
    id: GrantId,
    refused: Refused,
) -> Result<HttpResponse, PageError> {
    let sheet = sheet(member, db, id, limits, Some(refused.retry)).await?;
    render(member, sheet, "", refused.errors, None)
}

#[derive(Debug, serde::Deserialize)]
struct WriteOffForm {
    #[serde(default)]
    reason: String,
}

/// `POST /secretariat/grants/{id}/write-off`: a refund owed that will not come written
/// off (`grants::write_off`: only a closing grant that owes one).
#[post("/secretariat/grants/{id}/write-off")]
pub(super) async fn post_write_off(
    member: Member,
    db: web::Data<Db>,
    limits: web::Data<DocumentSettings>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = grant_id(&member, &path)?;
    let form: WriteOffForm = member.read_form(&body)?;
    let mut errors = FormErrors::new();
    let language = member.language;
    if let Some(reason) = required_text(
        &form.reason,
        "reason",
        "sgr-write-off-reason-missing",
        language,
        &mut errors,
    ) {
        let command = WriteOff {
            grant: id,
            reason: reason.into_string(),
        };
        match member
            .caller
            .write(&db, move |tx| crate::grants::write_off(tx, command))
            .await
        {
            Ok(_) => {
                return Ok(member
                    .redirect(&format!("/secretariat/grants/{id}?done=written-off"))
                    .finish())
            }
            Err(error) => {
                errors = refusal(language, &error, "reason", |_| None)
                    .ok_or_else(|| member.failed(error))?
            }
        }
    }
    let sheet = sheet(&member, &db, id, **limits, None).await?;
    render(&member, sheet, &form.reason, errors, None)
}

/// `GET` on where the write-off posts: the grant's page is what to show.
#[get("/secretariat/grants/{id}/write-off")]
pub(super) async fn back_to_grant(
    member: Member,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = grant_id(&member, &path)?;
    Ok(member
        .redirect(&format!("/secretariat/grants/{id}"))
        .finish())
}

/// The sum of `amounts` in `currency` (zero when there is none).
pub(super) fn total(currency: crate::domain::Currency, amounts: &[Money]) -> Money {
    Money::sum(currency, amounts.iter().copied()).unwrap_or_else(|_| Money::zero(currency))
}

/// The grant pages' routes (this module's and its neighbours').
pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_page)
        .service(grant_page)
        .service(post_write_off)
        .service(attach_document)
        .service(add_version)
        .service(back_to_grant)
        .service(super::agreements::agreement_page)
        .service(super::agreements::post_agreement)
        .service(super::reviews::report_page)
        .service(super::reviews::post_review)
        .service(super::amendments::amendment_page)
        .service(super::amendments::post_amendment)
        .service(super::amendments::cancellation_page)
        .service(super::amendments::post_cancellation);
}
