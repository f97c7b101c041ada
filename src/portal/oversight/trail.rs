//! `/audit`: the audit trail, newest first, exactly as `audit::list_events` reads it for
//! the API, filtered by a GET form (kind of event, record, actor, dates) so that the
//! filter is a bookmarkable address and the page changes nothing.

use actix_web::{get, web, HttpResponse};
use std::collections::HashMap;

use chrono::NaiveDate;
use minijinja::value::{Serde, Value};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditEventView, EventFilter};
use crate::db::{Db, Page, PageRequest};
use crate::domain::{Role, ShortText, UserId};
use crate::http::PageParams;
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

/// The filter as typed (every field optional; blank means "any").
#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct TrailQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    entity_type: String,
    #[serde(default)]
    entity_id: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default, skip_serializing)]
    cursor: Option<String>,
}

/// One event as the page shows it.
#[derive(Debug, Serialize)]
struct EventRow {
    #[serde(flatten)]
    event: AuditEventView,
    /// What changed, indented for reading.
    changes_text: String,
    /// The trail filtered to this record's history.
    record_href: String,
    /// The trail filtered to this actor's events.
    actor_href: Option<String>,
    /// Who acted, by name (the id when the account is gone).
    actor_name: Option<String>,
    /// The record's own page, where it has one (auditors).
    record_page: Option<String>,
}

/// The typed filter checked into the use case's, or what is wrong with it.
fn filter_of(
    query: &TrailQuery,
    page: PageRequest,
    language: PageLanguage,
) -> Result<(EventFilter, bool), FormErrors> {
    let mut errors = FormErrors::new();
    let mut text = |field: &str, typed: &str| -> Option<ShortText> {
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        match ShortText::parse(typed) {
            Ok(text) => Some(text),
            Err(refused) => {
                errors.add(
                    field,
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
    let action = text("action", &query.action);
    let entity_type = text("entity_type", &query.entity_type);
    let entity_id = text("entity_id", &query.entity_id);
    let actor_id = text("actor", &query.actor);
    let mut day = |field: &str, typed: &str| -> Option<NaiveDate> {
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        let parsed = NaiveDate::parse_from_str(typed, "%Y-%m-%d").ok();
        if parsed.is_none() {
            errors.add(field, messages::plain(language, "audit-date-invalid"));
        }
        parsed
    };
    let from = day("from", &query.from);
    let to = day("to", &query.to);
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            errors.add("to", messages::plain(language, "audit-dates-reversed"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let filtered = action.is_some()
        || entity_type.is_some()
        || entity_id.is_some()
        || actor_id.is_some()
        || from.is_some()
        || to.is_some();
    Ok((
        EventFilter {
            entity_type,
            entity_id,
            action,
            actor_id,
            from,
            to,
            page,
        },
        filtered,
    ))
}

/// A select's options: "any", then each value as the trail writes it.
fn options(values: Vec<String>, language: PageLanguage) -> Vec<Value> {
    std::iter::once(
        minijinja::context! { value => "", label => messages::plain(language, "audit-any") },
    )
    .chain(
        values
            .into_iter()
            .map(|value| minijinja::context! { label => value.clone(), value }),
    )
    .collect()
}

/// `/audit?…` with these filters (blank ones left out) and more.
fn trail_href(pairs: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        if !value.is_empty() {
            query.append_pair(name, value);
        }
    }
    let query = query.finish();
    if query.is_empty() {
        "/audit".to_string()
    } else {
        format!("/audit?{query}")
    }
}

fn row(event: AuditEventView, names: &HashMap<UserId, String>, auditor: bool) -> EventRow {
    let changes_text = serde_json::to_string_pretty(&event.changes).unwrap_or_default();
    let record_href = trail_href(&[
        ("entity_type", &event.entity_type),
        ("entity_id", &event.entity_id),
    ]);
    let actor_href = event
        .actor_id
        .as_deref()
        .map(|actor| trail_href(&[("actor", actor)]));
    let actor_name = event.actor_id.as_deref().map(|actor| {
        actor
            .parse::<UserId>()
            .ok()
            .and_then(|id| names.get(&id).cloned())
            .unwrap_or_else(|| actor.to_string())
    });
    let record_page = auditor
        .then(|| super::records::record_href(&event.entity_type, &event.entity_id))
        .flatten();
    EventRow {
        event,
        changes_text,
        record_href,
        actor_href,
        actor_name,
        record_page,
    }
}

/// `GET /audit`: the trail (auditors and administrators, as the API).
#[get("/audit")]
pub(super) async fn trail_page(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<TrailQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Auditor, Role::Admin])?;
    let query = query.into_inner();
    let (actions, entity_types) = member.read(&db, audit::trail_vocabulary).await?;
    let actions = Value::from(options(actions, member.language));
    let entity_types = Value::from(options(entity_types, member.language));
    let page = PageParams {
        limit: None,
        cursor: query.cursor.clone(),
    }
    .request()
    .map_err(|error| member.failed(error))?;
    let (filter, filtered) = match filter_of(&query, page, member.language) {
        Ok(filter) => filter,
        Err(errors) => {
            return member.form_refused(
                "audit_trail.html",
                minijinja::context! {
                    query => Serde(&query), actions, entity_types, errors,
                    events => Vec::<String>::new(), searched => false,
                },
            )
        }
    };
    let (Page { items, next_cursor }, names) = member
        .read(&db, move |conn, actor| {
            let page = audit::list_events(conn, actor, filter)?;
            let mut ids: Vec<UserId> = page
                .items
                .iter()
                .filter_map(|e| e.actor_id.as_deref().and_then(|a| a.parse().ok()))
                .collect();
            ids.sort();
            ids.dedup();
            let names = crate::users::names_of(conn, actor, &ids)?;
            Ok((page, names))
        })
        .await?;
    let auditor = member.role() == Some(Role::Auditor);
    let next_href = next_cursor.map(|cursor| {
        trail_href(&[
            ("action", &query.action),
            ("entity_type", &query.entity_type),
            ("entity_id", &query.entity_id),
            ("actor", &query.actor),
            ("from", &query.from),
            ("to", &query.to),
            ("cursor", &cursor),
        ])
    });
    let events: Vec<EventRow> = items
        .into_iter()
        .map(|event| row(event, &names, auditor))
        .collect();
    member.page(
        "audit_trail.html",
        minijinja::context! {
            query => Serde(&query),
            actions,
            entity_types,
            errors => FormErrors::new(),
            events => Serde(events),
            searched => filtered,
            later_page => query.cursor.is_some(),
            next_href,
        },
    )
}
