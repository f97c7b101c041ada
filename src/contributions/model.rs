//! Contributions and their receipts as stored, and the functions that read and write them.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::rows::{ContributionRow, ReceiptRow};
use super::view::ContributionView;
use crate::audit::Change;
use crate::db::schema::{contribution_receipts as cr, contributions as c};
use crate::db::{Cursor, DbConnection, PageRequest, Tx};
use crate::domain::{
    ContributionId, CountryCode, ExchangeRate, LedgerTransactionId, Money, PositiveMoney, ReceiptId,
};
use crate::error::AppError;

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
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
#[strum(serialize_all = "snake_case")]
pub enum DonorType {
    MemberState,
    Public,
    PrivateSector,
    Individual,
    Intergovernmental,
}

impl DonorType {
    pub fn code(self) -> &'static str {
        self.into()
    }
}

crate::stored_as_variant_name!(DonorType);

#[derive(Debug, Clone)]
pub struct Donor {
    pub name: String,
    pub donor_type: DonorType,
    pub country: Option<CountryCode>,
}

#[derive(Debug, Clone)]
pub struct Contribution {
    pub id: ContributionId,
    pub donor: Donor,
    pub pledged: Option<Money>,
    pub pledged_on: NaiveDate,
    pub created_at: NaiveDateTime,
    pub receipts: Vec<Receipt>,
}

#[derive(Debug, Clone)]
pub struct Receipt {
    pub id: ReceiptId,
    pub amount: Money,
    pub rate_to_usd: ExchangeRate,
    pub usd: Money,
    pub received_on: NaiveDate,
    pub bank_reference: String,
    /// Why it was recorded at a rate other than the one in force on its day.
    pub rate_reason: Option<String>,
    pub ledger_transaction_id: LedgerTransactionId,
    /// The reversal of its ledger entry, once reversed: it no longer counts as received.
    pub reversal_transaction_id: Option<LedgerTransactionId>,
    pub created_at: NaiveDateTime,
}

impl Receipt {
    pub fn reversed(&self) -> bool {
        self.reversal_transaction_id.is_some()
    }
}

pub struct NewReceipt {
    pub amount: PositiveMoney,
    pub received_on: NaiveDate,
    pub rate_to_usd: ExchangeRate,
    pub bank_reference: String,
    /// Why `rate_to_usd` is not the rate in force on `received_on` (see `rates.rs`).
    pub rate_reason: Option<String>,
}

/// Loads contributions with their receipts (each knowing whether it was reversed).
fn assemble(
    conn: &mut DbConnection,
    rows: Vec<ContributionRow>,
) -> Result<Vec<Contribution>, AppError> {
    let ids: Vec<ContributionId> = rows.iter().map(|r| r.id).collect();
    let mut receipts: HashMap<ContributionId, Vec<Receipt>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let loaded = cr::table
            .filter(cr::contribution_id.eq_any(chunk))
            .order((cr::created_at.asc(), cr::id.asc()))
            .select(ReceiptRow::as_select())
            .load(conn)?;
        for row in loaded {
            let contribution = row.contribution_id;
            receipts
                .entry(contribution)
                .or_default()
                .push(row.decode()?);
        }
    }
    rows.into_iter()
        .map(|row| {
            let own = receipts.remove(&row.id).unwrap_or_default();
            row.decode(own)
        })
        .collect()
}

pub fn find(conn: &mut DbConnection, id: ContributionId) -> Result<Option<Contribution>, AppError> {
    let rows = c::table
        .find(id)
        .select(ContributionRow::as_select())
        .load(conn)?;
    Ok(assemble(conn, rows)?.pop())
}

/// `limit + 1` contributions, newest first, from `cursor`.
pub fn list(
    conn: &mut DbConnection,
    limit: i64,
    cursor: Option<Cursor>,
) -> Result<Vec<Contribution>, AppError> {
    let request = PageRequest {
        limit,
        after: cursor,
    };
    let rows = crate::newest_first!(c::table.into_boxed(), request, c::created_at, c::id)
        .select(ContributionRow::as_select())
        .load(conn)?;
    assemble(conn, rows)
}

/// The pledges made from `from` to `to` (both inclusive), with their receipts.
pub fn pledged_between(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Contribution>, AppError> {
    let rows = c::table
        .filter(c::pledged_minor.is_not_null())
        .filter(c::pledged_on.ge(from))
        .filter(c::pledged_on.le(to))
        .order((c::created_at.asc(), c::id.asc()))
        .select(ContributionRow::as_select())
        .load(conn)?;
    assemble(conn, rows)
}

pub fn count(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(c::table.count().get_result(conn)?)
}

/// Records a donor and their pledge (or none) with its audit event.
pub fn create(
    tx: &mut Tx,
    donor: Donor,
    pledged: Option<Money>,
    pledged_on: NaiveDate,
) -> Result<ContributionView, AppError> {
    let id = ContributionId::new();
    let created_by = tx.actor().user_id;
    let row = ContributionRow::new(id, &donor, pledged, pledged_on, created_by, tx.now());
    diesel::insert_into(c::table)
        .values(row)
        .execute(tx.conn())?;
    let today = tx.now().date();
    let found = find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    let view = ContributionView::valued(tx.conn(), &found, today)?;
    tx.audit(Change::created("contribution", id, json!(view)))?;
    Ok(view)
}
