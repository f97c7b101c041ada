//! Reversing a grant's ledger entry, asked through `crate::ledger_owners`: a disbursement
//! or a refund is undone by the ledger and marked reversed here, in the same transaction.
//! A reversed disbursement reopens its tranche. Refused with a named rule what would
//! break an invariant: the commitment and a closure's release are never reversed
//! (`grant-commitment-not-reversible`); nothing paid on a closed or cancelled grant is
//! reversed (`grant-closed`); a refund reversed on a released grant owes its money again
//! (the grant goes back to `closing` until it is refunded or written off); disbursements (per tranche) and refunds go latest first
//! (`reversal-out-of-order`); a disbursement stays while refunds need it
//! (`refunds-depend-on-disbursement`).

use diesel::prelude::*;
use serde_json::json;

use super::model;
use crate::audit::Change;
use crate::db::schema::{grant_disbursements as gd, grant_refunds as gr};
use crate::db::Tx;
use crate::domain::{GrantId, LedgerTransactionId};
use crate::error::{AppError, Rule};
use crate::ledger::{Owner, TransactionKind};

/// Reverses entry `entry` (of `kind`) of grant `grant`; returns the reversal's id.
pub fn reverse_entry(
    tx: &mut Tx,
    grant: GrantId,
    entry: LedgerTransactionId,
    kind: TransactionKind,
    reason: &str,
) -> Result<LedgerTransactionId, AppError> {
    let id = grant;
    let row = model::row(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    let loaded = super::ledger_book::load(tx.conn(), &row)?;
    let entry_id = entry;
    match kind {
        TransactionKind::Disbursement => {
            let found = loaded
                .disbursements
                .iter()
                .find(|d| d.ledger_transaction_id == entry_id)
                .ok_or(AppError::NotFound)?;
            let line = loaded.book.may_reverse_disbursement(found.id.as_uuid())?;
            let tranche = line.tranche;
            let reversal = crate::ledger::reverse(tx, Owner::Grant(grant), entry, reason)?;
            diesel::update(gd::table.find(found.id))
                .set(gd::reversal_transaction_id.eq(Some(reversal)))
                .execute(tx.conn())?;
            tx.audit(Change::new(
                "grant.disbursement_reversed",
                "grant",
                grant,
                json!({
                    "disbursement_id": found.id, "tranche": tranche,
                    "reversal": reversal, "reason": reason,
                }),
            ))?;
            Ok(reversal)
        }
        TransactionKind::Refund => {
            let found = loaded
                .refunds
                .iter()
                .find(|r| r.ledger_transaction_id == entry_id)
                .ok_or(AppError::NotFound)?;
            loaded.book.may_reverse_refund(found.id.as_uuid())?;
            let reversal = crate::ledger::reverse(tx, Owner::Grant(grant), entry, reason)?;
            diesel::update(gr::table.find(found.id))
                .set(gr::reversal_transaction_id.eq(Some(reversal)))
                .execute(tx.conn())?;
            tx.audit(Change::new(
                "grant.refund_reversed",
                "grant",
                grant,
                json!({ "refund_id": found.id, "reversal": reversal, "reason": reason }),
            ))?;
            super::settlement::refunds_changed(tx, grant)?;
            Ok(reversal)
        }
        _ => Err(AppError::rule(
            Rule::GrantCommitmentNotReversible,
            format!(
                "this entry belongs to grant {grant}: its commitment is released only by the \
                 grant's own lifecycle (payments, closure), never by reversing the entry"
            ),
        )),
    }
}
