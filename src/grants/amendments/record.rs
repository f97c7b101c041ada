//! Amendments as stored and shown: one row per version, with what it changed (before
//! and after) as JSON text.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::grant_amendments as ga;
use crate::db::{to_utc, DbConnection};
use crate::domain::{GrantId, LedgerTransactionId, UserId};
use crate::error::AppError;

/// What an amendment changes.
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
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AmendmentKind {
    /// A no-cost extension of the grant period (the unpaid tranches may move with it).
    Extension,
    /// Money moved between budget lines; the award stays.
    BudgetRevision,
    /// The award decreased (commitment released) or increased (committed, on a Board
    /// decision), with its budget lines and unpaid tranches.
    AwardChange,
}

impl AmendmentKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ga)]
pub struct AmendmentRow {
    pub id: String,
    pub grant_id: GrantId,
    pub version: i32,
    pub kind: String,
    pub reason: String,
    pub board_decision: Option<String>,
    pub changes: String,
    pub ledger_transaction_id: Option<LedgerTransactionId>,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

/// One amendment of a grant: a numbered version.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AmendmentView {
    #[schema(value_type = uuid::Uuid)]
    pub id: String,
    #[schema(value_type = uuid::Uuid)]
    pub grant_id: GrantId,
    /// 1 for the grant's first amendment, one more for each after.
    pub version: i32,
    pub kind: AmendmentKind,
    pub reason: String,
    /// The Board decision it rests on (required for an award increase).
    pub board_decision: Option<String>,
    /// What changed: `before` and `after`, each with the fields the amendment touched
    /// (`period_end`, `award`, `programme_support_cost`, `budget_lines`, `tranches`).
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
    /// The ledger entry of an award change (none for the other kinds).
    #[schema(value_type = Option<uuid::Uuid>)]
    pub ledger_transaction_id: Option<LedgerTransactionId>,
    #[schema(value_type = Option<uuid::Uuid>)]
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

pub fn view(row: AmendmentRow) -> Result<AmendmentView, AppError> {
    let kind = row
        .kind
        .parse::<AmendmentKind>()
        .map_err(|_| AppError::internal(anyhow::anyhow!("stored amendment kind {}", row.kind)))?;
    Ok(AmendmentView {
        id: row.id,
        grant_id: row.grant_id,
        version: row.version,
        kind,
        reason: row.reason,
        board_decision: row.board_decision,
        changes: serde_json::from_str(&row.changes).map_err(AppError::internal)?,
        ledger_transaction_id: row.ledger_transaction_id,
        created_by: row.created_by,
        created_at: to_utc(row.created_at),
    })
}

pub fn insert(conn: &mut DbConnection, row: &AmendmentRow) -> Result<(), AppError> {
    diesel::insert_into(ga::table).values(row).execute(conn)?;
    Ok(())
}

/// A grant's amendments, in version order.
pub fn list(conn: &mut DbConnection, grant: GrantId) -> Result<Vec<AmendmentView>, AppError> {
    ga::table
        .filter(ga::grant_id.eq(grant))
        .order(ga::version.asc())
        .select(AmendmentRow::as_select())
        .load(conn)?
        .into_iter()
        .map(view)
        .collect()
}

/// The ledger entries of a grant's award changes, for the integrity check.
pub fn entries(
    conn: &mut DbConnection,
    grant: GrantId,
) -> Result<Vec<LedgerTransactionId>, AppError> {
    Ok(ga::table
        .filter(ga::grant_id.eq(grant))
        .filter(ga::ledger_transaction_id.is_not_null())
        .order(ga::version.asc())
        .select(ga::ledger_transaction_id.assume_not_null())
        .load(conn)?)
}

/// One award change as the Fund's exports show it: when, and the award before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AwardChange {
    pub on: chrono::NaiveDate,
    pub before: crate::domain::Money,
    pub after: crate::domain::Money,
}

/// A grant's award changes, in version order.
pub fn award_changes(
    conn: &mut DbConnection,
    grant: GrantId,
) -> Result<Vec<AwardChange>, AppError> {
    let rows: Vec<(NaiveDateTime, String)> = ga::table
        .filter(ga::grant_id.eq(grant))
        .filter(ga::kind.eq(AmendmentKind::AwardChange.as_str()))
        .order(ga::version.asc())
        .select((ga::created_at, ga::changes))
        .load(conn)?;
    rows.into_iter()
        .map(|(at, changes)| {
            let changes: serde_json::Value =
                serde_json::from_str(&changes).map_err(AppError::internal)?;
            let award = |side: &str| {
                serde_json::from_value(changes[side]["award"].clone()).map_err(AppError::internal)
            };
            Ok(AwardChange {
                on: at.date(),
                before: award("before")?,
                after: award("after")?,
            })
        })
        .collect()
}
