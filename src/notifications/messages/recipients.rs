//! Who receives a message, and the one way to queue a message to them: rendered once per
//! language, one outbox row per recipient, in the caller's transaction.

use std::collections::HashMap;

use diesel::prelude::*;

use super::{render, Language, Rendered};
use crate::db::schema::users;
use crate::db::Tx;
use crate::domain::{Email, OrganizationId, Role, UserId};
use crate::error::AppError;
use crate::notifications::OutgoingMail;

/// An enabled account that receives mail, with the language it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: UserId,
    pub email: Email,
    pub language: Language,
}

type Row = (UserId, String, Language);

fn from_rows(rows: Vec<Row>) -> Result<Vec<Recipient>, AppError> {
    Ok(rows
        .into_iter()
        .map(|(user_id, email, language)| Recipient {
            user_id,
            email: Email::stored(email),
            language,
        })
        .collect())
}

/// The enabled accounts of one organisation: the only people its mail goes to.
pub fn of_organization(tx: &mut Tx, org: OrganizationId) -> Result<Vec<Recipient>, AppError> {
    let rows: Vec<Row> = users::table
        .filter(users::organization_id.eq(org))
        .filter(users::enabled.eq(true))
        .order(users::created_at)
        .select((users::id, users::email, users::language))
        .load(tx.conn())?;
    from_rows(rows)
}

/// The enabled accounts with `role` (the secretariat, say).
pub fn with_role(tx: &mut Tx, role: Role) -> Result<Vec<Recipient>, AppError> {
    let rows: Vec<Row> = users::table
        .filter(users::role.eq(role))
        .filter(users::enabled.eq(true))
        .order(users::created_at)
        .select((users::id, users::email, users::language))
        .load(tx.conn())?;
    from_rows(rows)
}

/// One account, if it exists and is enabled.
pub fn user(tx: &mut Tx, id: UserId) -> Result<Option<Recipient>, AppError> {
    let rows: Vec<Row> = users::table
        .filter(users::id.eq(id))
        .filter(users::enabled.eq(true))
        .select((users::id, users::email, users::language))
        .load(tx.conn())?;
    Ok(from_rows(rows)?.into_iter().next())
}

/// Queues `message` (its template files) as `event` to each recipient, in their language,
/// with `context`. With `dedup`, each recipient's row carries `<dedup>:<user id>` and a
/// second call with the same key queues nothing (reminders). Returns how many were queued.
pub fn deliver(
    tx: &mut Tx,
    message: &str,
    event: &'static str,
    recipients: &[Recipient],
    context: &minijinja::Value,
    dedup: Option<&str>,
) -> Result<usize, AppError> {
    let mut rendered: HashMap<Language, Rendered> = HashMap::new();
    let mut queued = 0;
    for recipient in recipients {
        let text = match rendered.get(&recipient.language) {
            Some(text) => text.clone(),
            None => {
                let text = render(message, recipient.language, context)?;
                rendered.insert(recipient.language, text.clone());
                text
            }
        };
        let id = crate::notifications::enqueue(
            tx,
            OutgoingMail {
                to: recipient.email.clone(),
                recipient_user_id: Some(recipient.user_id),
                event,
                language: recipient.language.as_str().to_string(),
                subject: text.subject,
                text_body: text.text,
                html_body: text.html,
                dedup_key: dedup.map(|key| format!("{key}:{}", recipient.user_id)),
            },
        )?;
        if id.is_some() {
            queued += 1;
        }
    }
    Ok(queued)
}
