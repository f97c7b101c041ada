//! Money received: recording a receipt with its ledger entry, reversing it (contributions
//! owns its receipts' entries), and the receipts as the integrity check sees them.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::json;

use super::model::NewReceipt;
use super::rows::ReceiptRow;
use super::summary::{figures, ContributionSummary, RecordedReceiptView};
use super::view::ReceiptView;
use crate::audit::Change;
use crate::db::schema::contribution_receipts as cr;
use crate::db::{DbConnection, Tx};
use crate::domain::{ContributionId, LedgerTransactionId, ReceiptId};
use crate::error::{AppError, Rule};
use crate::ledger::{Account, Owner, Posting, TransactionKind, ValueDate};

/// Records money received: the receipt, its ledger entry (cash up, the donor's
/// contribution account credited, in USD at the recorded rate) and its audit event.
/// 422 `currency-mismatch`, `over-pledge`, `receipt-before-pledge`, `below-one-cent`;
/// 409 if a standing receipt of this contribution already carries the bank reference.
/// Reads the contribution's sums and at most one earlier receipt, never all of them.
pub fn add_receipt(
    tx: &mut Tx,
    id: ContributionId,
    new: NewReceipt,
) -> Result<RecordedReceiptView, AppError> {
    let before = figures(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    let contribution = &before.contribution;
    let amount = new.amount.into_inner();
    if new.received_on < contribution.pledged_on {
        return Err(AppError::rule_on_field(
            Rule::ReceiptBeforePledge,
            "received_on",
            format!(
                "money received on {} cannot be for a contribution pledged on {}",
                new.received_on, contribution.pledged_on
            ),
        ));
    }
    if let Some(pledged) = contribution.pledged {
        if pledged.currency() != amount.currency() {
            return Err(AppError::rule_on_field(
                Rule::CurrencyMismatch,
                "amount.currency",
                format!(
                    "the pledge is in {}; record receipts in the pledge's currency",
                    pledged.currency()
                ),
            ));
        }
        let outstanding = before.outstanding().ok_or_else(|| {
            AppError::internal(anyhow::anyhow!("contribution {id}: receipts overflow"))
        })?;
        if amount > outstanding {
            return Err(AppError::rule_on_field(
                Rule::OverPledge,
                "amount",
                format!("{amount} is more than the {outstanding} left of the pledge"),
            ));
        }
    }
    // One index lookup (contribution_receipts_standing_reference, which also makes the
    // rule hold in the database itself).
    let earlier: Option<(ReceiptId, NaiveDate)> = cr::table
        .filter(cr::contribution_id.eq(id))
        .filter(cr::bank_reference.eq(&new.bank_reference))
        .filter(cr::reversal_transaction_id.is_null())
        .select((cr::id, cr::received_on))
        .get_result(tx.conn())
        .optional()?;
    if let Some((earlier, received_on)) = earlier {
        return Err(AppError::conflict(format!(
            "bank reference {:?} is already recorded for this contribution by receipt {} \
             (received on {}); reverse that receipt first if it was wrong",
            new.bank_reference, earlier, received_on
        )));
    }
    let usd = amount
        .usd_from_rate(&new.rate_to_usd)
        .map_err(|e| AppError::bad_field("amount", e.to_string()))?;
    if usd.is_zero() {
        return Err(AppError::rule_on_field(
            Rule::BelowOneCent,
            "amount",
            "the amount is worth less than half a US cent",
        ));
    }
    let receipt_id = ReceiptId::new();
    let memo = Some((amount, new.rate_to_usd));
    let ledger_tx = crate::ledger::post(
        tx,
        TransactionKind::Receipt,
        &format!(
            "contribution from {}: {amount} at {} USD",
            contribution.donor.name, new.rate_to_usd
        ),
        Owner::Receipt(receipt_id),
        ValueDate::of("received_on", new.received_on),
        vec![
            Posting {
                original: memo,
                ..Posting::usd(Account::Cash, None, usd)
            },
            Posting {
                original: memo.map(|(m, r)| (-m, r)),
                ..Posting::usd(Account::Contributions, Some(id.into()), -usd)
            },
        ],
    )?;
    let row = ReceiptRow {
        id: receipt_id,
        contribution_id: id,
        amount_minor: amount.to_minor(),
        currency: amount.currency(),
        rate_to_usd: new.rate_to_usd,
        usd_minor: usd.to_minor(),
        received_on: new.received_on,
        bank_reference: new.bank_reference.clone(),
        ledger_transaction_id: ledger_tx,
        reversal_transaction_id: None,
        created_at: tx.now(),
        rate_reason: new.rate_reason.clone(),
    };
    diesel::insert_into(cr::table)
        .values(&row)
        .execute(tx.conn())?;
    let receipt = ReceiptView::from(&row.decode()?);
    // The figures read back after the insert: the database's sums are their one source.
    let after = figures(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    tx.audit(Change::new(
        "contribution.receipt_recorded",
        "contribution",
        id,
        json!({ "receipt": receipt }),
    ))?;
    Ok(RecordedReceiptView {
        receipt,
        contribution: ContributionSummary::from(&after),
    })
}

/// Reverses a receipt: its ledger entry is undone (the ledger refuses it if the Fund
/// could not afford it) and the receipt records the reversal, so it no longer counts
/// against the pledge. Returns the reversal's ledger id.
pub fn reverse_receipt(
    tx: &mut Tx,
    receipt_id: ReceiptId,
    reason: &str,
) -> Result<LedgerTransactionId, AppError> {
    let receipt = cr::table
        .find(receipt_id)
        .select(ReceiptRow::as_select())
        .get_result(tx.conn())
        .optional()?
        .ok_or(AppError::NotFound)?;
    let contribution = receipt.contribution_id;
    let receipt = receipt.decode()?;
    if receipt.reversed() {
        return Err(AppError::conflict("this entry has already been reversed"));
    }
    let reversal = crate::ledger::reverse(
        tx,
        Owner::Receipt(receipt_id),
        receipt.ledger_transaction_id,
        reason,
    )?;
    diesel::update(cr::table.find(receipt_id))
        .set(cr::reversal_transaction_id.eq(reversal))
        .execute(tx.conn())?;
    tx.audit(Change::new(
        "contribution.receipt_reversed",
        "contribution",
        contribution,
        json!({ "receipt_id": receipt_id, "reversal": reversal, "reason": reason }),
    ))?;
    Ok(reversal)
}

/// A receipt as the integrity check sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    pub receipt: ReceiptId,
    pub contribution: ContributionId,
    /// Its ledger entry.
    pub transaction: LedgerTransactionId,
    pub usd_minor: i64,
    /// The reversal it records, if reversed.
    pub reversal: Option<LedgerTransactionId>,
}

/// Every receipt, for the integrity check.
pub fn receipt_records(conn: &mut DbConnection) -> Result<Vec<ReceiptRecord>, AppError> {
    cr::table
        .select(ReceiptRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|row| {
            let contribution = row.contribution_id;
            let r = row.decode()?;
            Ok(ReceiptRecord {
                receipt: r.id,
                contribution,
                transaction: r.ledger_transaction_id,
                usd_minor: r.usd.to_minor(),
                reversal: r.reversal_transaction_id,
            })
        })
        .collect()
}
