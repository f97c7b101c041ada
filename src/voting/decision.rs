//! Closing the vote: apply the rule, then award within the money, or put the application
//! on the reserve list; later, award from the reserve list in the order of decision.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tracing::field::Empty;
use utoipa::ToSchema;

use super::envelope::ensure_within_envelope;
use super::model::standing;
use super::rules::{decide, Outcome, Tally};
use crate::applications::{self, ApplicationState};
use crate::audit::Change;
use crate::db::schema::decisions;
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::{ApplicationId, Author, Currency, GrantId, Money, UserId};
use crate::error::AppError;
use crate::error::Rule;

/// What the Board decided.
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
pub enum DecisionOutcome {
    Approve,
    Reject,
}

/// Where the decision stands: an approval is `approved` once its grant is committed, or
/// waits on the `reserve_list` for money.
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
pub enum DecisionStatus {
    Approved,
    Rejected,
    ReserveList,
}

impl DecisionOutcome {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl DecisionStatus {
    /// The statuses whose award counts against the call's envelope.
    pub const AWARDED: [DecisionStatus; 2] =
        [DecisionStatus::Approved, DecisionStatus::ReserveList];

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

crate::stored_as_variant_name!(DecisionOutcome, DecisionStatus);

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DecisionView {
    #[schema(value_type = uuid::Uuid)]
    pub application_id: ApplicationId,
    pub outcome: DecisionOutcome,
    pub status: DecisionStatus,
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
    #[schema(value_type = Option<uuid::Uuid>)]
    pub decided_by: Option<UserId>,
    #[schema(value_type = Option<uuid::Uuid>)]
    pub grant_id: Option<GrantId>,
}

/// A decision as stored; also the form it is inserted in.
#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = decisions)]
struct DecisionRow {
    application_id: ApplicationId,
    outcome: DecisionOutcome,
    status: DecisionStatus,
    award_minor: Option<i64>,
    psc_minor: Option<i64>,
    currency: Currency,
    by_chair: bool,
    approvals: i32,
    rejections: i32,
    abstentions: i32,
    decided_at: NaiveDateTime,
    /// The secretariat member, or the service (never today).
    decided_by: Author,
    awarded_at: Option<NaiveDateTime>,
    grant_id: Option<GrantId>,
}

/// A tally as its stored column (at most five trustees vote; checked rather than cast).
fn count(n: usize) -> Result<i32, AppError> {
    i32::try_from(n)
        .context("a vote count beyond i32")
        .map_err(AppError::internal)
}

fn view(row: DecisionRow) -> Result<DecisionView, AppError> {
    let money = |minor: Option<i64>| {
        minor
            .map(|m| Money::from_minor(m, row.currency))
            .transpose()
            .with_context(|| format!("stored decision on {}", row.application_id))
            .map_err(AppError::internal)
    };
    Ok(DecisionView {
        application_id: row.application_id,
        outcome: row.outcome,
        status: row.status,
        award: money(row.award_minor)?,
        programme_support_cost: money(row.psc_minor)?,
        by_chair: row.by_chair,
        approve: row.approvals,
        reject: row.rejections,
        abstain: row.abstentions,
        decided_at: to_utc(row.decided_at),
        decided_by: row.decided_by.user(),
        grant_id: row.grant_id,
    })
}

pub fn find(
    conn: &mut DbConnection,
    application_id: ApplicationId,
) -> Result<Option<DecisionView>, AppError> {
    decisions::table
        .find(application_id)
        .select(DecisionRow::as_select())
        .get_result(conn)
        .optional()?
        .map(view)
        .transpose()
}

/// The programme support cost on an award, at the Fund's rate, half to even to the cent.
fn psc_on(conn: &mut DbConnection, award: Money) -> Result<Money, AppError> {
    let rate = crate::fund::load(conn)?.settings.psc_rate;
    award
        .share(rate)
        .context("programme support cost")
        .map_err(AppError::internal)
}

/// `POST …/decision`: applies the rule and records the outcome. An approval first checks
/// that the organisation may still receive money and that the award fits in what is left
/// of the call's envelope; either refusal leaves nothing written (the transaction rolls
/// back) and the application under review. A rejection moves no money, so it needs
/// neither check: the Board can always close a file.
#[tracing::instrument(name = "decision", skip(tx, today), fields(
    application_id = %application_id, outcome = Empty, status = Empty, award = Empty,
    programme_support_cost = Empty))]
pub fn record(
    tx: &mut Tx,
    application_id: ApplicationId,
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
    let decided_by = tx.actor().author();
    let span = tracing::Span::current();
    let (verdict, status, amounts, by_chair, grant) = match outcome {
        Outcome::Reject { by_chair } => {
            applications::transition(
                tx,
                application_id,
                ApplicationState::Rejected,
                Some("rejected by the Board".into()),
            )?;
            (
                DecisionOutcome::Reject,
                DecisionStatus::Rejected,
                None,
                by_chair,
                None,
            )
        }
        Outcome::Approve { award, by_chair } => {
            span.record("award", tracing::field::display(award));
            crate::grants::ensure_may_receive_money(tx.conn(), facts.organization_id)?;
            ensure_within_envelope(tx.conn(), &facts, award)?;
            let psc = psc_on(tx.conn(), award)?;
            span.record("programme_support_cost", tracing::field::display(psc));
            let grant = crate::grants::create(tx, &facts, award, psc)?;
            let (to, status, why) = match grant {
                Some(_) => (
                    ApplicationState::Approved,
                    DecisionStatus::Approved,
                    "approved by the Board",
                ),
                None => (
                    ApplicationState::ReserveList,
                    DecisionStatus::ReserveList,
                    "approved by the Board; the Fund cannot cover it yet",
                ),
            };
            applications::transition(tx, application_id, to, Some(why.into()))?;
            (
                DecisionOutcome::Approve,
                status,
                Some((award, psc)),
                by_chair,
                grant,
            )
        }
    };
    span.record("outcome", verdict.as_str());
    span.record("status", status.as_str());
    let now = tx.now();
    let row = DecisionRow {
        application_id,
        outcome: verdict,
        status,
        award_minor: amounts.map(|(award, _)| award.to_minor()),
        psc_minor: amounts.map(|(_, psc)| psc.to_minor()),
        currency: Currency::USD,
        by_chair,
        approvals: count(tally.approve)?,
        rejections: count(tally.reject)?,
        abstentions: count(tally.abstain)?,
        decided_at: now,
        decided_by,
        awarded_at: grant.map(|_| now),
        grant_id: grant,
    };
    diesel::insert_into(decisions::table)
        .values(&row)
        .execute(tx.conn())?;
    let decision = view(row)?;
    tx.audit(Change::new(
        "decision.recorded",
        "application",
        application_id,
        json!({ "after": decision }),
    ))?;
    tracing::info!("decision recorded");
    super::notices::application_decided(
        tx,
        application_id,
        status.as_str(),
        amounts.map(|(award, _)| award),
    )?;
    Ok(decision)
}

/// The application the reserve list awards next: the earliest decided whose organisation
/// may still receive money. A refused organisation keeps its place (it may be verified
/// again) but does not hold up those behind it.
fn next_on_reserve_list(tx: &mut Tx) -> Result<Option<ApplicationId>, AppError> {
    let waiting: Vec<ApplicationId> = decisions::table
        .filter(decisions::status.eq(DecisionStatus::ReserveList))
        .order((decisions::decided_at.asc(), decisions::application_id.asc()))
        .select(decisions::application_id)
        .load(tx.conn())?;
    for id in waiting {
        let facts = applications::facts_for_decision(tx.conn(), id)?;
        match crate::grants::ensure_may_receive_money(tx.conn(), facts.organization_id) {
            Ok(()) => return Ok(Some(id)),
            Err(AppError::Rule { .. }) => continue,
            Err(other) => return Err(other),
        }
    }
    Ok(None)
}

/// `POST …/award`: awards an application from the reserve list, in the order of decision,
/// once the Fund can cover it, the organisation may still receive money, and the award
/// still fits in the call's envelope (where it has counted since the decision).
#[tracing::instrument(name = "award", skip(tx), fields(
    application_id = %application_id, award = Empty, programme_support_cost = Empty,
    status = Empty))]
pub fn award_from_reserve(
    tx: &mut Tx,
    application_id: ApplicationId,
) -> Result<DecisionView, AppError> {
    let facts = applications::facts_for_decision(tx.conn(), application_id)?;
    let decision = match find(tx.conn(), application_id)? {
        Some(d)
            if d.status == DecisionStatus::ReserveList
                && facts.state == ApplicationState::ReserveList =>
        {
            d
        }
        _ => {
            return Err(AppError::conflict(
                "only an application on the reserve list can be awarded",
            ))
        }
    };
    let (award, psc) = match (decision.award, decision.programme_support_cost) {
        (Some(a), Some(p)) => (a, p),
        _ => {
            return Err(AppError::internal(anyhow::anyhow!(
            "stored decision: application {application_id} is on the reserve list without an award"
        )))
        }
    };
    let span = tracing::Span::current();
    span.record("award", tracing::field::display(award));
    span.record("programme_support_cost", tracing::field::display(psc));
    crate::grants::ensure_may_receive_money(tx.conn(), facts.organization_id)?;
    if let Some(first) = next_on_reserve_list(tx)?.filter(|f| *f != application_id) {
        return Err(AppError::rule(
            Rule::ReserveOrder,
            format!(
                "application {first} was put on the reserve list earlier and must be awarded first"
            ),
        ));
    }
    ensure_within_envelope(tx.conn(), &facts, award)?;
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
    diesel::update(decisions::table.find(application_id))
        .set((
            decisions::status.eq(DecisionStatus::Approved),
            decisions::awarded_at.eq(now),
            decisions::grant_id.eq(grant),
        ))
        .execute(tx.conn())?;
    let after = find(tx.conn(), application_id)?.ok_or(AppError::NotFound)?;
    tx.audit(Change::updated(
        "decision",
        application_id,
        json!(decision),
        json!(after),
    ))?;
    span.record("status", after.status.as_str());
    tracing::info!("awarded from the reserve list");
    super::notices::application_decided(tx, application_id, after.status.as_str(), Some(award))?;
    Ok(after)
}
