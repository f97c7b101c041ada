//! Grants as stored, created by the Board's decision inside its transaction.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::applications::DecisionFacts;
use crate::audit::Change;
use crate::db::schema::grants;
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::{Currency, Money};
use crate::error::AppError;
use crate::http::{Cursor, Page};

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
    pub state: String,
    pub ledger_transaction_id: Uuid,
    pub created_at: DateTime<Utc>,
}

type GrantRow = (
    String,
    String,
    String,
    String,
    i64,
    i64,
    String,
    String,
    String,
    NaiveDateTime,
);

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::internal(anyhow::anyhow!("stored grant: {e}"))
}

fn view(row: GrantRow) -> Result<GrantView, AppError> {
    let (id, app, org, call, award, psc, currency, state, ledger, created_at) = row;
    let currency = Currency::parse(&currency).map_err(internal)?;
    let award = Money::from_minor(award, currency).map_err(internal)?;
    let psc = Money::from_minor(psc, currency).map_err(internal)?;
    let uuid = |s: &str| Uuid::parse_str(s).map_err(internal);
    // Disbursements are not yet recorded by the service: nothing has been paid out.
    let disbursed = Money::zero(currency);
    Ok(GrantView {
        id: uuid(&id)?,
        application_id: uuid(&app)?,
        organization_id: uuid(&org)?,
        call_id: uuid(&call)?,
        committed: award.checked_add(psc).map_err(internal)?,
        remaining: award.checked_sub(disbursed).map_err(internal)?,
        award,
        programme_support_cost: psc,
        disbursed,
        state,
        ledger_transaction_id: uuid(&ledger)?,
        created_at: to_utc(created_at),
    })
}

/// Creates the grant for an approved application and commits award + PSC in the ledger,
/// when the Fund's available balance covers them; `None` (nothing written) when not.
pub fn create(
    tx: &mut Tx,
    facts: &DecisionFacts,
    award: Money,
    psc: Money,
) -> Result<Option<Uuid>, AppError> {
    let id = Uuid::new_v4();
    let Some(ledger_tx) = crate::ledger::commit_grant_if_covered(tx, id, award, psc)? else {
        return Ok(None);
    };
    diesel::insert_into(grants::table)
        .values((
            grants::id.eq(id.to_string()),
            grants::application_id.eq(facts.application_id.to_string()),
            grants::organization_id.eq(facts.organization_id.to_string()),
            grants::call_id.eq(facts.call_id.to_string()),
            grants::award_minor.eq(award.to_minor()),
            grants::psc_minor.eq(psc.to_minor()),
            grants::currency.eq(award.currency().code()),
            grants::state.eq("awarded"),
            grants::ledger_transaction_id.eq(ledger_tx.to_string()),
            grants::created_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    let created = find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    tx.audit(Change::created("grant", id, json!(created)))?;
    Ok(Some(id))
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Option<GrantView>, AppError> {
    grants::table
        .find(id.to_string())
        .first::<GrantRow>(conn)
        .optional()?
        .map(view)
        .transpose()
}

/// Grants newest first; only one organisation's when `organization` is given.
pub fn list(
    conn: &mut DbConnection,
    organization: Option<Uuid>,
    limit: i64,
    cursor: Option<Cursor>,
) -> Result<Page<GrantView>, AppError> {
    let mut query = grants::table.into_boxed();
    if let Some(org) = organization {
        query = query.filter(grants::organization_id.eq(org.to_string()));
    }
    if let Some(cursor) = cursor {
        query = query.filter(
            grants::created_at.lt(cursor.at).or(grants::created_at
                .eq(cursor.at)
                .and(grants::id.lt(cursor.id))),
        );
    }
    let rows = query
        .order((grants::created_at.desc(), grants::id.desc()))
        .limit(limit + 1)
        .load::<GrantRow>(conn)?
        .into_iter()
        .map(view)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(
        rows,
        limit,
        |g| Cursor::new(g.created_at.naive_utc(), g.id),
        |g| g,
    ))
}
