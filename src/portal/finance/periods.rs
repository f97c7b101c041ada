//! `/periods`: the months of the books, each open or closed (the API's list), and the
//! button that closes the month to close next: the oldest month that has ended and is
//! still open (months close in order). The use case checks everything else (the ledger's
//! integrity first); what it refuses is told beside the button.

use actix_web::{get, post, web, HttpResponse};
use minijinja::value::Serde;

use crate::db::Db;
use crate::domain::Month;
use crate::domain::Role;
use crate::error::AppError;
use crate::ledger_periods::{self, PeriodList, PeriodState};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::visitor::Member;

/// The month the button offers to close: the oldest that ended and is open.
fn next_to_close(list: &PeriodList, today: chrono::NaiveDate) -> Option<String> {
    list.items
        .iter()
        .find(|p| p.state == PeriodState::Open && p.ends_on < today)
        .map(|p| p.period.to_string())
}

async fn page(
    member: &Member,
    db: &Db,
    errors: FormErrors,
    closed: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let today = db.clock().today();
    let list = member
        .read(db, |conn, actor| {
            ledger_periods::list_periods(conn, actor, None, None)
        })
        .await?;
    let refused = !errors.is_empty();
    let mut items = list.items.clone();
    // Newest first: the month to close and the latest closes are what finance looks for.
    items.reverse();
    let context = minijinja::context! {
        periods => Serde(items),
        first_period => list.first_period.map(|p| p.to_string()),
        next => next_to_close(&list, today),
        closed => closed.and_then(|c| Month::parse(c).ok()).map(|p| p.to_string()),
        errors,
    };
    if refused {
        member.form_refused("finance_periods.html", context)
    } else {
        member.page("finance_periods.html", context)
    }
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct Done {
    closed: Option<String>,
}

/// `GET /periods`.
#[get("/periods")]
pub(super) async fn periods_page(
    member: Member,
    db: web::Data<Db>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Finance])?;
    page(&member, &db, FormErrors::new(), done.closed.as_deref()).await
}

#[derive(Debug, serde::Deserialize)]
struct CloseForm {
    #[serde(default)]
    period: String,
}

/// `POST /periods/close`: closes the month the form names.
#[post("/periods/close")]
pub(super) async fn post_close(
    member: Member,
    db: web::Data<Db>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Finance])?;
    let form: CloseForm = member.read_form(&body)?;
    let period = Month::parse(form.period.trim())
        .map_err(|_| member.failed(AppError::bad_field("period", "must be a month as YYYY-MM")))?;
    let closed = member
        .caller
        .write(&db, move |tx| ledger_periods::close_period(tx, period))
        .await;
    match closed {
        Ok(_) => Ok(member
            .redirect(&format!("/periods?closed={period}"))
            .finish()),
        Err(error) => {
            let errors =
                FormErrors::of_refusal(member.language, &error, "period", |_| "period".to_string())
                    .ok_or_else(|| member.failed(error))?;
            page(&member, &db, errors, None).await
        }
    }
}

/// `GET /periods/close`: where a refused close's page stands; the list is what to show.
#[get("/periods/close")]
pub(super) async fn back_to_periods(member: Member) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Finance])?;
    Ok(member.redirect("/periods").finish())
}
