//! Votes and declared conflicts as stored, and the views trustees and staff read.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::rules::{automatic_recusal, Ballot, Choice, Tally};
use crate::applications::DecisionFacts;
use crate::audit::Change;
use crate::board::Seat;
use crate::db::schema::{conflicts, votes};
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::{Currency, Money};
use crate::error::AppError;

type VoteRow = (
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    String,
    NaiveDateTime,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

/// A vote still counting (not withdrawn by a declared conflict).
#[derive(Debug, Clone)]
pub struct StoredVote {
    pub id: Uuid,
    pub appointment_id: Uuid,
    pub choice: Choice,
    pub comment: String,
    pub cast_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

fn uuid(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text).map_err(|e| AppError::internal(anyhow::anyhow!("stored uuid: {e}")))
}

fn from_row(row: VoteRow) -> Result<StoredVote, AppError> {
    let (id, _, appointment_id, _, choice, minor, currency, comment, cast_at, updated_at, _) = row;
    let choice = match (choice.as_str(), minor, currency) {
        ("approve", Some(minor), Some(code)) => {
            let currency =
                Currency::parse(&code).map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
            Choice::Approve(
                Money::from_minor(minor, currency)
                    .map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?,
            )
        }
        ("reject", _, _) => Choice::Reject,
        ("abstain", _, _) => Choice::Abstain,
        (other, _, _) => return Err(AppError::internal(anyhow::anyhow!("stored vote {other:?}"))),
    };
    Ok(StoredVote {
        id: uuid(&id)?,
        appointment_id: uuid(&appointment_id)?,
        choice,
        comment,
        cast_at,
        updated_at,
    })
}

/// The counting votes on an application.
pub fn votes_on(
    conn: &mut DbConnection,
    application_id: Uuid,
) -> Result<Vec<StoredVote>, AppError> {
    votes::table
        .filter(votes::application_id.eq(application_id.to_string()))
        .filter(votes::withdrawn_at.is_null())
        .order(votes::cast_at.asc())
        .load::<VoteRow>(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// Declared conflicts on an application: appointment id and reason.
pub fn declared_conflicts(
    conn: &mut DbConnection,
    application_id: Uuid,
) -> Result<Vec<(Uuid, String)>, AppError> {
    conflicts::table
        .filter(conflicts::application_id.eq(application_id.to_string()))
        .select((conflicts::appointment_id, conflicts::reason))
        .load::<(String, String)>(conn)?
        .into_iter()
        .map(|(id, reason)| Ok((uuid(&id)?, reason)))
        .collect()
}

/// Why this seat may not vote on this application, if it may not.
pub fn recusal_of(
    seat: &Seat,
    facts: &DecisionFacts,
    declared: &[(Uuid, String)],
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

fn choice_columns(choice: &Choice) -> (&'static str, Option<i64>, Option<&'static str>) {
    match choice {
        Choice::Approve(amount) => (
            "approve",
            Some(amount.to_minor()),
            Some(amount.currency().code()),
        ),
        Choice::Reject => ("reject", None, None),
        Choice::Abstain => ("abstain", None, None),
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
    application_id: Uuid,
    seat: &Seat,
    user_id: Uuid,
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
            diesel::update(votes::table.find(before.id.to_string()))
                .set((
                    votes::choice.eq(kind),
                    votes::recommended_minor.eq(minor),
                    votes::recommended_currency.eq(currency),
                    votes::comment.eq(&comment),
                    votes::user_id.eq(user_id.to_string()),
                    votes::updated_at.eq(now),
                ))
                .execute(tx.conn())?;
            before.id
        }
        None => {
            let id = Uuid::new_v4();
            diesel::insert_into(votes::table)
                .values((
                    votes::id.eq(id.to_string()),
                    votes::application_id.eq(application_id.to_string()),
                    votes::appointment_id.eq(seat.appointment_id.to_string()),
                    votes::user_id.eq(user_id.to_string()),
                    votes::choice.eq(kind),
                    votes::recommended_minor.eq(minor),
                    votes::recommended_currency.eq(currency),
                    votes::comment.eq(&comment),
                    votes::cast_at.eq(now),
                    votes::updated_at.eq(now),
                ))
                .execute(tx.conn())?;
            id
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

/// Records a declared conflict and withdraws the trustee's vote, if any.
pub fn declare_conflict(
    tx: &mut Tx,
    application_id: Uuid,
    seat: &Seat,
    user_id: Uuid,
    reason: String,
) -> Result<Uuid, AppError> {
    let already = declared_conflicts(tx.conn(), application_id)?
        .iter()
        .any(|(id, _)| *id == seat.appointment_id);
    if already {
        return Err(AppError::conflict(
            "you have already declared a conflict on this application",
        ));
    }
    let now = tx.now();
    let id = Uuid::new_v4();
    diesel::insert_into(conflicts::table)
        .values((
            conflicts::id.eq(id.to_string()),
            conflicts::application_id.eq(application_id.to_string()),
            conflicts::appointment_id.eq(seat.appointment_id.to_string()),
            conflicts::user_id.eq(user_id.to_string()),
            conflicts::reason.eq(&reason),
            conflicts::declared_at.eq(now),
        ))
        .execute(tx.conn())?;
    let withdrawn = diesel::update(
        votes::table
            .filter(votes::application_id.eq(application_id.to_string()))
            .filter(votes::appointment_id.eq(seat.appointment_id.to_string()))
            .filter(votes::withdrawn_at.is_null()),
    )
    .set(votes::withdrawn_at.eq(now))
    .execute(tx.conn())?;
    tx.audit(Change::new("conflict.declared", "application", application_id, json!({
        "appointment_id": seat.appointment_id, "reason": reason, "vote_withdrawn": withdrawn > 0,
    })))?;
    Ok(id)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VoteView {
    pub id: Uuid,
    pub appointment_id: Uuid,
    pub trustee: String,
    /// approve, reject or abstain.
    pub vote: String,
    #[schema(value_type = Option<Money>)]
    pub recommended: Option<Money>,
    pub comment: String,
    pub cast_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecusalView {
    pub appointment_id: Uuid,
    pub trustee: String,
    pub reason: String,
    /// Declared by the trustee (true) or following from nationality (false).
    pub declared: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VotesView {
    pub application_id: Uuid,
    pub votes: Vec<VoteView>,
    pub recusals: Vec<RecusalView>,
    /// Active trustees who are not recused.
    pub eligible: usize,
    pub approve: usize,
    pub reject: usize,
    pub abstain: usize,
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
    let name_of = |id: Uuid| {
        seats
            .iter()
            .find(|s| s.appointment_id == id)
            .map_or_else(String::new, |s| s.name.clone())
    };
    let votes = stored
        .iter()
        .map(|v| VoteView {
            id: v.id,
            appointment_id: v.appointment_id,
            trustee: name_of(v.appointment_id),
            vote: choice_columns(&v.choice).0.to_string(),
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
