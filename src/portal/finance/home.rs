//! `/` for finance: what waits for them. The grants with a tranche due (its gates are on
//! the grant's payment page, where the use case decides), and the months of the books
//! that have ended and are still open, the oldest first: months close in order, so only
//! that one can be closed next.

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use minijinja::value::Serde;
use serde::Serialize;

use crate::db::{Actor, Db, DbConnection};
use crate::domain::{GrantId, Money, Role};
use crate::error::AppError;
use crate::grants::{GrantState, GrantView, ListGrants, TrancheState};
use crate::http::PageParams;
use crate::ledger_periods::{self, PeriodState};
use crate::portal::failure::PageError;
use crate::portal::visitor::Member;

/// A tranche finance can pay now: due, or paid in part.
#[derive(Debug, Serialize)]
pub(super) struct TrancheDue {
    pub grant: GrantId,
    pub title: String,
    pub organization: String,
    pub tranche: i32,
    pub due_on: NaiveDate,
    pub remaining: Money,
}

/// Every grant, page after page, as the API lists them (newest first).
pub(super) fn all_grants(
    conn: &mut DbConnection,
    actor: &Actor,
) -> Result<Vec<GrantView>, AppError> {
    let mut grants = Vec::new();
    let mut cursor = None;
    loop {
        let page = PageParams {
            limit: Some(200),
            cursor,
        }
        .request()?;
        let found = crate::grants::list_grants(conn, actor, ListGrants { page })?;
        grants.extend(found.items);
        match found.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(grants),
        }
    }
}

/// The tranches due on signed grants, the earliest due first.
fn tranches_due(conn: &mut DbConnection, actor: &Actor) -> Result<Vec<TrancheDue>, AppError> {
    let mut due = Vec::new();
    for grant in all_grants(conn, actor)? {
        if grant.state != GrantState::AgreementSigned {
            continue;
        }
        let Some(tranche) = grant
            .tranches
            .iter()
            .find(|t| matches!(t.state, TrancheState::Due | TrancheState::PartPaid))
        else {
            continue;
        };
        let title = crate::applications::show_application(conn, actor, grant.application_id)?.title;
        let organization =
            crate::organizations::show_organization(conn, actor, grant.organization_id)?.legal_name;
        due.push(TrancheDue {
            grant: grant.id,
            title,
            organization,
            tranche: tranche.number,
            due_on: tranche.due_on,
            remaining: tranche.remaining,
        });
    }
    due.sort_by_key(|t| t.due_on);
    Ok(due)
}

/// The months that have ended and are still open, oldest first.
pub(super) fn months_to_close(
    conn: &mut DbConnection,
    actor: &Actor,
) -> Result<Vec<String>, AppError> {
    let today = actor.clock.today();
    Ok(ledger_periods::list_periods(conn, actor, None, None)?
        .items
        .into_iter()
        .filter(|p| p.state == PeriodState::Open && p.ends_on < today)
        .map(|p| p.period.to_string())
        .collect())
}

pub async fn home(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Finance])?;
    let (due, months) = member
        .read(&db, |conn, actor| {
            Ok((tranches_due(conn, actor)?, months_to_close(conn, actor)?))
        })
        .await?;
    member.page(
        "finance_home.html",
        minijinja::context! {
            due => Serde(due),
            months => Serde(months),
        },
    )
}
