//! A reversal request, sent to the feature that owns the entry.

use crate::domain::LedgerTransactionId;

use crate::db::Tx;
use crate::error::AppError;
use crate::ledger::{Owner, TransactionKind, TransactionView};

/// Reverses entry `id` through its owner; returns the reversal's id. 404 if unknown; 409
/// for a reversal or an entry already reversed; for a grant's entries, the grant's rules
/// (`crate::grants::reverse_entry`: a disbursement or refund may be reversed, the
/// commitment and its release never, 422 `grant-commitment-not-reversible`); 422
/// `insufficient-funds` when the Fund could not afford it.
pub fn reverse(
    tx: &mut Tx,
    id: LedgerTransactionId,
    reason: &str,
) -> Result<LedgerTransactionId, AppError> {
    let (owner, kind) = crate::ledger::owner_of(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    if kind == TransactionKind::Reversal {
        return Err(AppError::conflict("a reversal cannot itself be reversed"));
    }
    match owner {
        Owner::Receipt(receipt) => crate::contributions::reverse_receipt(tx, receipt, reason),
        Owner::Grant(grant) => crate::grants::reverse_entry(tx, grant, id, kind, reason),
    }
}

/// A reversal asked for: the entry, and why it was wrong.
#[derive(Debug, Clone)]
pub struct Reversal {
    pub entry: LedgerTransactionId,
    pub reason: String,
}

/// Undoes a wrong entry through its owner (see [`reverse`]); answers the reversal as
/// the same transaction recorded it.
pub fn reverse_entry(tx: &mut Tx, reversal: Reversal) -> Result<TransactionView, AppError> {
    let id = reverse(tx, reversal.entry, &reversal.reason)?;
    crate::ledger::find(tx.conn(), id)?.ok_or(AppError::NotFound)
}
