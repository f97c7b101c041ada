//! Independent votes: while voting is open a trustee reads the others' votes only once
//! they have cast their own, so that no vote follows another's. Staff and auditors read
//! every vote at any time; once voting has closed (the decision recorded) every trustee
//! does too. A recused trustee takes no part in the vote, so the others' votes stay
//! withheld from them until it closes.

use super::model::VotesView;
use crate::applications::{ApplicationState, DecisionFacts};
use crate::db::{Actor, DbConnection};
use crate::domain::{AppointmentId, Role};
use crate::error::AppError;

/// The standing as `actor` may read it; `seat` is the actor's appointment on the Board
/// today, if any.
pub fn as_seen_by(
    actor: &Actor,
    facts: &DecisionFacts,
    seat: Option<AppointmentId>,
    view: VotesView,
) -> VotesView {
    if !actor.is(Role::Trustee) || facts.state != ApplicationState::UnderReview {
        return view;
    }
    let recused = seat.is_some_and(|id| view.recusals.iter().any(|r| r.appointment_id == id));
    let voted = seat.is_some_and(|id| view.votes.iter().any(|v| v.appointment_id == id));
    if voted && !recused {
        return view;
    }
    sealed(view, seat)
}

/// Only the trustee's own vote and recusal, and how many votes are cast: no choice,
/// amount, comment or name of anyone else's, and no tallies (they would tell choices).
fn sealed(view: VotesView, seat: Option<AppointmentId>) -> VotesView {
    let own = |id: AppointmentId| seat == Some(id);
    VotesView {
        votes_cast: view.votes.len(),
        votes: view
            .votes
            .into_iter()
            .filter(|v| own(v.appointment_id))
            .collect(),
        recusals: view
            .recusals
            .into_iter()
            .filter(|r| own(r.appointment_id))
            .collect(),
        sealed: true,
        approve: 0,
        reject: 0,
        abstain: 0,
        ..view
    }
}

/// The actor's appointment on the Board on the actor's today, if they hold one.
pub fn seat_of(conn: &mut DbConnection, actor: &Actor) -> Result<Option<AppointmentId>, AppError> {
    let Some(user) = actor.user_id.filter(|_| actor.is(Role::Trustee)) else {
        return Ok(None);
    };
    Ok(
        crate::board::active_seat_of_user(conn, user, actor.clock.today())?
            .map(|s| s.appointment_id),
    )
}
