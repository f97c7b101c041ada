//! `/` and `/votes` for a trustee: what waits for their vote, exactly as the API's
//! `GET /api/v1/applications?awaiting_my_vote=true` lists it, each with its call and its
//! organisation (read as the API reads them: the call, and the dossier a trustee may read
//! on an application under review).

use actix_web::{get, web, HttpResponse};
use serde::Serialize;

use super::{Country, PageQuery};
use crate::applications::{ApplicationSummary, ApplicationsQuery, Filter};
use crate::db::{Actor, Db, DbConnection, Page};
use crate::domain::{Money, Role};
use crate::error::AppError;
use crate::http::PageParams;
use crate::portal::failure::PageError;
use crate::portal::visitor::Member;

/// One application waiting for the trustee's vote.
#[derive(Debug, Serialize)]
struct Waiting {
    id: String,
    title: String,
    call: String,
    organization: String,
    country: Country,
    countries: Vec<Country>,
    requested: Money,
    submitted_at: Option<String>,
}

#[derive(Debug, Serialize)]
struct Queue {
    items: Vec<Waiting>,
    next_cursor: Option<String>,
}

/// The trustee's queue from `cursor` on, with what each row shows beside it.
fn queue(
    conn: &mut DbConnection,
    actor: &Actor,
    cursor: Option<String>,
) -> Result<Queue, AppError> {
    let page = PageParams {
        limit: None,
        cursor,
    }
    .request()?;
    let query = ApplicationsQuery {
        filter: Filter::default(),
        page,
    };
    let Page { items, next_cursor } = crate::voting::awaiting_my_vote(conn, actor, query)?;
    let items = items
        .into_iter()
        .map(|summary| waiting(conn, actor, summary))
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Queue { items, next_cursor })
}

fn waiting(
    conn: &mut DbConnection,
    actor: &Actor,
    a: ApplicationSummary,
) -> Result<Waiting, AppError> {
    let call = crate::calls::show_call(conn, actor, a.call_id)?;
    let dossier = crate::voting::application_dossier(conn, actor, a.id)?;
    Ok(Waiting {
        id: a.id.to_string(),
        title: a.title,
        call: call.call.title,
        organization: dossier.organization.legal_name,
        country: dossier.organization.country.into(),
        countries: a.countries.into_iter().map(Country::from).collect(),
        requested: a.requested,
        submitted_at: a.submitted_at.map(|at| at.to_rfc3339()),
    })
}

async fn show(
    member: Member,
    db: web::Data<Db>,
    cursor: Option<String>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Trustee])?;
    let queue = member
        .read(&db, move |conn, actor| queue(conn, actor, cursor))
        .await?;
    member.page(
        "trustee_queue.html",
        minijinja::context! { queue => minijinja::value::Serde(queue) },
    )
}

/// A trustee's home: what waits for their vote.
pub async fn home(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    show(member, db, None).await
}

/// `GET /votes`: the same queue, page by page.
#[get("/votes")]
pub(super) async fn votes_page(
    member: Member,
    db: web::Data<Db>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, PageError> {
    show(member, db, page.into_inner().cursor).await
}
