//! A reversal request, sent to the feature that owns the entry.

use crate::domain::LedgerTransactionId;

use crate::db::Tx;
use crate::error::AppError;
use crate::ledger::{Owner, TransactionKind};

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
