//! Refunds: unspent money a grantee returns. One ledger entry owned by the grant: the
//! money back into the Fund's cash (and so its available balance), with its share of
//! programme support cost credited back. Never more than was paid net of earlier refunds
//! (422 `refund-exceeds-paid`). Received on open and released grants alike; on a grant
//! closing with a refund owed, each reduces what is owed.

use chrono::{DateTime, Days, NaiveDate, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::disbursements::EntryState;
use super::ledger_book::Loaded;
use super::model::GrantRow;
use super::movement::Movement;
use super::rows::RefundRow;
use crate::db::schema::grant_refunds as gr;
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::{GrantId, LedgerTransactionId, Money, RefundId};
use crate::error::AppError;
use crate::ledger::{Account, Posting, TransactionKind, ValueDate};

#[derive(Debug, Clone)]
pub struct NewRefund {
    pub grant: GrantId,
    pub amount: Money,
    pub received_on: NaiveDate,
    pub bank_reference: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RefundView {
    #[schema(value_type = uuid::Uuid)]
    pub id: RefundId,
    #[schema(value_type = uuid::Uuid)]
    pub grant_id: GrantId,
    /// Returned by the grantee.
    #[schema(value_type = crate::domain::Money)]
    pub amount: Money,
    /// Programme support cost credited back with it.
    #[schema(value_type = crate::domain::Money)]
    pub programme_support_cost: Money,
    pub received_on: NaiveDate,
    pub bank_reference: String,
    pub reason: String,
    pub state: EntryState,
    #[schema(value_type = uuid::Uuid)]
    pub ledger_transaction_id: LedgerTransactionId,
    #[schema(value_type = Option<uuid::Uuid>)]
    pub reversal_transaction_id: Option<LedgerTransactionId>,
    pub created_at: DateTime<Utc>,
}

pub fn view(row: &RefundRow) -> Result<RefundView, AppError> {
    let money = |minor| Money::from_minor(minor, row.currency).map_err(AppError::internal);
    Ok(RefundView {
        id: row.id,
        grant_id: row.grant_id,
        amount: money(row.amount_minor)?,
        programme_support_cost: money(row.psc_minor)?,
        received_on: row.received_on,
        bank_reference: row.bank_reference.clone(),
        reason: row.reason.clone(),
        state: EntryState::of(row.reversal_transaction_id),
        ledger_transaction_id: row.ledger_transaction_id,
        reversal_transaction_id: row.reversal_transaction_id,
        created_at: to_utc(row.created_at),
    })
}

/// The postings of a refund of `amount` with `psc` credited back, on grant `grant`.
pub fn postings(grant: GrantId, amount: Money, psc: Money) -> Result<Vec<Posting>, AppError> {
    let total = amount.checked_add(psc).map_err(AppError::internal)?;
    let mut lines = vec![
        Posting::usd(Account::Cash, None, total),
        Posting::usd(Account::Refunds, Some(grant.into()), -amount),
    ];
    if psc.is_positive() {
        lines.push(Posting::usd(
            Account::ProgrammeSupportCosts,
            Some(grant.into()),
            -psc,
        ));
    }
    Ok(lines)
}

fn next_seq(conn: &mut DbConnection, grant: GrantId) -> Result<i32, AppError> {
    let last: Option<i32> = gr::table
        .filter(gr::grant_id.eq(grant))
        .select(diesel::dsl::max(gr::seq))
        .get_result(conn)?;
    last.unwrap_or(0)
        .checked_add(1)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("refund seq overflows")))
}

/// Records refund `new` on its grant. 404 unknown grant; 400 a date before the first
/// payment's value date or after tomorrow; 422 `currency-mismatch`, `refund-exceeds-paid`;
/// 409 if a standing refund of this grant already carries the bank reference.
/// On a grant closing with a refund owed, the refund reduces it, and the one that brings
/// it to zero closes the grant, in this transaction (see `super::settlement`).
pub fn refund(tx: &mut Tx, new: NewRefund) -> Result<RefundView, AppError> {
    let grant = new.grant;
    let shown = super::movement::record(tx, new)?;
    super::settlement::refunds_changed(tx, grant)?;
    Ok(shown)
}

impl Movement for NewRefund {
    type Row = RefundRow;
    type View = RefundView;
    const KIND: TransactionKind = TransactionKind::Refund;
    const EVENT: &'static str = "grant.refund_received";
    const RECORD: &'static str = "refund";

    fn grant(&self) -> GrantId {
        self.grant
    }

    fn amount(&self) -> Money {
        self.amount
    }

    fn value_date(&self) -> ValueDate {
        ValueDate::of("received_on", self.received_on)
    }

    /// The bank reference not yet standing on the grant, what was paid (the book), then
    /// the date received.
    fn check(&self, tx: &mut Tx, _row: &GrantRow, loaded: &Loaded) -> Result<i64, AppError> {
        // One index lookup (grant_refunds_standing_reference, which also makes the rule
        // hold in the database itself when two instances race).
        let earlier: Option<(RefundId, NaiveDate)> = gr::table
            .filter(gr::grant_id.eq(self.grant))
            .filter(gr::bank_reference.eq(&self.bank_reference))
            .filter(gr::reversal_transaction_id.is_null())
            .select((gr::id, gr::received_on))
            .get_result(tx.conn())
            .optional()?;
        if let Some((earlier, received_on)) = earlier {
            return Err(AppError::conflict(format!(
                "bank reference {:?} is already recorded for this grant by refund {} \
                 (received on {}); reverse that refund first if it was wrong",
                self.bank_reference, earlier, received_on
            )));
        }
        let psc_minor = loaded.book.refund(self.amount.to_minor())?;
        let first_paid = loaded
            .disbursements
            .iter()
            .filter(|d| d.reversal_transaction_id.is_none())
            .map(|d| d.value_date)
            .min();
        let today = tx.now().date();
        let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
        if first_paid.is_some_and(|first| self.received_on < first) || self.received_on > tomorrow {
            return Err(AppError::bad_field(
                "received_on",
                format!("must be from the first payment's value date to {tomorrow}"),
            ));
        }
        Ok(psc_minor)
    }

    fn memo(&self, psc: Money) -> String {
        format!(
            "grant {}: refund of {} (programme support cost {psc} credited back), ref {}",
            self.grant, self.amount, self.bank_reference
        )
    }

    fn postings(grant: GrantId, amount: Money, psc: Money) -> Result<Vec<Posting>, AppError> {
        postings(grant, amount, psc)
    }

    fn insert(
        self,
        tx: &mut Tx,
        grant: &GrantRow,
        psc_minor: i64,
        entry: LedgerTransactionId,
    ) -> Result<RefundRow, AppError> {
        let created = RefundRow {
            id: RefundId::new(),
            grant_id: self.grant,
            seq: next_seq(tx.conn(), self.grant)?,
            amount_minor: self.amount.to_minor(),
            psc_minor,
            currency: grant.currency,
            received_on: self.received_on,
            bank_reference: self.bank_reference,
            reason: self.reason,
            ledger_transaction_id: entry,
            reversal_transaction_id: None,
            created_by: tx.actor().user_id,
            created_at: tx.now(),
        };
        diesel::insert_into(gr::table)
            .values(&created)
            .execute(tx.conn())?;
        Ok(created)
    }

    fn view(row: &RefundRow) -> Result<RefundView, AppError> {
        view(row)
    }
}

/// A grant's refunds, newest first.
pub fn list(conn: &mut DbConnection, grant: GrantId) -> Result<Vec<RefundView>, AppError> {
    let mut rows = super::ledger_book::refunds(conn, grant)?;
    rows.reverse();
    rows.iter().map(view).collect()
}
