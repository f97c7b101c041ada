//! Cancelling a call for proposals (the secretariat), before the Board has decided on any
//! application under it: the call is marked cancelled, every application still moving
//! (a draft, submitted, in screening or under review) is withdrawn through the state
//! machine with the cancellation's reason, and each organisation concerned is told, all in
//! one transaction. Such a withdrawal is told apart from an organisation's own by its
//! reason (it starts with [`REASON_PREFIX`]) and its actor (the secretariat).

use diesel::prelude::*;

use super::history::move_to;
use super::state::ApplicationState;
use crate::calls::CallDetail;
use crate::db::schema::applications;
use crate::db::Tx;
use crate::domain::{ApplicationId, CallId};
use crate::error::{AppError, Rule};

/// What a withdrawal on cancellation records as its reason, before the secretariat's.
pub const REASON_PREFIX: &str = "call cancelled: ";

/// Cancels call `id` with `reason`. 404 unknown; 422 `call-cancelled` (already),
/// `call-has-decisions` (the Board has decided on one of its applications).
pub fn cancel_call(tx: &mut Tx, id: CallId, reason: String) -> Result<CallDetail, AppError> {
    let under_call: Vec<(ApplicationId, ApplicationState)> = applications::table
        .filter(applications::call_id.eq(id))
        .select((applications::id, applications::state))
        .load(tx.conn())?;
    let decided = under_call.iter().filter(|(_, s)| is_decided(*s)).count();
    if decided > 0 {
        return Err(AppError::rule(
            Rule::CallHasDecisions,
            format!(
                "the Board has decided on {decided} application(s) under this call: a call \
                 is cancelled only before any decision"
            ),
        ));
    }
    let concerned = crate::calls::organizations_concerned(tx.conn(), id)?;
    let call = crate::calls::mark_cancelled(tx, id, &reason)?;
    let why = format!("{REASON_PREFIX}{reason}");
    for (application, state) in under_call {
        if super::state::can_move(state, ApplicationState::Withdrawn) {
            move_to(
                tx,
                application,
                ApplicationState::Withdrawn,
                Some(why.clone()),
                None,
            )?;
        }
    }
    crate::calls::notices::cancelled(tx, &call, &reason, &concerned)?;
    let actor = tx.actor().clone();
    crate::calls::show_call(tx.conn(), &actor, id)
}

fn is_decided(state: ApplicationState) -> bool {
    matches!(
        state,
        ApplicationState::Approved | ApplicationState::Rejected | ApplicationState::ReserveList
    )
}
