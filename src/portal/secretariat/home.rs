//! `/` for the secretariat: what waits for it, each queue read through the API's own
//! lists (organisations `?state=pending`, applications by state, an application's votes
//! and decision, the Fund's balances).

use actix_web::{web, HttpResponse};
use minijinja::value::Serde;
use serde::Serialize;

use super::applications::{row, Row};
use crate::applications::{ApplicationState, ApplicationsQuery, Filter};
use crate::db::{Actor, Db, DbConnection};
use crate::domain::{Money, Role};
use crate::error::AppError;
use crate::http::PageParams;
use crate::organizations::{OrgState, OrganizationFilter, OrganizationView};
use crate::portal::failure::PageError;
use crate::portal::visitor::Member;
use crate::voting::rules::QUORUM;

/// How many of each queue the home page shows; the lists show the rest.
const SHOWN: i64 = 20;

/// An application approved by the Board that the Fund could not cover when it decided.
#[derive(Debug, Serialize)]
pub(super) struct Waiting {
    pub row: Row,
    pub award: Option<Money>,
    pub programme_support_cost: Option<Money>,
    pub decided_at: String,
    /// The Fund's available balance covers the award and its support cost now.
    pub covered: bool,
}

/// The reserve list in the order the Board's decisions put it (first decided, first
/// awarded), and what the Fund has available to award from it.
#[derive(Debug, Serialize)]
pub(super) struct ReserveList {
    pub items: Vec<Waiting>,
    pub available: Money,
}

#[derive(Debug, Serialize)]
struct Queues {
    organizations: Vec<OrganizationView>,
    more_organizations: bool,
    to_screen: Vec<Row>,
    more_to_screen: bool,
    decidable: Vec<Row>,
    reserve: ReserveList,
}

fn page(limit: i64) -> Result<crate::db::PageRequest, AppError> {
    PageParams {
        limit: Some(limit),
        cursor: None,
    }
    .request()
}

fn applications_in(
    conn: &mut DbConnection,
    actor: &Actor,
    states: Vec<ApplicationState>,
    limit: i64,
) -> Result<crate::db::Page<crate::applications::ApplicationSummary>, AppError> {
    crate::applications::list_applications(
        conn,
        actor,
        ApplicationsQuery {
            filter: Filter {
                states: Some(states),
                ..Filter::default()
            },
            page: page(limit)?,
        },
    )
}

/// The reserve list as the award use case walks it: by the date of the decision.
pub(super) fn reserve_list(
    conn: &mut DbConnection,
    actor: &Actor,
) -> Result<ReserveList, AppError> {
    let available = crate::fund::show(conn, actor)?.balances.available;
    let listed = applications_in(conn, actor, vec![ApplicationState::ReserveList], 100)?;
    let mut items = Vec::new();
    for summary in listed.items {
        let decision = crate::voting::show_decision(conn, actor, summary.id)?;
        let needed = match (decision.award, decision.programme_support_cost) {
            (Some(award), Some(psc)) => award.checked_add(psc).ok(),
            _ => None,
        };
        items.push((
            decision.decided_at,
            Waiting {
                row: row(conn, actor, summary)?,
                award: decision.award,
                programme_support_cost: decision.programme_support_cost,
                decided_at: decision.decided_at.to_rfc3339(),
                covered: needed.is_some_and(|needed| needed <= available),
            },
        ));
    }
    items.sort_by(|a, b| (a.0, &a.1.row.id).cmp(&(b.0, &b.1.row.id)));
    Ok(ReserveList {
        items: items.into_iter().map(|(_, waiting)| waiting).collect(),
        available,
    })
}

fn queues(conn: &mut DbConnection, actor: &Actor) -> Result<Queues, AppError> {
    let pending = crate::organizations::list_organizations(
        conn,
        actor,
        OrganizationFilter {
            state: Some(OrgState::Pending),
            page: page(SHOWN)?,
        },
    )?;
    let to_screen = applications_in(
        conn,
        actor,
        vec![ApplicationState::Submitted, ApplicationState::Screening],
        SHOWN,
    )?;
    let more_to_screen = to_screen.next_cursor.is_some();
    let to_screen = to_screen
        .items
        .into_iter()
        .map(|a| row(conn, actor, a))
        .collect::<Result<Vec<_>, _>>()?;
    // A decision needs a quorum of votes by trustees who are not recused: the others
    // would only be refused (`quorum-not-met`). A tie may still be, and says so.
    let under_review = applications_in(conn, actor, vec![ApplicationState::UnderReview], 100)?;
    let mut decidable = Vec::new();
    for summary in under_review.items {
        let votes = crate::voting::list_votes(conn, actor, summary.id)?;
        if votes.eligible >= QUORUM && votes.approve + votes.reject + votes.abstain >= QUORUM {
            decidable.push(row(conn, actor, summary)?);
        }
    }
    Ok(Queues {
        more_organizations: pending.next_cursor.is_some(),
        organizations: pending.items,
        to_screen,
        more_to_screen,
        decidable,
        reserve: reserve_list(conn, actor)?,
    })
}

/// The secretariat's home: its four queues.
pub async fn home(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let queues = member.read(&db, queues).await?;
    member.page(
        "secretariat_home.html",
        minijinja::context! { queues => Serde(queues) },
    )
}
