//! Votes and declared conflicts as stored, and the views trustees and staff read.

use std::collections::HashSet;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::ballots::Ballot as VoteKind;
use super::rules::{automatic_recusal, Ballot, Choice, Tally};
use crate::applications::DecisionFacts;
use crate::audit::Change;
use crate::board::Seat;
use crate::db::schema::{conflicts, votes};
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::{ApplicationId, AppointmentId, ConflictId, Currency, Money, UserId, VoteId};
use crate::error::AppError;

/// A vote as stored; also the form it is inserted in.
#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = votes)]
struct VoteRow {
    id: VoteId,
    application_id: ApplicationId,
    appointment_id: AppointmentId,
    user_id: UserId,
    choice: VoteKind,
    recommended_minor: Option<i64>,
    recommended_currency: Option<Currency>,
    comment: String,
    cast_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    withdrawn_at: Option<NaiveDateTime>,
}

/// What a trustee changes when they vote again.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = votes, treat_none_as_null = true)]
struct VoteChange<'a> {
    choice: VoteKind,
    recommended_minor: Option<i64>,
    recommended_currency: Option<Currency>,
    comment: &'a str,
    user_id: UserId,
    updated_at: NaiveDateTime,
}

/// A vote still counting (not withdrawn by a declared conflict).
#[derive(Debug, Clone)]
pub struct StoredVote {
    pub id: VoteId,
    pub appointment_id: AppointmentId,
    pub choice: Choice,
    pub comment: String,
    pub cast_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

fn from_row(row: VoteRow) -> Result<StoredVote, AppError> {
    let choice = match (row.choice, row.recommended_minor, row.recommended_currency) {
        (VoteKind::Approve, Some(minor), Some(currency)) => Choice::Approve(
            Money::from_minor(minor, currency)
                .with_context(|| format!("stored vote {}", row.id))
                .map_err(AppError::internal)?,
        ),
        (VoteKind::Approve, _, _) => {
            return Err(AppError::internal(anyhow::anyhow!(
                "stored vote {} approves without a recommended amount",
                row.id
            )))
        }
        (VoteKind::Reject, _, _) => Choice::Reject,
        (VoteKind::Abstain, _, _) => Choice::Abstain,
    };
    Ok(StoredVote {
        id: row.id,
        appointment_id: row.appointment_id,
        choice,
        comment: row.comment,
        cast_at: row.cast_at,
        updated_at: row.updated_at,
    })
}

/// The counting votes on an application.
pub fn votes_on(
    conn: &mut DbConnection,
    application_id: ApplicationId,
) -> Result<Vec<StoredVote>, AppError> {
    votes::table
        .filter(votes::application_id.eq(application_id))
        .filter(votes::withdrawn_at.is_null())
        .order(votes::cast_at.asc())
        .select(VoteRow::as_select())
        .load(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// Declared conflicts on an application: appointment id and reason.
pub fn declared_conflicts(
    conn: &mut DbConnection,
    application_id: ApplicationId,
) -> Result<Vec<(AppointmentId, String)>, AppError> {
    Ok(conflicts::table
        .filter(conflicts::application_id.eq(application_id))
        .select((conflicts::appointment_id, conflicts::reason))
        .load(conn)?)
}

/// Why this seat may not vote on this application, if it may not.
pub fn recusal_of(
    seat: &Seat,
    facts: &DecisionFacts,
    declared: &[(AppointmentId, String)],
) -> Option<(String, bool)> {
    if let Some((_, reason)) = declared.iter().find(|(id, _)| *id == seat.appointment_id) {
        return Some((reason.clone(), true));
    }
    automatic_recusal(
        seat.nationality,
        facts.organization_country,
        &facts.countries,
    )
    .map(|r| (r, false))
}

fn choice_columns(choice: &Choice) -> (VoteKind, Option<i64>, Option<Currency>) {
    match choice {
        Choice::Approve(amount) => (
            VoteKind::Approve,
            Some(amount.to_minor()),
            Some(amount.currency()),
        ),
        Choice::Reject => (VoteKind::Reject, None, None),
        Choice::Abstain => (VoteKind::Abstain, None, None),
    }
}

fn choice_json(choice: &Choice) -> serde_json::Value {
    match choice {
        Choice::Approve(amount) => json!({"vote": "approve", "recommended": amount}),
        Choice::Reject => json!({"vote": "reject"}),
        Choice::Abstain => json!({"vote": "abstain"}),
    }
}

/// Casts a vote, or changes the trustee's earlier one; records which.
pub fn upsert_vote(
    tx: &mut Tx,
    application_id: ApplicationId,
    seat: &Seat,
    user_id: UserId,
    choice: Choice,
    comment: String,
) -> Result<StoredVote, AppError> {
    let now = tx.now();
    let existing = votes_on(tx.conn(), application_id)?
        .into_iter()
        .find(|v| v.appointment_id == seat.appointment_id);
    let (kind, minor, currency) = choice_columns(&choice);
    let id = match &existing {
        Some(before) => {
            let change = VoteChange {
                choice: kind,
                recommended_minor: minor,
                recommended_currency: currency,
                comment: &comment,
                user_id,
                updated_at: now,
            };
            diesel::update(votes::table.find(before.id))
                .set(&change)
                .execute(tx.conn())?;
            before.id
        }
        None => {
            let row = VoteRow {
                id: VoteId::new(),
                application_id,
                appointment_id: seat.appointment_id,
                user_id,
                choice: kind,
                recommended_minor: minor,
                recommended_currency: currency,
                comment: comment.clone(),
                cast_at: now,
                updated_at: now,
                withdrawn_at: None,
            };
            diesel::insert_into(votes::table)
                .values(&row)
                .execute(tx.conn())?;
            row.id
        }
    };
    let after = json!({"application_id": application_id, "appointment_id": seat.appointment_id,
        "choice": choice_json(&choice), "comment": comment});
    let change = match &existing {
        Some(before) => Change::new(
            "vote.changed",
            "vote",
            id,
            json!({
                "before": {"choice": choice_json(&before.choice), "comment": before.comment},
                "after": after,
            }),
        ),
        None => Change::new("vote.cast", "vote", id, json!({ "after": after })),
    };
    tx.audit(change)?;
    Ok(StoredVote {
        id,
        appointment_id: seat.appointment_id,
        choice,
        comment,
        cast_at: existing.map_or(now, |v| v.cast_at),
        updated_at: now,
    })
}

/// A declared conflict, as inserted.
#[derive(Debug, Insertable)]
#[diesel(table_name = conflicts)]
struct ConflictRow {
    id: ConflictId,
    application_id: ApplicationId,
    appointment_id: AppointmentId,
    user_id: UserId,
    reason: String,
    declared_at: NaiveDateTime,
}

/// Records a declared conflict and withdraws the trustee's vote, if any.
pub fn declare_conflict(
    tx: &mut Tx,
    application_id: ApplicationId,
    seat: &Seat,
    user_id: UserId,
    reason: String,
) -> Result<ConflictId, AppError> {
    let already = declared_conflicts(tx.conn(), application_id)?
        .iter()
        .any(|(id, _)| *id == seat.appointment_id);
    if already {
        return Err(AppError::conflict(
            "you have already declared a conflict on this application",
        ));
    }
    let now = tx.now();
    let id = ConflictId::new();
    let row = ConflictRow {
        id,
        application_id,
        appointment_id: seat.appointment_id,
        user_id,
        reason: reason.clone(),
        declared_at: now,
    };
    diesel::insert_into(conflicts::table)
        .values(&row)
        .execute(tx.conn())?;
    let withdrawn = diesel::update(
        votes::table
            .filter(votes::application_id.eq(row.application_id))
            .filter(votes::appointment_id.eq(row.appointment_id))
            .filter(votes::withdrawn_at.is_null()),
    )
    .set(votes::withdrawn_at.eq(now))
    .execute(tx.conn())?;
    tx.audit(Change::new("conflict.declared", "application", application_id, json!({
        "appointment_id": seat.appointment_id, "reason": reason, "vote_withdrawn": withdrawn > 0,
    })))?;
    Ok(id)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct VoteView {
    #[schema(value_type = uuid::Uuid)]
    pub id: VoteId,
    #[schema(value_type = uuid::Uuid)]
    pub appointment_id: AppointmentId,
    pub trustee: String,
    /// approve, reject or abstain.
    pub vote: VoteKind,
    #[schema(value_type = Option<Money>)]
    pub recommended: Option<Money>,
    pub comment: String,
    pub cast_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RecusalView {
    #[schema(value_type = uuid::Uuid)]
    pub appointment_id: AppointmentId,
    pub trustee: String,
    pub reason: String,
    /// Declared by the trustee (true) or following from nationality (false).
    pub declared: bool,
}

/// The standing of the vote. While it is `sealed`, `votes` and `recusals` hold only the
/// caller's own and the tallies are 0: `votes_cast` alone says how far the vote has gone.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct VotesView {
    #[schema(value_type = uuid::Uuid)]
    pub application_id: ApplicationId,
    pub votes: Vec<VoteView>,
    pub recusals: Vec<RecusalView>,
    /// Active trustees who are not recused.
    pub eligible: usize,
    pub approve: usize,
    pub reject: usize,
    pub abstain: usize,
    /// Votes cast (not withdrawn), whoever cast them.
    pub votes_cast: usize,
    /// `true`: the others' votes and recusals are withheld from this trustee until they
    /// vote or voting closes.
    pub sealed: bool,
}

/// Everything the Board knows about the voting on an application, on a date.
pub struct Standing {
    pub ballots: Vec<Ballot>,
    pub eligible: usize,
    pub view: VotesView,
}

pub fn standing(
    conn: &mut DbConnection,
    facts: &DecisionFacts,
    on: NaiveDate,
) -> Result<Standing, AppError> {
    let seats = crate::board::active_seats(conn, on)?;
    let declared = declared_conflicts(conn, facts.application_id)?;
    let mut recusals = Vec::new();
    let mut eligible_seats = HashSet::new();
    for seat in &seats {
        match recusal_of(seat, facts, &declared) {
            Some((reason, declared)) => recusals.push(RecusalView {
                appointment_id: seat.appointment_id,
                trustee: seat.name.clone(),
                reason,
                declared,
            }),
            None => {
                eligible_seats.insert(seat.appointment_id);
            }
        }
    }
    let stored = votes_on(conn, facts.application_id)?;
    let ballots: Vec<Ballot> = stored
        .iter()
        .filter(|v| eligible_seats.contains(&v.appointment_id))
        .map(|v| Ballot {
            appointment_id: v.appointment_id,
            choice: v.choice,
        })
        .collect();
    let tally = Tally::of(&ballots);
    let name_of = |id: AppointmentId| {
        seats
            .iter()
            .find(|s| s.appointment_id == id)
            .map_or_else(String::new, |s| s.name.clone())
    };
    let votes: Vec<VoteView> = stored
        .iter()
        .map(|v| VoteView {
            id: v.id,
            appointment_id: v.appointment_id,
            trustee: name_of(v.appointment_id),
            vote: choice_columns(&v.choice).0,
            recommended: match v.choice {
                Choice::Approve(amount) => Some(amount),
                _ => None,
            },
            comment: v.comment.clone(),
            cast_at: to_utc(v.cast_at),
            updated_at: to_utc(v.updated_at),
        })
        .collect();
    Ok(Standing {
        eligible: eligible_seats.len(),
        view: VotesView {
            application_id: facts.application_id,
            votes_cast: votes.len(),
            sealed: false,
            votes,
            recusals,
            eligible: eligible_seats.len(),
            approve: tally.approve,
            reject: tally.reject,
            abstain: tally.abstain,
        },
        ballots,
    })
}

/// The seats that may vote on the application on `on`: active, not recused (declared or
/// by nationality). Voting-opened mail and the vote-waiting reminder go to these alone.
pub fn voters(
    conn: &mut DbConnection,
    facts: &DecisionFacts,
    on: NaiveDate,
) -> Result<Vec<Seat>, AppError> {
    let declared = declared_conflicts(conn, facts.application_id)?;
    Ok(crate::board::active_seats(conn, on)?
        .into_iter()
        .filter(|seat| recusal_of(seat, facts, &declared).is_none())
        .collect())
}
