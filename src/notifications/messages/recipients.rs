//! The one way to queue a message: rendered once per language, one outbox row per
//! recipient, in the caller's transaction. Who the recipients are is the caller's to say
//! (the feature whose change it is); this module only renders and queues.

use std::collections::HashMap;

use super::{render, Language, Rendered};
use crate::db::Tx;
use crate::domain::{Email, UserId};
use crate::error::AppError;
use crate::notifications::OutgoingMail;

/// An enabled account that receives mail, with the language it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: UserId,
    pub email: Email,
    pub language: Language,
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
