//! `/statements`: the Fund's statements of financial position and performance for a
//! period, beside the period before it (the API's `GET /api/v1/statements`), and their
//! CSV and Excel files, the same bytes the API answers, read with the session's
//! authority.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::domain::{QueryDate, Role};
use crate::error::AppError;
use crate::fund_reports::{self, statements_xlsx, Period};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::messages;
use crate::portal::render::protect;
use crate::portal::visitor::Member;

/// Who reads the statements, as the API's `get_statements` allows.
const READERS: &[Role] = &[Role::Finance, Role::Auditor];

/// The period chooser as typed (the page is read with GET: a link names it).
#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct Chooser {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// A date of the chooser: `None` left blank (the API's default), a problem if not a date
/// a query may name.
fn chosen(
    typed: &str,
    field: &str,
    member: &Member,
    errors: &mut FormErrors,
) -> Option<chrono::NaiveDate> {
    if typed.trim().is_empty() {
        return None;
    }
    let date = super::typed_date(typed).and_then(|d| QueryDate::new(d).ok());
    if date.is_none() {
        errors.add(
            field,
            messages::plain(member.language, "finance-date-invalid"),
        );
    }
    date.map(QueryDate::get)
}

/// The period asked for, as the API resolves it, or what is wrong with the chooser.
fn period_of(member: &Member, db: &Db, chooser: &Chooser) -> Result<Period, FormErrors> {
    let mut errors = FormErrors::new();
    let from = chosen(&chooser.from, "from", member, &mut errors);
    let to = chosen(&chooser.to, "to", member, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Period::asked(from, to, db.clock()).map_err(|error| {
        FormErrors::of_refusal(member.language, &error, "from", |f| f.to_string())
            .unwrap_or_default()
    })
}

/// `GET /statements?from=&to=`.
#[get("/statements")]
pub(super) async fn statements_page(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<Chooser>,
) -> Result<HttpResponse, PageError> {
    member.require(READERS)?;
    let chooser = query.into_inner();
    match period_of(&member, &db, &chooser) {
        Ok(period) => {
            let statements = member
                .read(&db, move |conn, actor| {
                    fund_reports::statements(conn, actor, period)
                })
                .await?;
            let chooser = Chooser {
                from: period.from.to_string(),
                to: period.to.to_string(),
            };
            member.page(
                "finance_statements.html",
                minijinja::context! {
                    s => Serde(statements),
                    form => Serde(chooser),
                    errors => FormErrors::new(),
                },
            )
        }
        Err(errors) => member.form_refused(
            "finance_statements.html",
            minijinja::context! { form => Serde(chooser), errors },
        ),
    }
}

/// `GET /statements/file.{csv|xlsx}?from=&to=`: the statements as the API's
/// `format=csv` or `format=xlsx` answers them.
#[get("/statements/file.{format:csv|xlsx}")]
pub(super) async fn statements_file(
    member: Member,
    db: web::Data<Db>,
    format: web::Path<String>,
    query: web::Query<Chooser>,
) -> Result<HttpResponse, PageError> {
    member.require(READERS)?;
    let period = period_of(&member, &db, &query)
        .map_err(|_| member.failed(AppError::bad_field("from", "not a period")))?;
    let statements = member
        .read(&db, move |conn, actor| {
            fund_reports::statements(conn, actor, period)
        })
        .await?;
    let name = format!("trustfund-statements-{}-to-{}", period.from, period.to);
    let (content_type, body) = match format.as_str() {
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            statements_xlsx::workbook(&statements),
        ),
        _ => ("text/csv; charset=utf-8", fund_reports::csv(&statements)),
    };
    let body = body.map_err(|error| member.failed(error))?;
    let mut response = HttpResponse::Ok();
    protect(&mut response, member.language);
    Ok(response
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}.{format}\""),
        ))
        .body(body))
}
