//! Grants as stored, created by the Board's decision inside its transaction, and the
//! grant as clients see it (its money, schedule and state).

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::rows::TrancheRow;
use crate::applications::DecisionFacts;
use crate::audit::Change;
use crate::db::schema::grants;
use crate::db::{to_utc, Cursor, DbConnection, Page, PageRequest, Tx};
use crate::domain::{
    ApplicationId, CallId, Currency, GrantId, LedgerTransactionId, Money, OrganizationId,
};
use crate::error::AppError;

/// Where a grant stands: `awarded` (committed, no agreement yet) → `agreement_signed`
/// (tranches may be paid) → `closed` (the final report accepted, the unpaid commitment
/// released; nothing more paid). Cancelled on a Board decision from either open state, it
/// ends `cancelled` (its unpaid commitment released likewise). Either end passes through
/// `closing` while the grantee owes a refund of money received and not spent.
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
pub enum GrantState {
    Awarded,
    AgreementSigned,
    Closing,
    Closed,
    Cancelled,
}

impl GrantState {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Awarded or signed: its commitment stands, money may still be paid on it. Every
    /// other state has released what was unpaid.
    pub fn is_open(self) -> bool {
        matches!(self, GrantState::Awarded | GrantState::AgreementSigned)
    }
}

crate::stored_as_variant_name!(GrantState);

/// Where a tranche stands.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum TrancheState {
    /// Nothing paid, due later.
    Scheduled,
    /// Nothing paid, due date reached.
    Due,
    /// Paid in part.
    PartPaid,
    /// Paid in full.
    Paid,
    /// The grant closed or was cancelled before it was paid in full; the rest was released.
    Released,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgreementView {
    pub signed_on: NaiveDate,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrancheView {
    /// 1, 2, 3, … in the order of the schedule.
    pub number: i32,
    #[schema(value_type = crate::domain::Money)]
    pub amount: Money,
    /// The tranche's part of the programme support cost committed at award (each part is
    /// the tranche's share rounded down to the cent; the last tranche takes the rest).
    #[schema(value_type = crate::domain::Money)]
    pub programme_support_cost: Money,
    pub due_on: NaiveDate,
    /// Paid on the tranche, net of reversals.
    #[schema(value_type = crate::domain::Money)]
    pub paid: Money,
    #[schema(value_type = crate::domain::Money)]
    pub remaining: Money,
    pub state: TrancheState,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GrantView {
    #[schema(value_type = uuid::Uuid)]
    pub id: GrantId,
    #[schema(value_type = uuid::Uuid)]
    pub application_id: ApplicationId,
    #[schema(value_type = uuid::Uuid)]
    pub organization_id: OrganizationId,
    #[schema(value_type = uuid::Uuid)]
    pub call_id: CallId,
    /// The award decided by the Board.
    #[schema(value_type = crate::domain::Money)]
    pub award: Money,
    /// Programme support cost committed on top of the award.
    #[schema(value_type = crate::domain::Money)]
    pub programme_support_cost: Money,
    /// Award plus programme support cost still committed in the ledger: what was
    /// committed at award less what has been paid out (award and PSC) and, once closed,
    /// less what closure released.
    #[schema(value_type = crate::domain::Money)]
    pub committed: Money,
    /// Paid to the grantee, net of reversals (refunds not deducted).
    #[schema(value_type = crate::domain::Money)]
    pub disbursed: Money,
    /// Programme support cost charged on the disbursements.
    #[schema(value_type = crate::domain::Money)]
    pub programme_support_cost_disbursed: Money,
    /// Unspent money returned by the grantee, net of reversals.
    #[schema(value_type = crate::domain::Money)]
    pub refunded: Money,
    /// Programme support cost credited back with the refunds, net of reversals: the
    /// grant's ratio of the refunds to date, half to even to the cent.
    /// `programme_support_cost_disbursed − psc_credited` is the grant's support cost as
    /// the Fund's balances and reports count it.
    #[schema(value_type = crate::domain::Money)]
    pub psc_credited: Money,
    /// Commitment (award and PSC) released to the available balance at closure or
    /// cancellation.
    #[schema(value_type = crate::domain::Money)]
    pub released: Money,
    /// What is left of the award to disburse (zero once closed).
    #[schema(value_type = crate::domain::Money)]
    pub remaining: Money,
    /// What the grantee owes back once the commitment is released: received (disbursed
    /// net of refunds) less the spending its reports accounted for and less what was
    /// written off; the grant stays `closing` while it is not zero.
    #[schema(value_type = crate::domain::Money)]
    pub refund_due: Money,
    /// A refund owed that the secretariat wrote off as not coming.
    #[schema(value_type = crate::domain::Money)]
    pub written_off: Money,
    pub state: GrantState,
    /// The Board decision it was cancelled or terminated on, if it was.
    pub cancellation: Option<super::cancellation::CancellationView>,
    /// The signed agreement, if any.
    pub agreement: Option<AgreementView>,
    /// The tranche schedule (empty before the agreement).
    pub tranches: Vec<TrancheView>,
    /// The budget set by the agreement (empty before it): each line's budget, what was
    /// spent on it to date (by the accepted report accounting for the most) and the balance.
    pub budget: Vec<super::budget::BudgetLineView>,
    /// How many amendments the grant has had (0: none); the latest is this version.
    pub amendment_version: i32,
    /// A report is overdue: the due date of a tranche after the first has passed, it is
    /// not paid in full, and the reports on the tranches before it are not all accepted.
    pub report_overdue: bool,
    #[schema(value_type = uuid::Uuid)]
    pub ledger_transaction_id: LedgerTransactionId,
    /// The entry that released the unpaid commitment at closure (none if nothing was left).
    #[schema(value_type = Option<uuid::Uuid>)]
    pub release_transaction_id: Option<LedgerTransactionId>,
    pub created_at: DateTime<Utc>,
    /// When its unpaid commitment was released: closure or cancellation.
    pub closed_at: Option<DateTime<Utc>>,
}

/// A grant as stored; also the form it is inserted in.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grants)]
pub(super) struct GrantRow {
    pub id: GrantId,
    pub application_id: ApplicationId,
    pub organization_id: OrganizationId,
    pub call_id: CallId,
    pub award_minor: i64,
    pub psc_minor: i64,
    pub currency: Currency,
    pub state: GrantState,
    pub ledger_transaction_id: LedgerTransactionId,
    pub created_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
    pub release_transaction_id: Option<LedgerTransactionId>,
    /// The spending the grantee had accounted for when the commitment was released
    /// (none while open, and none for grants released before it was kept).
    pub accounted_spent_minor: Option<i64>,
    /// Refund owed: received net of refunds, less accounted spending and write-offs.
    pub refund_due_minor: i64,
    pub written_off_minor: i64,
    pub amendment_version: i32,
}

pub(super) fn row(conn: &mut DbConnection, id: GrantId) -> Result<Option<GrantRow>, AppError> {
    Ok(grants::table
        .find(id)
        .select(GrantRow::as_select())
        .get_result(conn)
        .optional()?)
}

fn money(minor: i128, currency: Currency) -> Result<Money, crate::domain::InvalidValue> {
    i64::try_from(minor)
        .map_err(|_| crate::domain::InvalidValue::new(format!("{minor} is out of range")))
        .and_then(|m| Money::from_minor(m, currency))
}

fn tranche_state(t: &TrancheRow, paid: i128, closed: bool, today: NaiveDate) -> TrancheState {
    if paid >= i128::from(t.amount_minor) {
        TrancheState::Paid
    } else if closed {
        TrancheState::Released
    } else if paid > 0 {
        TrancheState::PartPaid
    } else if t.due_on <= today {
        TrancheState::Due
    } else {
        TrancheState::Scheduled
    }
}

/// The grant as clients see it, assembled from its row, schedule, payments and refunds
/// (several statements: call it inside one snapshot or the write transaction), as it
/// stands on `today` (the app's clock: tranches due and reports overdue).
pub(super) fn view(
    conn: &mut DbConnection,
    row: GrantRow,
    today: NaiveDate,
) -> Result<GrantView, AppError> {
    let loaded = super::ledger_book::load(conn, &row)?;
    let agreement = super::agreement::agreement(conn, row.id)?;
    let cancellation = super::cancellation::find(conn, row.id, row.currency)?;
    let book = &loaded.book;
    let closed = !row.state.is_open();
    let mut report_overdue = false;
    if !closed {
        for t in loaded.tranches.iter().filter(|t| t.number > 1) {
            let unpaid = book.paid_on(t.number).amount < i128::from(t.amount_minor);
            if t.due_on <= today
                && unpaid
                && !super::reports_link::accepted_through(conn, row.id, t.number - 1)?
            {
                report_overdue = true;
                break;
            }
        }
    }
    let c = row.currency;
    let budget = super::budget::view(conn, row.id, c)?;
    let build = || -> Result<GrantView, crate::domain::InvalidValue> {
        let paid = book.paid();
        let refunded = book.refunded();
        let tranches = loaded
            .tranches
            .iter()
            .map(|t| {
                let on = book.paid_on(t.number).amount;
                Ok(TrancheView {
                    number: t.number,
                    amount: money(i128::from(t.amount_minor), c)?,
                    programme_support_cost: money(i128::from(t.psc_minor), c)?,
                    due_on: t.due_on,
                    paid: money(on, c)?,
                    remaining: money(i128::from(t.amount_minor) - on, c)?,
                    state: tranche_state(t, on, closed, today),
                })
            })
            .collect::<Result<Vec<_>, crate::domain::InvalidValue>>()?;
        let released = if closed { book.unpaid_commitment() } else { 0 };
        let remaining = if closed {
            0
        } else {
            i128::from(row.award_minor) - paid.amount
        };
        Ok(GrantView {
            id: row.id,
            application_id: row.application_id,
            organization_id: row.organization_id,
            call_id: row.call_id,
            award: money(i128::from(row.award_minor), c)?,
            programme_support_cost: money(i128::from(row.psc_minor), c)?,
            committed: money(book.outstanding(), c)?,
            disbursed: money(paid.amount, c)?,
            programme_support_cost_disbursed: money(paid.psc, c)?,
            refunded: money(refunded.amount, c)?,
            psc_credited: money(refunded.psc, c)?,
            released: money(released, c)?,
            remaining: money(remaining, c)?,
            refund_due: money(i128::from(row.refund_due_minor), c)?,
            written_off: money(i128::from(row.written_off_minor), c)?,
            state: row.state,
            cancellation,
            agreement: agreement.as_ref().map(|a| AgreementView {
                signed_on: a.signed_on,
                period_start: a.period_start,
                period_end: a.period_end,
            }),
            tranches,
            budget,
            amendment_version: row.amendment_version,
            report_overdue,
            ledger_transaction_id: row.ledger_transaction_id,
            release_transaction_id: row.release_transaction_id,
            created_at: to_utc(row.created_at),
            closed_at: row.closed_at.map(to_utc),
        })
    };
    build()
        .with_context(|| format!("stored grant {}", row.id))
        .map_err(AppError::internal)
}

/// Creates the grant for an approved application and commits award + PSC in the ledger,
/// when the Fund's available balance covers them; `None` (nothing written) when not.
pub fn create(
    tx: &mut Tx,
    facts: &DecisionFacts,
    award: Money,
    psc: Money,
) -> Result<Option<GrantId>, AppError> {
    let id = GrantId::new();
    let Some(ledger_tx) = crate::ledger::commit_grant_if_covered(tx, id, award, psc)? else {
        return Ok(None);
    };
    let row = GrantRow {
        id,
        application_id: facts.application_id,
        organization_id: facts.organization_id,
        call_id: facts.call_id,
        award_minor: award.to_minor(),
        psc_minor: psc.to_minor(),
        currency: award.currency(),
        state: GrantState::Awarded,
        ledger_transaction_id: ledger_tx,
        created_at: tx.now(),
        closed_at: None,
        release_transaction_id: None,
        accounted_spent_minor: None,
        refund_due_minor: 0,
        written_off_minor: 0,
        amendment_version: 0,
    };
    diesel::insert_into(grants::table)
        .values(&row)
        .execute(tx.conn())?;
    let today = tx.now().date();
    let created = view(tx.conn(), row, today)?;
    tx.audit(Change::created("grant", id.as_uuid(), json!(created)))?;
    Ok(Some(id))
}

/// The grant as it stands on `today`.
pub fn find(
    conn: &mut DbConnection,
    id: GrantId,
    today: NaiveDate,
) -> Result<Option<GrantView>, AppError> {
    row(conn, id)?.map(|r| view(conn, r, today)).transpose()
}

/// Grants newest first; only one organisation's when `organization` is given.
pub fn list(
    conn: &mut DbConnection,
    organization: Option<OrganizationId>,
    page: PageRequest,
    today: NaiveDate,
) -> Result<Page<GrantView>, AppError> {
    let mut query = grants::table.into_boxed();
    if let Some(org) = organization {
        query = query.filter(grants::organization_id.eq(org));
    }
    let rows = crate::newest_first!(query, page, grants::created_at, grants::id)
        .select(GrantRow::as_select())
        .load(conn)?;
    Page::from_rows(rows, page.limit, |g| Cursor::new(g.created_at, g.id), |g| g)
        .try_map(|g| view(conn, g, today))
}
