//! The integrity check: every balance recomputed from the postings, every invariant
//! verified, every violation reported (`GET /api/v1/ledger/check`, `trustfund ledger check`).

use serde::Serialize;
use utoipa::ToSchema;

use super::balances::{self, Balances};
use super::rules::{self, TxRecord, Violation};
use super::store;
use crate::db::DbConnection;
use crate::error::AppError;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckReport {
    /// True when no invariant is broken.
    pub ok: bool,
    pub transactions_checked: usize,
    pub postings_checked: usize,
    /// The balances as recomputed from the postings.
    pub balances: Balances,
    pub violations: Vec<Violation>,
}

pub fn run_check(conn: &mut DbConnection) -> Result<CheckReport, AppError> {
    let journal: Vec<TxRecord> = store::journal(conn)?
        .into_iter()
        .map(|e| e.record)
        .collect();
    let receipts = crate::contributions::receipt_records(conn)?;
    let violations = rules::check(&journal, &receipts);
    let rate = crate::fund::load(conn)?.settings.operating_reserve_rate;
    let postings: Vec<_> = journal.iter().flat_map(|t| &t.postings).collect();
    Ok(CheckReport {
        ok: violations.is_empty(),
        transactions_checked: journal.len(),
        postings_checked: postings.len(),
        balances: balances::from_postings(postings.iter().copied(), rate)?,
        violations,
    })
}
