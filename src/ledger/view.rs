//! The ledger as clients and the audit trail see it.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::account::{Account, TransactionKind};
use super::owner::OwnerView;
use super::party::Party;
use super::rules::{Posting, TxRecord};
use crate::domain::{ExchangeRate, LedgerTransactionId, Money, UserId};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PostingView {
    pub account: Account,
    /// The contribution or grant this line is about.
    pub party_id: Option<Uuid>,
    /// Debit positive, credit negative.
    pub amount: Money,
    pub usd: Money,
    /// For a converted amount: what arrived, in its own currency.
    pub original: Option<Money>,
    pub rate_to_usd: Option<ExchangeRate>,
}

impl From<&Posting> for PostingView {
    fn from(p: &Posting) -> PostingView {
        PostingView {
            account: p.account,
            party_id: p.party.map(Party::id),
            amount: p.amount,
            usd: p.usd,
            original: p.original.map(|(m, _)| m),
            rate_to_usd: p.original.map(|(_, r)| r),
        }
    }
}

/// One journal entry with its postings.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TransactionView {
    #[schema(value_type = uuid::Uuid)]
    pub id: LedgerTransactionId,
    /// Posting order, across the whole ledger.
    pub seq: i64,
    pub kind: TransactionKind,
    /// What it is for; for a reversal, the reason given.
    pub memo: String,
    /// The business object the entry belongs to; only its feature may reverse it.
    pub owner: OwnerView,
    /// For a reversal: the entry it undoes.
    #[schema(value_type = Option<uuid::Uuid>)]
    pub reverses: Option<LedgerTransactionId>,
    /// The reversal that undid this entry, if any.
    #[schema(value_type = Option<uuid::Uuid>)]
    pub reversed_by: Option<LedgerTransactionId>,
    /// The user who recorded it; none when the service did (start-up, the demo data).
    #[schema(value_type = Option<uuid::Uuid>)]
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    /// The day it is dated in the books: a receipt's or refund's `received_on`, a
    /// payment's `value_date`, otherwise (commitments, releases, award changes,
    /// reversals) the day it was booked. Periods, balances and exports follow it.
    pub value_date: NaiveDate,
    pub postings: Vec<PostingView>,
}

/// A stored entry with what the view needs beyond the check's record.
#[derive(Debug, Clone)]
pub struct Entry {
    pub record: TxRecord,
    pub memo: String,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub value_date: NaiveDate,
    pub reversed_by: Option<LedgerTransactionId>,
}

impl From<&Entry> for TransactionView {
    fn from(e: &Entry) -> TransactionView {
        TransactionView {
            id: e.record.id,
            seq: e.record.seq,
            kind: e.record.kind,
            memo: e.memo.clone(),
            owner: OwnerView::from(e.record.owner),
            reverses: e.record.reverses,
            reversed_by: e.reversed_by,
            created_by: e.created_by,
            created_at: crate::db::to_utc(e.created_at),
            value_date: e.value_date,
            postings: e.record.postings.iter().map(PostingView::from).collect(),
        }
    }
}
