//! A call's envelope caps what the Board awards under it. Every approval counts against
//! it from the moment of decision, whether granted at once or waiting on the reserve list
//! for money: the reserve list waits for the Fund's cash, not for room in the call, so a
//! place on it is a place in the envelope.
//!
//! An approval that would exceed the envelope is refused (`envelope-exhausted`) and the
//! application stays under review, so the Board can lower its award to what is left. It
//! does not go to the reserve list: that list is for a Fund short of money (DOMAIN), and
//! money arriving later would never make room in a call.
//!
//! The check runs inside the decision's write transaction, which holds the write lock
//! every instance takes first, so two decisions racing for the last room cannot both pass.

use anyhow::Context;
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use super::decision::DecisionStatus;
use crate::applications::DecisionFacts;
use crate::db::schema::{applications, decisions};
use crate::db::DbConnection;
use crate::domain::{ApplicationId, CallId, Currency, Money};
use crate::error::{AppError, Rule};

/// What is committed against a call's envelope and what is left of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct EnvelopeUse {
    /// Awards approved under the call: granted, or on the reserve list awaiting money.
    #[schema(value_type = crate::domain::Money)]
    pub committed: Money,
    /// The envelope less what is committed.
    #[schema(value_type = crate::domain::Money)]
    pub remaining: Money,
}

impl EnvelopeUse {
    /// A call nothing has been awarded under yet (a new call).
    pub fn untouched(envelope: Money) -> EnvelopeUse {
        EnvelopeUse {
            committed: Money::zero(envelope.currency()),
            remaining: envelope,
        }
    }
}

/// The awards approved under `call`, leaving out `excluding`'s own (an award from the
/// reserve list is already counted; it must not be counted twice).
fn committed_under(
    conn: &mut DbConnection,
    call_id: CallId,
    currency: Currency,
    excluding: Option<ApplicationId>,
) -> Result<Money, AppError> {
    // The decision does not store its call: the applications under the call say which.
    let in_call = applications::table
        .filter(applications::call_id.eq(call_id))
        .select(applications::id);
    // No application has an empty id, so "exclude nothing" is excluding "".
    let excluded = excluding.map(|id| id.to_string()).unwrap_or_default();
    let awards: Vec<Option<i64>> = decisions::table
        .filter(decisions::application_id.eq_any(in_call))
        .filter(decisions::application_id.ne(excluded))
        .filter(decisions::status.eq_any(DecisionStatus::AWARDED))
        .select(decisions::award_minor)
        .load(conn)?;
    awards
        .into_iter()
        .flatten()
        .try_fold(Money::zero(currency), |sum, minor| {
            Money::from_minor(minor, currency).and_then(|award| sum.checked_add(award))
        })
        .with_context(|| format!("summing the awards under call {call_id}"))
        .map_err(AppError::internal)
}

fn left(envelope: Money, committed: Money, call_id: CallId) -> Result<Money, AppError> {
    envelope
        .checked_sub(committed)
        .with_context(|| format!("the envelope left under call {call_id}"))
        .map_err(AppError::internal)
}

/// What the call has committed and what is left, for its view.
pub fn envelope_use(
    conn: &mut DbConnection,
    call_id: CallId,
    envelope: Money,
) -> Result<EnvelopeUse, AppError> {
    let committed = committed_under(conn, call_id, envelope.currency(), None)?;
    let remaining = left(envelope, committed, call_id)?;
    Ok(EnvelopeUse {
        committed,
        remaining,
    })
}

/// Refuses (`envelope-exhausted`) an award to `application_id` that would take what its
/// call has approved above the call's envelope.
pub fn ensure_within_envelope(
    conn: &mut DbConnection,
    facts: &DecisionFacts,
    award: Money,
) -> Result<(), AppError> {
    let envelope = facts.envelope;
    let committed = committed_under(
        conn,
        facts.call_id,
        envelope.currency(),
        Some(facts.application_id),
    )?;
    let remaining = left(envelope, committed, facts.call_id)?;
    let fits = award.currency() == remaining.currency() && award.to_minor() <= remaining.to_minor();
    if fits {
        return Ok(());
    }
    Err(AppError::rule(
        Rule::EnvelopeExhausted,
        format!(
            "an award of {award} would exceed the call's envelope of {}: {committed} is already approved under it, {remaining} is left",
            envelope
        ),
    ))
}
