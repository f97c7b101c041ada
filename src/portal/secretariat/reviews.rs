//! `/secretariat/grants/{id}/reports/{report}`: a grantee's report as the secretariat
//! reads it (its figures, spending, narrative and documents, through the API's
//! `grant_reports::show_report`), and its review: accept it, or return it with comments
//! (`grant_reports::review`, whose rule it is that returning needs comments).

use actix_web::{get, post, web, HttpResponse};
use minijinja::value::Serde;
use serde::Deserialize;

use super::grants::{grant_id, heading, refusal, Heading};
use crate::db::Db;
use crate::documents::Owner;
use crate::domain::{GrantId, GrantReportId, Role, Text};
use crate::error::AppError;
use crate::grant_reports::{ReportState, ReportView, Review};
use crate::portal::documents::{self, Section};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::messages;
use crate::portal::visitor::Member;

/// The review as typed: `decision` is `accept` or `return`.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
struct ReviewForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    comments: String,
}

fn ids(member: &Member, grant: &str, report: &str) -> Result<(GrantId, GrantReportId), PageError> {
    let grant = grant_id(member, grant)?;
    let report = report
        .parse::<uuid::Uuid>()
        .map(GrantReportId::from)
        .map_err(|_| member.failed(AppError::NotFound))?;
    Ok((grant, report))
}

/// The report (of this grant: another grant's report is not here) and its documents.
async fn load(
    member: &Member,
    db: &Db,
    grant: GrantId,
    report: GrantReportId,
) -> Result<(Heading, ReportView, Option<Section>), PageError> {
    let heading = heading(member, db, grant).await?;
    let language = member.language;
    let (report, docs) = member
        .read(db, move |conn, actor| {
            let report = crate::grant_reports::show_report(conn, actor, report)?;
            if report.grant_id != grant {
                return Err(AppError::NotFound);
            }
            let docs = documents::listed(conn, actor, Owner::Report(report.id), language)?;
            Ok((report, docs))
        })
        .await?;
    Ok((heading, report, docs))
}

fn render(
    member: &Member,
    loaded: (Heading, ReportView, Option<Section>),
    form: ReviewForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let (heading, report, docs) = loaded;
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        grant => Serde(&heading.grant),
        named => Serde(&heading.named),
        report => Serde(&report),
        reviewable => report.state == ReportState::Submitted,
        docs => Serde(&docs),
        docs_intro => "sgr-report-docs-intro",
        form => Serde(&form),
        errors,
    };
    if refused {
        member.form_refused("secretariat_review.html", context)
    } else {
        member.page("secretariat_review.html", context)
    }
}

/// `GET /secretariat/grants/{id}/reports/{report}`.
#[get("/secretariat/grants/{id}/reports/{report}")]
pub(super) async fn report_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let (grant, report) = ids(&member, &path.0, &path.1)?;
    let loaded = load(&member, &db, grant, report).await?;
    render(&member, loaded, ReviewForm::default(), FormErrors::new())
}

/// `POST /secretariat/grants/{id}/reports/{report}`: the review.
#[post("/secretariat/grants/{id}/reports/{report}")]
pub(super) async fn post_review(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let (grant, report) = ids(&member, &path.0, &path.1)?;
    let form: ReviewForm = member.read_form(&body)?;
    let language = member.language;
    let mut errors = FormErrors::new();
    let accepted = match form.decision.as_str() {
        "accept" => Some(true),
        "return" => Some(false),
        _ => {
            errors.add(
                "decision",
                messages::plain(language, "sgr-review-decision-missing"),
            );
            None
        }
    };
    let comments = if form.comments.trim().is_empty() {
        None
    } else {
        match Text::parse(&form.comments) {
            Ok(text) => Some(text),
            Err(refused) => {
                errors.add(
                    "comments",
                    messages::text(
                        language,
                        "field-refused",
                        &[("reason", refused.to_string().into())],
                    ),
                );
                None
            }
        }
    };
    if let (Some(accepted), true) = (accepted, errors.is_empty()) {
        // Whether the report's grant is this one is checked before it is reviewed.
        load(&member, &db, grant, report).await?;
        let command = Review {
            report,
            accepted,
            comments,
        };
        match member
            .caller
            .write(&db, move |tx| crate::grant_reports::review(tx, command))
            .await
        {
            Ok(_) => {
                return Ok(member
                    .redirect(&format!("/secretariat/grants/{grant}?done=reviewed"))
                    .finish())
            }
            Err(error) => {
                errors = match &error {
                    AppError::BadRequest { errors, .. }
                        if errors.first().is_some_and(|p| p.field == "comments") =>
                    {
                        let mut told = FormErrors::new();
                        told.add(
                            "comments",
                            messages::plain(language, "sgr-review-comments-missing"),
                        );
                        told
                    }
                    _ => refusal(language, &error, "decision", |field| match field {
                        "comments" => Some("comments".into()),
                        _ => None,
                    })
                    .ok_or_else(|| member.failed(error))?,
                }
            }
        }
    }
    let loaded = load(&member, &db, grant, report).await?;
    render(&member, loaded, form, errors)
}
