//! Grants as stored, created by the Board's decision inside its transaction.

use anyhow::Context;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::applications::DecisionFacts;
use crate::audit::Change;
use crate::db::schema::grants;
use crate::db::{to_utc, DbConnection, PageRequest, Tx};
use crate::domain::{
    ApplicationId, CallId, Currency, GrantId, LedgerTransactionId, Money, OrganizationId,
};
use crate::error::AppError;
use crate::http::{Cursor, Page};

/// Where a grant stands. Only `awarded` exists until agreements are recorded.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema, diesel::AsExpression, diesel::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
pub enum GrantState {
    Awarded,
}

impl GrantState {
    pub const ALL: [GrantState; 1] = [GrantState::Awarded];

    pub fn as_str(self) -> &'static str {
        match self {
            GrantState::Awarded => "awarded",
        }
    }
}

crate::stored_as_variant_name!(GrantState);

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GrantView {
    pub id: Uuid,
    pub application_id: Uuid,
    pub organization_id: Uuid,
    pub call_id: Uuid,
    /// The award decided by the Board.
    #[schema(value_type = crate::domain::Money)]
    pub award: Money,
    /// Programme support cost committed on top of the award.
    #[schema(value_type = crate::domain::Money)]
    pub programme_support_cost: Money,
    /// Award plus programme support cost, committed in the ledger.
    #[schema(value_type = crate::domain::Money)]
    pub committed: Money,
    #[schema(value_type = crate::domain::Money)]
    pub disbursed: Money,
    /// What is left of the award to disburse.
    #[schema(value_type = crate::domain::Money)]
    pub remaining: Money,
    /// `awarded` until an agreement is signed.
    pub state: GrantState,
    pub ledger_transaction_id: Uuid,
    pub created_at: DateTime<Utc>,
}

/// A grant as stored; also the form it is inserted in.
#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = grants)]
struct GrantRow {
    id: GrantId,
    application_id: ApplicationId,
    organization_id: OrganizationId,
    call_id: CallId,
    award_minor: i64,
    psc_minor: i64,
    currency: Currency,
    state: GrantState,
    ledger_transaction_id: LedgerTransactionId,
    created_at: NaiveDateTime,
}

fn view(row: GrantRow) -> Result<GrantView, AppError> {
    let amounts = || -> Result<_, crate::domain::InvalidValue> {
        let award = Money::from_minor(row.award_minor, row.currency)?;
        let psc = Money::from_minor(row.psc_minor, row.currency)?;
        // Disbursements are not yet recorded by the service: nothing has been paid out.
        let disbursed = Money::zero(row.currency);
        Ok((
            award,
            psc,
            award.checked_add(psc)?,
            disbursed,
            award.checked_sub(disbursed)?,
        ))
    };
    let (award, psc, committed, disbursed, remaining) = amounts()
        .with_context(|| format!("stored grant {}", row.id))
        .map_err(AppError::internal)?;
    Ok(GrantView {
        id: row.id.as_uuid(),
        application_id: row.application_id.as_uuid(),
        organization_id: row.organization_id.as_uuid(),
        call_id: row.call_id.as_uuid(),
        award,
        programme_support_cost: psc,
        committed,
        disbursed,
        remaining,
        state: row.state,
        ledger_transaction_id: row.ledger_transaction_id.as_uuid(),
        created_at: to_utc(row.created_at),
    })
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
    let Some(ledger_tx) = crate::ledger::commit_grant_if_covered(tx, id.as_uuid(), award, psc)?
    else {
        return Ok(None);
    };
    let row = GrantRow {
        id,
        application_id: facts.application_id.into(),
        organization_id: facts.organization_id.into(),
        call_id: facts.call_id.into(),
        award_minor: award.to_minor(),
        psc_minor: psc.to_minor(),
        currency: award.currency(),
        state: GrantState::Awarded,
        ledger_transaction_id: ledger_tx.into(),
        created_at: tx.now(),
    };
    diesel::insert_into(grants::table)
        .values(&row)
        .execute(tx.conn())?;
    let created = view(row)?;
    tx.audit(Change::created("grant", id.as_uuid(), json!(created)))?;
    Ok(Some(id))
}

pub fn find(conn: &mut DbConnection, id: GrantId) -> Result<Option<GrantView>, AppError> {
    grants::table
        .find(id)
        .select(GrantRow::as_select())
        .first(conn)
        .optional()?
        .map(view)
        .transpose()
}

/// Grants newest first; only one organisation's when `organization` is given.
pub fn list(
    conn: &mut DbConnection,
    organization: Option<OrganizationId>,
    page: PageRequest,
) -> Result<Page<GrantView>, AppError> {
    let mut query = grants::table.into_boxed();
    if let Some(org) = organization {
        query = query.filter(grants::organization_id.eq(org));
    }
    let rows = crate::newest_first!(query, page, grants::created_at, grants::id)
        .select(GrantRow::as_select())
        .load(conn)?;
    Page::from_rows(rows, page.limit, |g| Cursor::new(g.created_at, g.id), view).try_map(|g| g)
}
