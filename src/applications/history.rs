//! Moving an application between states: the one function every move goes through, which
//! checks the state machine and records the move (who, when, from, to, why) both in the
//! application's history and in the audit trail.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::{self, Application};
use super::state::{check_move, ApplicationState};
use crate::audit::Change;
use crate::db::schema::application_transitions as t;
use crate::db::{to_utc, DbConnection, Tx};
use crate::error::AppError;
use crate::organizations::stored;

/// One recorded move. `from` is absent for the creation of the draft.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TransitionView {
    pub from: Option<ApplicationState>,
    pub to: ApplicationState,
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<String>,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// Appends a row to the history (no state check: `move_to` and creation call it).
pub(super) fn record(
    tx: &mut Tx,
    id: Uuid,
    from: Option<ApplicationState>,
    to: ApplicationState,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let seq: i64 = t::table
        .filter(t::application_id.eq(id.to_string()))
        .count()
        .get_result(tx.conn())?;
    let actor = tx.actor().clone();
    let now = tx.now();
    diesel::insert_into(t::table)
        .values((
            t::id.eq(Uuid::new_v4().to_string()),
            t::application_id.eq(id.to_string()),
            t::from_state.eq(from.map(ApplicationState::as_str)),
            t::to_state.eq(to.as_str()),
            t::actor_id.eq(actor.user_id.map(|u| u.to_string())),
            t::actor_role.eq(actor.role),
            t::reason.eq(reason),
            t::occurred_at.eq(now),
            t::seq.eq(i32::try_from(seq + 1).map_err(AppError::internal)?),
        ))
        .execute(tx.conn())?;
    Ok(())
}

type Row = (
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    NaiveDateTime,
);

pub fn history(conn: &mut DbConnection, id: Uuid) -> Result<Vec<TransitionView>, AppError> {
    t::table
        .filter(t::application_id.eq(id.to_string()))
        .order(t::seq.asc())
        .select((
            t::from_state,
            t::to_state,
            t::actor_id,
            t::actor_role,
            t::reason,
            t::occurred_at,
        ))
        .load::<Row>(conn)?
        .into_iter()
        .map(|(from, to, actor, role, reason, at)| {
            Ok(TransitionView {
                from: from
                    .as_deref()
                    .map(ApplicationState::parse_stored)
                    .transpose()?,
                to: ApplicationState::parse_stored(&to)?,
                actor_id: actor
                    .as_deref()
                    .map(|a| stored(Uuid::parse_str(a)))
                    .transpose()?,
                actor_role: role,
                reason,
                at: to_utc(at),
            })
        })
        .collect()
}

/// Moves the application to `to` if the state machine allows it (409 otherwise), with
/// its history row and audit event. `screening_reasons` is stored with a screening result.
pub(super) fn move_to(
    tx: &mut Tx,
    id: Uuid,
    to: ApplicationState,
    reason: Option<String>,
    screening_reasons: Option<Vec<String>>,
) -> Result<Application, AppError> {
    let before = model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    check_move(before.state, to)?;
    let mut after = before.clone();
    after.state = to;
    after.updated_at = tx.now();
    if to == ApplicationState::Submitted {
        after.submitted_at = Some(tx.now());
    }
    if screening_reasons.is_some() {
        after.screening_reasons = screening_reasons;
    }
    model::set_state(tx, &after)?;
    record(tx, id, Some(before.state), to, reason.as_deref())?;
    tx.audit(Change::new(
        format!("application.{}", to.as_str()),
        "application",
        id,
        json!({
            "before": {"state": before.state},
            "after": {"state": to, "screening_reasons": after.screening_reasons},
            "reason": reason,
        }),
    ))?;
    Ok(after)
}

/// For other features (voting): moves an application, checking the state machine (409 if
/// the move is not allowed) and recording history and audit event.
pub fn transition(
    tx: &mut Tx,
    id: Uuid,
    to: ApplicationState,
    reason: Option<String>,
) -> Result<(), AppError> {
    move_to(tx, id, to, reason, None).map(|_| ())
}
