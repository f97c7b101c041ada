//! Contributions and their receipts as stored, and the functions that read and write them.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::rows::{ContributionRow, NewContributionRow, ReceiptRow};
use super::view::ContributionView;
use crate::audit::Change;
use crate::db::schema::{contribution_receipts as cr, contributions as c};
use crate::db::{DbConnection, Tx};
use crate::domain::{CountryCode, ExchangeRate, Money, PositiveMoney};
use crate::error::AppError;
use crate::http::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DonorType {
    MemberState,
    Public,
    PrivateSector,
    Individual,
    Intergovernmental,
}

impl DonorType {
    const ALL: [DonorType; 5] = [
        DonorType::MemberState,
        DonorType::Public,
        DonorType::PrivateSector,
        DonorType::Individual,
        DonorType::Intergovernmental,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DonorType::MemberState => "member_state",
            DonorType::Public => "public",
            DonorType::PrivateSector => "private_sector",
            DonorType::Individual => "individual",
            DonorType::Intergovernmental => "intergovernmental",
        }
    }

    pub(super) fn parse(code: &str) -> Option<DonorType> {
        DonorType::ALL.into_iter().find(|d| d.code() == code)
    }
}

#[derive(Debug, Clone)]
pub struct Donor {
    pub name: String,
    pub donor_type: DonorType,
    pub country: Option<CountryCode>,
}

#[derive(Debug, Clone)]
pub struct Contribution {
    pub id: Uuid,
    pub donor: Donor,
    pub pledged: Option<Money>,
    pub pledged_on: NaiveDate,
    pub created_at: NaiveDateTime,
    pub receipts: Vec<Receipt>,
}

#[derive(Debug, Clone)]
pub struct Receipt {
    pub id: Uuid,
    pub amount: Money,
    pub rate_to_usd: ExchangeRate,
    pub usd: Money,
    pub received_on: NaiveDate,
    pub bank_reference: String,
    pub ledger_transaction_id: Uuid,
    /// The reversal of its ledger entry, once reversed: it no longer counts as received.
    pub reversal_transaction_id: Option<Uuid>,
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
}

/// Loads contributions with their receipts (each knowing whether it was reversed).
fn assemble(
    conn: &mut DbConnection,
    rows: Vec<ContributionRow>,
) -> Result<Vec<Contribution>, AppError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut receipts: HashMap<String, Vec<Receipt>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let loaded = cr::table
            .filter(cr::contribution_id.eq_any(chunk))
            .order((cr::created_at.asc(), cr::id.asc()))
            .select(ReceiptRow::as_select())
            .load(conn)?;
        for row in loaded {
            let contribution = row.contribution_id.clone();
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

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Option<Contribution>, AppError> {
    let rows = c::table
        .find(id.to_string())
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
    let mut query = c::table.into_boxed();
    if let Some(cursor) = cursor {
        query = query.filter(
            c::created_at
                .lt(cursor.at)
                .or(c::created_at.eq(cursor.at).and(c::id.lt(cursor.id))),
        );
    }
    let rows = query
        .order((c::created_at.desc(), c::id.desc()))
        .limit(limit + 1)
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
    let id = Uuid::new_v4();
    let id_text = id.to_string();
    let created_by = tx.actor().user_id.map(|u| u.to_string());
    let now = tx.now();
    diesel::insert_into(c::table)
        .values(NewContributionRow {
            id: &id_text,
            donor_name: &donor.name,
            donor_type: donor.donor_type.code(),
            donor_country: donor.country.map(|c| c.code()),
            pledged_minor: pledged.map(|m| m.to_minor()),
            pledged_currency: pledged.map(|m| m.currency().code()),
            pledged_on,
            created_by: created_by.as_deref(),
            created_at: now,
        })
        .execute(tx.conn())?;
    let view = ContributionView::from(&find(tx.conn(), id)?.ok_or(AppError::NotFound)?);
    tx.audit(Change::created("contribution", id, json!(view)))?;
    Ok(view)
}
