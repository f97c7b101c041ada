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

use crate::applications::DecisionFacts;
use crate::calls::{committed_under, left};
use crate::db::DbConnection;
use crate::domain::Money;
use crate::error::{AppError, Rule};

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
