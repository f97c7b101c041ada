//! What a call's envelope has committed and what is left of it. Every approval counts
//! against it from the moment of decision, whether granted at once or waiting on the
//! reserve list for money (`crate::voting` refuses an award that would exceed it).
//!
//! The decisions (and the grants they made, whose award an amendment may change) are read
//! through their tables: votes, decisions and grants stand above calls.

use anyhow::Context;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::{applications, decisions, grants};
use crate::db::DbConnection;
use crate::domain::{ApplicationId, CallId, Currency, Money};
use crate::error::AppError;

/// The stored statuses of a decision whose award counts against its call's envelope:
/// approved, or on the reserve list awaiting money (`voting::DecisionStatus::AWARDED`).
const AWARDED: [&str; 2] = ["approved", "reserve_list"];

/// What is committed against a call's envelope and what is left of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
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
pub fn committed_under(
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
    let decided: Vec<(ApplicationId, Option<i64>)> = decisions::table
        .filter(decisions::application_id.eq_any(in_call))
        .filter(decisions::application_id.ne(excluded))
        .filter(decisions::status.eq_any(AWARDED))
        .select((decisions::application_id, decisions::award_minor))
        .load(conn)?;
    // A grant's award may have been changed by an amendment since the decision: the
    // grant's own award is the one that counts.
    let amended: std::collections::HashMap<ApplicationId, i64> = grants::table
        .filter(grants::call_id.eq(call_id))
        .select((grants::application_id, grants::award_minor))
        .load::<(ApplicationId, i64)>(conn)?
        .into_iter()
        .collect();
    decided
        .into_iter()
        .filter_map(|(application, award)| amended.get(&application).copied().or(award))
        .try_fold(Money::zero(currency), |sum, minor| {
            Money::from_minor(minor, currency).and_then(|award| sum.checked_add(award))
        })
        .with_context(|| format!("summing the awards under call {call_id}"))
        .map_err(AppError::internal)
}

/// What is left of `envelope` once `committed` is taken.
pub fn left(envelope: Money, committed: Money, call_id: CallId) -> Result<Money, AppError> {
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
