//! `/` for an auditor (the newest events of the trail and the checks to run) and for an
//! administrator (mail that failed, and the way to the accounts).

use actix_web::{web, HttpResponse};
use minijinja::value::Serde;

use crate::audit::{self, EventFilter};
use crate::db::{Db, Page};
use crate::domain::Role;
use crate::http::PageParams;
use crate::notifications::{self, MailFilter, NotificationStatus};
use crate::portal::failure::PageError;
use crate::portal::visitor::Member;

/// How many of the newest events and failed mails a home page shows.
const GLANCE: i64 = 5;

fn first_page() -> Result<crate::db::PageRequest, crate::error::AppError> {
    PageParams {
        limit: Some(GLANCE),
        cursor: None,
    }
    .request()
}

/// An auditor's home: the latest events, and the two checks.
pub async fn auditor_home(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Auditor])?;
    let Page { items, .. } = member
        .read(&db, |conn, actor| {
            let filter = EventFilter {
                entity_type: None,
                entity_id: None,
                action: None,
                actor_id: None,
                from: None,
                to: None,
                page: first_page()?,
            };
            audit::list_events(conn, actor, filter)
        })
        .await?;
    member.page(
        "auditor_home.html",
        minijinja::context! { events => Serde(items) },
    )
}

/// An administrator's home: mail that failed (the outbox's one thing needing a person),
/// and the accounts.
pub async fn admin_home(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Admin])?;
    let failed = member
        .read(&db, |conn, actor| {
            let filter = MailFilter {
                status: Some(NotificationStatus::Failed),
                page: first_page()?,
            };
            notifications::list_mail(conn, actor, filter)
        })
        .await?;
    member.page(
        "admin_home.html",
        minijinja::context! {
            failed => Serde(&failed.items),
            more_failed => failed.next_cursor.is_some(),
        },
    )
}
