//! Closing the vote: apply the rule, then award within the money, or put the application
//! on the reserve list; later, award from the reserve list in the order of decision.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::standing;
use super::rules::{decide, Outcome, Tally};
use crate::applications::{self, ApplicationState};
use crate::audit::Change;
use crate::db::schema::decisions;
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::{Currency, Money};
use crate::error::AppError;
use crate::error::Rule;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DecisionView {
    pub application_id: Uuid,
    /// approve or reject: what the Board decided.
    pub outcome: String,
    /// approved, rejected, or reserve_list (approved, waiting for money).
    pub status: String,
    #[schema(value_type = Option<Money>)]
    pub award: Option<Money>,
    /// Programme support cost committed on top of the award.
    #[schema(value_type = Option<Money>)]
    pub programme_support_cost: Option<Money>,
    /// The chair's vote broke a tie.
    pub by_chair: bool,
    pub approve: i32,
    pub reject: i32,
    pub abstain: i32,
    pub decided_at: DateTime<Utc>,
    /// The secretariat member who closed the vote.
    pub decided_by: Option<Uuid>,
    pub grant_id: Option<Uuid>,
}

type DecisionRow = (
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    String,
    bool,
    i32,
    i32,
    i32,
    NaiveDateTime,
    String,
    Option<NaiveDateTime>,
    Option<String>,
);

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::internal(anyhow::anyhow!("stored decision: {e}"))
}

fn view(row: DecisionRow) -> Result<DecisionView, AppError> {
    let (
        app,
        outcome,
        status,
        award,
        psc,
        currency,
        by_chair,
        approve,
        reject,
        abstain,
        decided_at,
        decided_by,
        _,
        grant,
    ) = row;
    let currency = Currency::parse(&currency).map_err(internal)?;
    let money = |minor: Option<i64>| {
        minor
            .map(|m| Money::from_minor(m, currency))
            .transpose()
            .map_err(internal)
    };
    Ok(DecisionView {
        application_id: Uuid::parse_str(&app).map_err(internal)?,
        outcome,
        status,
        award: money(award)?,
        programme_support_cost: money(psc)?,
        by_chair,
        approve,
        reject,
        abstain,
        decided_at: to_utc(decided_at),
        decided_by: Uuid::parse_str(&decided_by).ok(),
        grant_id: grant
            .as_deref()
            .map(Uuid::parse_str)
            .transpose()
            .map_err(internal)?,
    })
}

pub fn find(
    conn: &mut DbConnection,
    application_id: Uuid,
) -> Result<Option<DecisionView>, AppError> {
    decisions::table
        .find(application_id.to_string())
        .first::<DecisionRow>(conn)
        .optional()?
        .map(view)
        .transpose()
}

/// The programme support cost on an award, at the Fund's rate, half to even to the cent.
fn psc_on(conn: &mut DbConnection, award: Money) -> Result<Money, AppError> {
    let rate = crate::fund::load(conn)?.settings.psc_rate;
    award.share(rate).map_err(internal)
}

/// `POST …/decision`: applies the rule and records the outcome.
pub fn record(
    tx: &mut Tx,
    application_id: Uuid,
    today: NaiveDate,
) -> Result<DecisionView, AppError> {
    let facts = applications::facts_for_decision(tx.conn(), application_id)?;
    if facts.state != ApplicationState::UnderReview {
        return Err(AppError::conflict(
            "only an application under review can be decided",
        ));
    }
    let standing = standing(tx.conn(), &facts, today)?;
    let chair = crate::board::chair_on(tx.conn(), today)?;
    let outcome = decide(&standing.ballots, standing.eligible, chair)
        .map_err(|undecided| AppError::rule(undecided.rule(), undecided.explain()))?;
    let tally = Tally::of(&standing.ballots);
    let decided_by = tx
        .actor()
        .user_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    let (outcome_name, status, award, psc, by_chair, grant) = match outcome {
        Outcome::Reject { by_chair } => {
            applications::transition(
                tx,
                application_id,
                ApplicationState::Rejected,
                Some("rejected by the Board".into()),
            )?;
            ("reject", "rejected", None, None, by_chair, None)
        }
        Outcome::Approve { award, by_chair } => {
            let psc = psc_on(tx.conn(), award)?;
            match crate::grants::create(tx, &facts, award, psc)? {
                Some(grant) => {
                    applications::transition(
                        tx,
                        application_id,
                        ApplicationState::Approved,
                        Some("approved by the Board".into()),
                    )?;
                    (
                        "approve",
                        "approved",
                        Some(award),
                        Some(psc),
                        by_chair,
                        Some(grant),
                    )
                }
                None => {
                    applications::transition(
                        tx,
                        application_id,
                        ApplicationState::ReserveList,
                        Some("approved by the Board; the Fund cannot cover it yet".into()),
                    )?;
                    (
                        "approve",
                        "reserve_list",
                        Some(award),
                        Some(psc),
                        by_chair,
                        None,
                    )
                }
            }
        }
    };
    let now = tx.now();
    diesel::insert_into(decisions::table)
        .values((
            decisions::application_id.eq(application_id.to_string()),
            decisions::outcome.eq(outcome_name),
            decisions::status.eq(status),
            decisions::award_minor.eq(award.map(|m| m.to_minor())),
            decisions::psc_minor.eq(psc.map(|m| m.to_minor())),
            decisions::currency.eq(Currency::USD.code()),
            decisions::by_chair.eq(by_chair),
            decisions::approvals.eq(tally.approve as i32),
            decisions::rejections.eq(tally.reject as i32),
            decisions::abstentions.eq(tally.abstain as i32),
            decisions::decided_at.eq(now),
            decisions::decided_by.eq(&decided_by),
            decisions::awarded_at.eq(grant.map(|_| now)),
            decisions::grant_id.eq(grant.map(|g| g.to_string())),
        ))
        .execute(tx.conn())?;
    let decision = find(tx.conn(), application_id)?.ok_or(AppError::NotFound)?;
    tx.audit(Change::new(
        "decision.recorded",
        "application",
        application_id,
        json!({ "after": decision }),
    ))?;
    Ok(decision)
}

/// `POST …/award`: awards an application from the reserve list, in the order of decision,
/// once the Fund can cover it.
pub fn award_from_reserve(tx: &mut Tx, application_id: Uuid) -> Result<DecisionView, AppError> {
    let facts = applications::facts_for_decision(tx.conn(), application_id)?;
    let decision = find(tx.conn(), application_id)?;
    let decision = match decision {
        Some(d) if d.status == "reserve_list" && facts.state == ApplicationState::ReserveList => d,
        _ => {
            return Err(AppError::conflict(
                "only an application on the reserve list can be awarded",
            ))
        }
    };
    let first: Option<String> = decisions::table
        .filter(decisions::status.eq("reserve_list"))
        .order((decisions::decided_at.asc(), decisions::application_id.asc()))
        .select(decisions::application_id)
        .first(tx.conn())
        .optional()?;
    if let Some(first) = first.filter(|f| *f != application_id.to_string()) {
        return Err(AppError::rule(
            Rule::ReserveOrder,
            format!(
                "application {first} was put on the reserve list earlier and must be awarded first"
            ),
        ));
    }
    let (award, psc) = match (decision.award, decision.programme_support_cost) {
        (Some(a), Some(p)) => (a, p),
        _ => return Err(internal("a reserve-list decision without an award")),
    };
    let grant = crate::grants::create(tx, &facts, award, psc)?.ok_or_else(|| {
        AppError::rule(
            Rule::InsufficientFunds,
            format!("the Fund's available balance does not cover {award} plus {psc} programme support cost"),
        )
    })?;
    applications::transition(
        tx,
        application_id,
        ApplicationState::Approved,
        Some("awarded from the reserve list".into()),
    )?;
    let now = tx.now();
    diesel::update(decisions::table.find(application_id.to_string()))
        .set((
            decisions::status.eq("approved"),
            decisions::awarded_at.eq(now),
            decisions::grant_id.eq(grant.to_string()),
        ))
        .execute(tx.conn())?;
    let after = find(tx.conn(), application_id)?.ok_or(AppError::NotFound)?;
    tx.audit(Change::updated(
        "decision",
        application_id,
        json!(decision),
        json!(after),
    ))?;
    Ok(after)
}
