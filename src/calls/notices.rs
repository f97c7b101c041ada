//! The mail a call's changes send: every organisation with an application under the call
//! (a draft included, not one it withdrew itself) hears what changed, or that the call
//! was cancelled and why. The message names the call only, never another organisation.

use diesel::prelude::*;
use serde_json::{Map, Value};

use super::model::Call;
use crate::db::schema::applications;
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::{CallId, OrganizationId};
use crate::error::AppError;
use crate::notifications::{deliver, Recipient};

/// The organisations a change of the call concerns: those with an application under it
/// that they have not withdrawn.
pub fn organizations_concerned(
    conn: &mut DbConnection,
    call: CallId,
) -> Result<Vec<OrganizationId>, AppError> {
    Ok(applications::table
        .filter(applications::call_id.eq(call))
        .filter(applications::state.ne("withdrawn"))
        .select(applications::organization_id)
        .distinct()
        .load(conn)?)
}

fn recipients(
    conn: &mut DbConnection,
    organizations: &[OrganizationId],
) -> Result<Vec<Recipient>, AppError> {
    let mut all = Vec::new();
    for org in organizations {
        all.extend(crate::users::recipients::of_organization(conn, *org)?);
    }
    Ok(all)
}

/// A changed term as the message shows it: JSON strings bare, anything else as JSON.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Object(money) if money.contains_key("amount") => format!(
            "{} {}",
            money
                .get("amount")
                .and_then(Value::as_str)
                .unwrap_or_default(),
            money
                .get("currency")
                .and_then(Value::as_str)
                .unwrap_or_default()
        ),
        other => other.to_string(),
    }
}

/// The call was changed: which terms, before and after.
pub fn amended(
    tx: &mut Tx,
    call: &Call,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
) -> Result<(), AppError> {
    let orgs = organizations_concerned(tx.conn(), call.id)?;
    let to = recipients(tx.conn(), &orgs)?;
    let changes: Vec<_> = after
        .iter()
        .map(|(field, new)| {
            minijinja::context! {
                field => field,
                before => before.get(field).map(shown).unwrap_or_default(),
                after => shown(new),
            }
        })
        .collect();
    deliver(
        tx,
        "call_amended",
        "call.amended",
        &to,
        &minijinja::context! {
            title => call.title.clone(),
            reference => call.id.to_string(),
            closes_at => to_utc(call.closes_at).to_rfc3339(),
            changes => changes,
        },
        None,
    )?;
    Ok(())
}

/// The call was cancelled: why, and that the organisation's application under it was
/// withdrawn.
pub fn cancelled(
    tx: &mut Tx,
    call: &Call,
    reason: &str,
    organizations: &[OrganizationId],
) -> Result<(), AppError> {
    let to = recipients(tx.conn(), organizations)?;
    deliver(
        tx,
        "call_cancelled",
        "call.cancelled",
        &to,
        &minijinja::context! {
            title => call.title.clone(),
            reference => call.id.to_string(),
            reason => reason,
        },
        None,
    )?;
    Ok(())
}
