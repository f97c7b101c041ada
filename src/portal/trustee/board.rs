//! `/board`: the Board as it stands today (the API's `GET /api/v1/board`), and
//! `/decisions`: what the Board decided, as a trustee reads it through the API (the
//! applications it saw that are decided, each with its decision and its call; the
//! organisation's dossier is the vote's business and closes with it).

use actix_web::{get, web, HttpResponse};
use serde::Serialize;

use super::{Country, PageQuery};
use crate::applications::{ApplicationState, ApplicationsQuery, Filter};
use crate::db::{Actor, Db, DbConnection};
use crate::domain::{Money, Role};
use crate::error::AppError;
use crate::http::PageParams;
use crate::portal::failure::PageError;
use crate::portal::visitor::Member;
use crate::voting::DecisionView;

/// A member of the Board, with what the page shows beside the API's view.
#[derive(Debug, Serialize)]
struct Seat {
    name: String,
    nationality: Country,
    regional_group: crate::domain::RegionalGroup,
    term_start: chrono::NaiveDate,
    /// The last day of the term (the API's `term_end` is the first day after it).
    term_last_day: chrono::NaiveDate,
    chair: bool,
    you: bool,
}

/// `GET /board`.
#[get("/board")]
pub(super) async fn board_page(
    member: Member,
    db: web::Data<Db>,
) -> Result<HttpResponse, PageError> {
    use minijinja::value::Serde;
    member.require(&[Role::Trustee])?;
    let me = member.caller.id();
    let view = member
        .read(&db, |conn, actor| {
            crate::board::show_board(conn, actor, None)
        })
        .await?;
    let chair = view.chair.as_ref().map(|c| c.appointment_id);
    let seats: Vec<Seat> = view
        .members
        .iter()
        .map(|m| Seat {
            name: m.name.clone(),
            nationality: m.nationality.into(),
            regional_group: m.regional_group,
            term_start: m.term_start,
            term_last_day: m.term_end.pred_opt().unwrap_or(m.term_end),
            chair: chair == Some(m.appointment_id),
            you: m.user_id == Some(me),
        })
        .collect();
    let chair_to = view.chair.as_ref().map(|c| c.to.pred_opt().unwrap_or(c.to));
    member.page(
        "trustee_board.html",
        minijinja::context! {
            board => Serde(&view),
            seats => Serde(seats),
            chair_last_day => Serde(chair_to),
        },
    )
}

/// A decided application, as the decisions page lists it.
#[derive(Debug, Serialize)]
struct Decided {
    id: String,
    title: String,
    call: String,
    countries: Vec<Country>,
    requested: Money,
    state: ApplicationState,
    decision: Option<DecisionView>,
}

#[derive(Debug, Serialize)]
struct Decisions {
    items: Vec<Decided>,
    next_cursor: Option<String>,
}

/// The decided applications a trustee may see, newest first, each with its decision.
fn decisions_from(
    conn: &mut DbConnection,
    actor: &Actor,
    cursor: Option<String>,
) -> Result<Decisions, AppError> {
    let page = PageParams {
        limit: None,
        cursor,
    }
    .request()?;
    let query = ApplicationsQuery {
        filter: Filter {
            states: Some(vec![
                ApplicationState::Approved,
                ApplicationState::ReserveList,
                ApplicationState::Rejected,
            ]),
            ..Filter::default()
        },
        page,
    };
    let page = crate::applications::list_applications(conn, actor, query)?;
    let mut items = Vec::with_capacity(page.items.len());
    for a in page.items {
        let call = crate::calls::show_call(conn, actor, a.call_id)?;
        let decision = match crate::voting::show_decision(conn, actor, a.id) {
            Ok(decision) => Some(decision),
            Err(AppError::NotFound) => None,
            Err(other) => return Err(other),
        };
        items.push(Decided {
            id: a.id.to_string(),
            title: a.title,
            call: call.call.title,
            countries: a.countries.into_iter().map(Country::from).collect(),
            requested: a.requested,
            state: a.state,
            decision,
        });
    }
    Ok(Decisions {
        items,
        next_cursor: page.next_cursor,
    })
}

/// `GET /decisions`.
#[get("/decisions")]
pub(super) async fn decisions_page(
    member: Member,
    db: web::Data<Db>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Trustee])?;
    let cursor = page.into_inner().cursor;
    let decisions = member
        .read(&db, move |conn, actor| decisions_from(conn, actor, cursor))
        .await?;
    member.page(
        "trustee_decisions.html",
        minijinja::context! { decisions => minijinja::value::Serde(decisions) },
    )
}
