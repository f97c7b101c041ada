//! Voting on an application under review: casting a vote, declaring a conflict of
//! interest (active trustees), and reading the standing (trustees and staff). Each change
//! answers the standing as its own transaction leaves it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::{self, recusal_of, VotesView};
use super::rules::Choice;
use super::secrecy;
use crate::applications::{self, ApplicationState, DecisionFacts};
use crate::board::Seat;
use crate::db::{Actor, DbConnection, Tx};
use crate::domain::{ApplicationId, Currency, PositiveMoney, UserId};
use crate::error::{AppError, Rule};

// How a trustee votes; published as `VoteKind`, the name clients know it by (a doc
// comment here would add a description to that published schema). Stored as its name in
// the vote's `choice`, beside the recommended amount an approval carries.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[schema(as = VoteKind)]
pub enum Ballot {
    Approve,
    Reject,
    Abstain,
}

crate::stored_as_variant_name!(Ballot);

/// A vote, as a trustee casts it.
#[derive(Debug)]
pub struct CastVote {
    pub application: ApplicationId,
    pub ballot: Ballot,
    /// Required to approve, refused otherwise: within the call's range and not above the
    /// requested amount.
    pub recommended: Option<PositiveMoney>,
    /// Why the trustee votes so.
    pub comment: String,
}

/// The actor's seat on the Board on `today`: a trustee whose term has ended cannot act.
fn seat_of(conn: &mut DbConnection, user: UserId, today: NaiveDate) -> Result<Seat, AppError> {
    crate::board::active_seat_of_user(conn, user, today)?.ok_or_else(|| {
        AppError::rule(
            Rule::NotAnActiveTrustee,
            "your account is not linked to a Board appointment active today",
        )
    })
}

/// Checks the actor may see the application (404 otherwise), then loads its facts.
fn facts(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ApplicationId,
) -> Result<DecisionFacts, AppError> {
    applications::find_visible(conn, actor, id)?;
    applications::facts_for_decision(conn, id)
}

/// The facts of an application still open to votes, and the acting trustee's seat.
fn open_ballot(tx: &mut Tx, id: ApplicationId) -> Result<(DecisionFacts, Seat), AppError> {
    let actor = tx.actor().clone();
    let facts = facts(tx.conn(), &actor, id)?;
    if facts.state != ApplicationState::UnderReview {
        return Err(AppError::conflict("voting is closed on this application"));
    }
    let user = actor.user_id.ok_or(AppError::Forbidden)?;
    let today = tx.now().date();
    let seat = seat_of(tx.conn(), user, today)?;
    Ok((facts, seat))
}

fn choice(vote: &CastVote, facts: &DecisionFacts) -> Result<Choice, AppError> {
    match (vote.ballot, vote.recommended.as_ref()) {
        (Ballot::Approve, None) => Err(AppError::bad_field(
            "recommended",
            "an approval needs a recommended amount",
        )),
        (Ballot::Approve, Some(amount)) => {
            let amount = **amount;
            if amount.currency() != Currency::USD {
                return Err(AppError::bad_field("recommended.currency", "must be USD"));
            }
            let (min, max, requested) = (
                facts.min_grant.to_minor(),
                facts.max_grant.to_minor(),
                facts.requested.to_minor(),
            );
            let minor = amount.to_minor();
            if minor < min || minor > max || minor > requested {
                return Err(AppError::rule_on_field(
                    Rule::RecommendedOutOfRange,
                    "recommended",
                    format!(
                        "the recommended amount must be between {} and {} and not above the requested {}",
                        facts.min_grant, facts.max_grant, facts.requested
                    ),
                ));
            }
            Ok(Choice::Approve(amount))
        }
        (_, Some(_)) => Err(AppError::bad_field(
            "recommended",
            "only an approval carries a recommended amount",
        )),
        (Ballot::Reject, None) => Ok(Choice::Reject),
        (Ballot::Abstain, None) => Ok(Choice::Abstain),
    }
}

/// Casts or changes the acting trustee's vote (an active trustee who is not recused).
pub fn cast_vote(tx: &mut Tx, vote: CastVote) -> Result<VotesView, AppError> {
    let id = vote.application;
    let (facts, seat) = open_ballot(tx, id)?;
    let declared = model::declared_conflicts(tx.conn(), id)?;
    if let Some((reason, _)) = recusal_of(&seat, &facts, &declared) {
        return Err(AppError::rule(
            Rule::Recused,
            format!("you are recused from this application: {reason}"),
        ));
    }
    let choice = choice(&vote, &facts)?;
    let user = tx.actor().user_id.ok_or(AppError::Forbidden)?;
    model::upsert_vote(tx, id, &seat, user, choice, vote.comment)?;
    let today = tx.now().date();
    let view = model::standing(tx.conn(), &facts, today)?.view;
    let actor = tx.actor().clone();
    Ok(secrecy::as_seen_by(
        &actor,
        &facts,
        Some(seat.appointment_id),
        view,
    ))
}

/// Declares the acting trustee's conflict of interest: they are recused and any vote of
/// theirs withdrawn.
pub fn declare_conflict(
    tx: &mut Tx,
    id: ApplicationId,
    reason: String,
) -> Result<VotesView, AppError> {
    let (facts, seat) = open_ballot(tx, id)?;
    let user = tx.actor().user_id.ok_or(AppError::Forbidden)?;
    model::declare_conflict(tx, id, &seat, user, reason)?;
    let today = tx.now().date();
    let view = model::standing(tx.conn(), &facts, today)?.view;
    // Recused now, the trustee takes no part: the others' votes stay withheld.
    let actor = tx.actor().clone();
    Ok(secrecy::as_seen_by(
        &actor,
        &facts,
        Some(seat.appointment_id),
        view,
    ))
}

/// Votes and recusals on an application the actor may see (404 otherwise); to a trustee
/// while voting is open, sealed until they vote (see `secrecy`).
pub fn list_votes(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ApplicationId,
) -> Result<VotesView, AppError> {
    let facts = facts(conn, actor, id)?;
    let view = model::standing(conn, &facts, actor.clock.today())?.view;
    let seat = secrecy::seat_of(conn, actor)?;
    Ok(secrecy::as_seen_by(actor, &facts, seat, view))
}
