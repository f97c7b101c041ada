//! The money-out rows as stored: agreements, tranches, disbursements and refunds, read
//! into `Queryable` structs and written from the same structs (`Insertable`).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{grant_agreements, grant_disbursements, grant_refunds, grant_tranches};
use crate::domain::{Currency, DisbursementId, GrantId, LedgerTransactionId, RefundId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grant_agreements)]
pub struct AgreementRow {
    pub grant_id: GrantId,
    pub signed_on: NaiveDate,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub signed_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grant_tranches)]
pub struct TrancheRow {
    pub grant_id: GrantId,
    pub number: i32,
    pub amount_minor: i64,
    pub psc_minor: i64,
    pub due_on: NaiveDate,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grant_disbursements)]
pub struct DisbursementRow {
    pub id: DisbursementId,
    pub grant_id: GrantId,
    pub seq: i32,
    pub tranche: i32,
    pub amount_minor: i64,
    pub psc_minor: i64,
    pub currency: Currency,
    pub value_date: NaiveDate,
    pub payment_reference: String,
    pub ledger_transaction_id: LedgerTransactionId,
    pub reversal_transaction_id: Option<LedgerTransactionId>,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grant_refunds)]
pub struct RefundRow {
    pub id: RefundId,
    pub grant_id: GrantId,
    pub seq: i32,
    pub amount_minor: i64,
    pub psc_minor: i64,
    pub currency: Currency,
    pub received_on: NaiveDate,
    pub bank_reference: String,
    pub reason: String,
    pub ledger_transaction_id: LedgerTransactionId,
    pub reversal_transaction_id: Option<LedgerTransactionId>,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}
