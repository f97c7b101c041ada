//! Deciding an application and awarding from the reserve list (the secretariat), and
//! reading a decision once taken: the use cases over `decision`.

use super::decision::{self, DecisionView};
use crate::applications;
use crate::db::{Actor, DbConnection, Tx};
use crate::domain::ApplicationId;
use crate::error::AppError;

/// Closes voting on an application the actor may see (404 otherwise) and applies the
/// decision rule (see [`decision::record`]).
pub fn decide_application(tx: &mut Tx, id: ApplicationId) -> Result<DecisionView, AppError> {
    visible(tx, id)?;
    let today = tx.now().date();
    decision::record(tx, id, today)
}

/// Awards an application from the reserve list (see [`decision::award_from_reserve`]).
pub fn award_from_reserve_list(tx: &mut Tx, id: ApplicationId) -> Result<DecisionView, AppError> {
    visible(tx, id)?;
    decision::award_from_reserve(tx, id)
}

/// 404 unless the actor may see the application.
fn visible(tx: &mut Tx, id: ApplicationId) -> Result<(), AppError> {
    let actor = tx.actor().clone();
    applications::find_visible(tx.conn(), &actor, id).map(|_| ())
}

/// The decision on an application the actor may see, once taken (404 otherwise).
pub fn show_decision(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ApplicationId,
) -> Result<DecisionView, AppError> {
    applications::find_visible(conn, actor, id)?;
    decision::find(conn, id)?.ok_or(AppError::NotFound)
}
