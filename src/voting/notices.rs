//! The mail of the Board's voting: voting opened (to each trustee who may vote) and the
//! decision (to the organisation's own accounts).

use crate::applications::notices::about;
use crate::db::Tx;
use crate::domain::{ApplicationId, Money};
use crate::error::AppError;
use crate::notifications::deliver;

/// Voting opened: each trustee who may vote on it today (active, not recused).
pub fn voting_opened(tx: &mut Tx, application_id: ApplicationId) -> Result<(), AppError> {
    let about = about(tx.conn(), application_id)?;
    let facts = crate::applications::facts_for_decision(tx.conn(), application_id)?;
    let today = tx.now().date();
    let seats = super::voters(tx.conn(), &facts, today)?;
    let mut to = Vec::new();
    for user in seats.iter().filter_map(|s| s.user_id) {
        to.extend(crate::users::recipients::user(tx.conn(), user)?);
    }
    deliver(
        tx,
        "voting_opened",
        "voting.opened",
        &to,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            reference => about.application_id.to_string(),
        },
        None,
    )?;
    Ok(())
}

/// The Board's decision: `status` is `approved`, `reserve_list` or `rejected`.
pub fn application_decided(
    tx: &mut Tx,
    application_id: ApplicationId,
    status: &str,
    award: Option<Money>,
) -> Result<(), AppError> {
    let about = about(tx.conn(), application_id)?;
    let own = crate::users::recipients::of_organization(tx.conn(), about.organization_id)?;
    deliver(
        tx,
        "application_decided",
        match status {
            "approved" => "application.approved",
            "reserve_list" => "application.reserve_list",
            _ => "application.rejected",
        },
        &own,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            reference => about.application_id.to_string(),
            status => status,
            award => award.map(|a| a.to_string()).unwrap_or_default(),
        },
        None,
    )?;
    Ok(())
}
