//! `/calls`: the calls open now, with their terms; `/calls/{id}`: one call in full, with
//! the way to apply (or to the organisation's application under it, when there is one).
//! The same reads as `GET /api/v1/calls` and `GET /api/v1/calls/{id}`.

use actix_web::{get, web, HttpResponse};
use minijinja::value::Serde;

use crate::applications::{self, ApplicationsQuery, Filter};
use crate::calls::{self, CallFilter, CallStatus};
use crate::db::{Db, PageRequest};
use crate::domain::{CallId, Role};
use crate::portal::failure::PageError;
use crate::portal::visitor::Member;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(open_calls).service(one_call);
}

/// The most calls one page lists (the API's own largest page).
const CALLS_PER_PAGE: i64 = 200;

#[get("/calls")]
async fn open_calls(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let filter = CallFilter {
        open_only: true,
        page: PageRequest {
            limit: CALLS_PER_PAGE,
            after: None,
        },
    };
    let page = member
        .read(&db, move |conn, actor| {
            calls::list_calls(conn, actor, filter)
        })
        .await?;
    member.page(
        "ngo_calls.html",
        minijinja::context! { calls => Serde(page.items) },
    )
}

#[get("/calls/{id}")]
async fn one_call(
    member: Member,
    db: web::Data<Db>,
    id: web::Path<CallId>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let id = id.into_inner();
    let (call, mine) = member
        .caller
        .read(&db, move |conn, actor| {
            let call = calls::show_call(conn, actor, id)?;
            let mine = own_application_under(conn, actor, id)?;
            Ok((call, mine))
        })
        .await
        .map_err(|e| member.failed(e))?;
    let may_apply = matches!(call.call.status, CallStatus::Open | CallStatus::Upcoming);
    member.page(
        "ngo_call.html",
        minijinja::context! {
            call => Serde(&call.call),
            envelope => Serde(&call.envelope_use),
            mine => Serde(mine),
            may_apply,
        },
    )
}

/// The organisation's application under a call, if it has one (the list the API answers
/// for `GET /api/v1/applications?call_id=…`, narrowed to the organisation by the use case).
pub fn own_application_under(
    conn: &mut crate::db::DbConnection,
    actor: &crate::db::Actor,
    call: CallId,
) -> Result<Option<applications::ApplicationSummary>, crate::error::AppError> {
    let query = ApplicationsQuery {
        filter: Filter {
            call_id: Some(call),
            ..Filter::default()
        },
        page: PageRequest {
            limit: 20,
            after: None,
        },
    };
    let page = applications::list_applications(conn, actor, query)?;
    // A withdrawn application does not stop the organisation applying again.
    Ok(page
        .items
        .into_iter()
        .find(|a| a.state != applications::ApplicationState::Withdrawn))
}
