//! What a Fund's data must still show after a move or a restore: the audit chain's head,
//! the ledger's balances, the rows of each table, the migrations it stands at. Taken in
//! the same snapshot as the rows, written beside them, compared on arrival.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::db::DbConnection;
use crate::error::AppError;
use crate::ledger::Balances;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// Events in the audit chain, and the hash of the last.
    pub audit_events: i64,
    pub audit_head: String,
    pub balances: Balances,
    /// The migrations applied, by version (each backend has its own list).
    pub migrations: Vec<String>,
    pub backend: String,
}

/// The facts of the database as `conn` sees it (inside a snapshot for a consistent set).
pub fn of(conn: &mut DbConnection) -> Result<Facts, AppError> {
    let chain = crate::audit::verify_chain(conn)?;
    if !chain.valid {
        return Err(AppError::internal(anyhow::anyhow!(
            "the audit chain does not verify: {:?}",
            chain.first_mismatch
        )));
    }
    let ledger = crate::ledger_owners::run_check(conn)?;
    Ok(Facts {
        audit_events: chain.events_checked,
        audit_head: chain.head_hash,
        balances: ledger.balances,
        migrations: crate::db::applied_migrations(conn).map_err(AppError::internal)?,
        backend: format!("{:?}", conn.backend()).to_lowercase(),
    })
}

/// The rows of each table.
pub type Counts = BTreeMap<String, u64>;

/// What differs between what was taken and what arrived, in words; empty when nothing.
pub fn differences(
    taken: &Facts,
    counts: &Counts,
    arrived: &Facts,
    loaded: &Counts,
) -> Vec<String> {
    let mut out = Vec::new();
    if taken.audit_head != arrived.audit_head || taken.audit_events != arrived.audit_events {
        out.push(format!(
            "audit head: {} events, {} taken; {} events, {} arrived",
            taken.audit_events, taken.audit_head, arrived.audit_events, arrived.audit_head
        ));
    }
    if taken.balances != arrived.balances {
        out.push(format!(
            "balances: {:?} taken; {:?} arrived",
            taken.balances, arrived.balances
        ));
    }
    for (table, n) in counts {
        let got = loaded.get(table).copied().unwrap_or_default();
        if got != *n {
            out.push(format!("{table}: {n} rows taken, {got} arrived"));
        }
    }
    out
}
