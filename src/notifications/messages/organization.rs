//! Organisation registered, verified or refused: mail to the organisation's own enabled
//! applicant accounts (nobody else's organisation is ever named to them).

use diesel::prelude::*;

use super::{render, Language};
use crate::db::schema::users;
use crate::db::Tx;
use crate::domain::{Email, UserId};
use crate::error::AppError;
use crate::notifications::OutgoingMail;
use crate::organizations::{OrgState, Organization};

/// Queues the secretariat's decision on `org` (verified or refused) for each of its
/// applicant accounts, in the decision's transaction.
pub fn organization_decided(tx: &mut Tx, org: &Organization) -> Result<(), AppError> {
    let (event, verified) = match org.state {
        OrgState::Verified => ("organization.verified", true),
        OrgState::Refused => ("organization.refused", false),
        OrgState::Pending => return Ok(()),
    };
    let recipients: Vec<(String, String)> = users::table
        .filter(users::organization_id.eq(org.id.to_string()))
        .filter(users::enabled.eq(true))
        .select((users::id, users::email))
        .load(tx.conn())?;
    // No language setting exists yet: English, the default.
    let language = Language::En;
    let rendered = render(
        "organization_decided",
        language,
        &minijinja::context! {
            organization => org.legal_name.clone(),
            verified => verified,
            reason => org.state_reason.clone().unwrap_or_default(),
        },
    )?;
    for (id, email) in recipients {
        let to = Email::parse(&email).map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
        let user: UserId = id.parse().map_err(AppError::internal)?;
        tx.notify(OutgoingMail {
            to,
            recipient_user_id: Some(user),
            event,
            language: language.as_str().to_string(),
            subject: rendered.subject.clone(),
            text_body: rendered.text.clone(),
            html_body: rendered.html.clone(),
            dedup_key: None,
        })?;
    }
    Ok(())
}
