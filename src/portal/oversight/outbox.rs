//! `/outbox`: outgoing mail by status, newest first (`notifications::list_mail`, as
//! `GET /api/v1/notifications`), and the retry of a failed one
//! (`notifications::retry_mail`, as `POST /api/v1/notifications/{id}/retry`).

use actix_web::{get, post, web, HttpResponse};
use minijinja::value::{Serde, Value};
use serde::Deserialize;
use strum::VariantArray;

use crate::db::Db;
use crate::domain::{NotificationId, Role};
use crate::error::AppError;
use crate::http::PageParams;
use crate::notifications::{self, MailFilter, NotificationStatus};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

#[derive(Debug, Default, Deserialize)]
pub(super) struct OutboxQuery {
    #[serde(default)]
    status: String,
    cursor: Option<String>,
    done: Option<String>,
}

fn status_options(language: PageLanguage) -> Value {
    let any = minijinja::context! {
        value => "", label => messages::plain(language, "outbox-status-any"),
    };
    let each = NotificationStatus::VARIANTS.iter().map(|status| {
        minijinja::context! {
            value => status.as_str(),
            label => messages::plain(language, &format!("outbox-status-{}", status.as_str())),
        }
    });
    Value::from(std::iter::once(any).chain(each).collect::<Vec<_>>())
}

async fn show(
    member: &Member,
    db: &Db,
    query: &OutboxQuery,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    // An unknown status is a filter nobody offered: show every status.
    let status: Option<NotificationStatus> = query.status.parse().ok();
    let request = PageParams {
        limit: None,
        cursor: query.cursor.clone(),
    }
    .request()
    .map_err(|error| member.failed(error))?;
    let filter = MailFilter {
        status,
        page: request,
    };
    let page = member
        .read(db, move |conn, actor| {
            notifications::list_mail(conn, actor, filter)
        })
        .await?;
    let status_code = status.map(NotificationStatus::as_str).unwrap_or_default();
    let next_href = page.next_cursor.as_ref().map(|cursor| {
        let mut next = form_urlencoded::Serializer::new(String::new());
        if !status_code.is_empty() {
            next.append_pair("status", status_code);
        }
        next.append_pair("cursor", cursor);
        format!("/outbox?{}", next.finish())
    });
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        mail => Serde(&page.items),
        statuses => status_options(member.language),
        status => status_code,
        next_href,
        later_page => query.cursor.is_some(),
        errors,
        done => query.done.as_deref().filter(|d| *d == "retried"),
    };
    if refused {
        member.form_refused("admin_outbox.html", context)
    } else {
        member.page("admin_outbox.html", context)
    }
}

/// `GET /outbox`.
#[get("/outbox")]
pub(super) async fn outbox_page(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<OutboxQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Admin])?;
    show(&member, &db, &query, FormErrors::new()).await
}

/// `POST /outbox/{id}/retry`: sends a failed mail again.
#[post("/outbox/{id}/retry")]
pub(super) async fn post_retry(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Admin])?;
    let id: NotificationId = path
        .parse::<uuid::Uuid>()
        .map(NotificationId::from)
        .map_err(|_| member.failed(AppError::NotFound))?;
    let _: std::collections::HashMap<String, String> = member.read_form(&body)?;
    let retried = member
        .caller
        .write(&db, move |tx| notifications::retry_mail(tx, id))
        .await;
    match retried {
        Ok(_) => Ok(member.redirect("/outbox?done=retried").finish()),
        Err(AppError::Conflict(_)) => {
            // Someone retried it first, or it was sent meanwhile: say so beside its row.
            let mut errors = FormErrors::new();
            errors.add(
                &format!("retry-{id}"),
                messages::plain(member.language, "outbox-retry-not-failed"),
            );
            show(&member, &db, &OutboxQuery::default(), errors).await
        }
        Err(error) => Err(member.failed(error)),
    }
}

/// `GET /outbox/{id}/retry`: where a refused retry's page stands (its language links
/// come back here); the outbox is what to show.
#[get("/outbox/{id}/retry")]
pub(super) async fn back_to_outbox(member: Member) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Admin])?;
    Ok(member.redirect("/outbox").finish())
}
