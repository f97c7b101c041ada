//! The integrity check (`GET /api/v1/ledger/check`, `trustfund ledger check`): the
//! ledger's own invariants, every owner reconciled against its postings, and the Fund's
//! position sound (available never below zero).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::{Actor, DbConnection};
use crate::error::AppError;
use crate::ledger::{self, Balances, Violation};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CheckReport {
    /// True when no invariant is broken.
    pub ok: bool,
    pub transactions_checked: usize,
    pub postings_checked: usize,
    /// Receipts and grants reconciled with their postings.
    pub owners_checked: usize,
    /// The balances as recomputed from the postings.
    pub balances: Balances,
    pub violations: Vec<Violation>,
}

/// The integrity check for a reader of the ledger (as its faces declare).
pub fn check_ledger(conn: &mut DbConnection, _actor: &Actor) -> Result<CheckReport, AppError> {
    run_check(conn)
}

pub fn run_check(conn: &mut DbConnection) -> Result<CheckReport, AppError> {
    let rate = crate::fund::load(conn)?.settings.operating_reserve_rate;
    let journal = ledger::check_journal(conn, rate)?;
    let receipts = crate::contributions::receipt_records(conn)?;
    let grants = crate::grants::reconcile::commitments(conn)?;
    let mut violations = journal.violations;
    violations.extend(super::reconcile::owners(
        &journal.journal,
        &receipts,
        &grants,
    ));
    if journal.balances.available.is_negative() {
        violations.push(ledger::violation(
            None,
            "negative-available",
            format!(
                "available is {}: commitments outstanding ({}) and the reserve ({}) exceed cash ({})",
                journal.balances.available,
                journal.balances.commitments_outstanding,
                journal.balances.operating_reserve,
                journal.balances.cash
            ),
        ));
    }
    Ok(CheckReport {
        ok: violations.is_empty(),
        transactions_checked: journal.journal.len(),
        postings_checked: journal.postings_checked,
        owners_checked: receipts.len() + grants.len(),
        balances: journal.balances,
        violations,
    })
}
