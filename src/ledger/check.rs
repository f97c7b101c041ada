//! The ledger's half of the integrity check: every posting read back, every ledger
//! invariant verified, every balance recomputed posting by posting (never from the
//! running totals the service reads), and those totals compared with the recomputed ones.
//! Reconciling owners against their postings is done above, in `crate::ledger_owners`,
//! which calls this.

use rust_decimal::Decimal;

use super::balances::{self, Balances};
use super::rules::{self, TxRecord, Violation};
use super::store;
use super::totals::{self, Totals};
use crate::db::DbConnection;
use crate::error::AppError;

/// The journal as read, what is wrong with it, and the balances it adds up to.
#[derive(Debug, Clone)]
pub struct JournalCheck {
    pub journal: Vec<TxRecord>,
    pub postings_checked: usize,
    pub balances: Balances,
    pub violations: Vec<Violation>,
}

pub fn check_journal(
    conn: &mut DbConnection,
    reserve_rate: Decimal,
) -> Result<JournalCheck, AppError> {
    let journal: Vec<TxRecord> = store::journal(conn)?
        .into_iter()
        .map(|e| e.record)
        .collect();
    let mut violations = rules::check(&journal);
    let postings = journal.iter().flat_map(|t| &t.postings);
    let mut recomputed = Totals::default();
    recomputed.apply(postings.clone())?;
    violations.extend(rules::totals_mismatches(&totals::load(conn)?, &recomputed));
    let postings_checked = postings.clone().count();
    let balances = balances::from_postings(postings, reserve_rate)?;
    Ok(JournalCheck {
        journal,
        postings_checked,
        balances,
        violations,
    })
}
