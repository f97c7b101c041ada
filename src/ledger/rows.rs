//! The ledger's rows as stored: `Queryable`/`Selectable` structs to read, `Insertable`
//! forms to write, and the one place their stored codes are decoded into domain types.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use uuid::Uuid;

use super::account::{Account, TransactionKind};
use super::owner::Owner;
use super::rules::{Posting, TxRecord};
use super::view::Entry;
use crate::db::schema::{ledger_postings, ledger_transactions};
use crate::domain::{Currency, ExchangeRate, Money};
use crate::error::AppError;

pub(super) fn bad(what: &str, value: &str) -> AppError {
    AppError::internal(anyhow::anyhow!("ledger: bad {what} stored: {value:?}"))
}

pub(super) fn uuid(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text).map_err(|_| bad("id", text))
}

fn money(minor: i64, code: &str) -> Result<Money, AppError> {
    let currency = Currency::parse(code).map_err(|_| bad("currency", code))?;
    Money::from_minor(minor, currency).map_err(|_| bad("amount", &minor.to_string()))
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = ledger_transactions)]
pub(super) struct TransactionRow {
    pub id: String,
    seq: i64,
    kind: String,
    memo: String,
    owner_type: String,
    owner_id: String,
    reverses_id: Option<String>,
    created_by: Option<String>,
    created_at: NaiveDateTime,
}

impl TransactionRow {
    /// The entry without its postings and reversal (loaded separately).
    pub fn decode(self) -> Result<Entry, AppError> {
        Ok(Entry {
            record: TxRecord {
                id: uuid(&self.id)?,
                seq: self.seq,
                kind: TransactionKind::parse(&self.kind).ok_or_else(|| bad("kind", &self.kind))?,
                owner: Owner::from_columns(&self.owner_type, &self.owner_id).ok_or_else(|| {
                    bad("owner", &format!("{} {}", self.owner_type, self.owner_id))
                })?,
                reverses: self.reverses_id.as_deref().map(uuid).transpose()?,
                postings: Vec::new(),
            },
            memo: self.memo,
            created_by: self.created_by,
            created_at: self.created_at,
            reversed_by: None,
        })
    }
}

#[derive(Insertable)]
#[diesel(table_name = ledger_transactions)]
pub(super) struct NewTransactionRow<'a> {
    pub id: &'a str,
    pub seq: i64,
    pub kind: &'a str,
    pub memo: &'a str,
    pub owner_type: &'a str,
    pub owner_id: &'a str,
    pub reverses_id: Option<&'a str>,
    pub created_by: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = ledger_postings)]
pub(super) struct PostingRow {
    transaction_id: String,
    account: String,
    party_id: Option<String>,
    amount_minor: i64,
    currency: String,
    usd_minor: i64,
    original_minor: Option<i64>,
    original_currency: Option<String>,
    rate_to_usd: Option<String>,
}

impl PostingRow {
    /// The posting and the id of its transaction.
    pub fn decode(self) -> Result<(Uuid, Posting), AppError> {
        let original = match (
            self.original_minor,
            self.original_currency,
            self.rate_to_usd,
        ) {
            (Some(m), Some(c), Some(r)) => {
                let rate = r
                    .parse()
                    .ok()
                    .and_then(|d| ExchangeRate::from_decimal(d).ok())
                    .ok_or_else(|| bad("rate", &r))?;
                Some((money(m, &c)?, rate))
            }
            _ => None,
        };
        Ok((
            uuid(&self.transaction_id)?,
            Posting {
                account: Account::parse(&self.account)
                    .ok_or_else(|| bad("account", &self.account))?,
                party: self.party_id.as_deref().map(uuid).transpose()?,
                amount: money(self.amount_minor, &self.currency)?,
                usd: money(self.usd_minor, "USD")?,
                original,
            },
        ))
    }
}

#[derive(Insertable)]
#[diesel(table_name = ledger_postings)]
pub(super) struct NewPostingRow {
    id: String,
    transaction_id: String,
    line: i32,
    account: &'static str,
    party_id: Option<String>,
    amount_minor: i64,
    currency: &'static str,
    usd_minor: i64,
    original_minor: Option<i64>,
    original_currency: Option<&'static str>,
    rate_to_usd: Option<String>,
}

impl NewPostingRow {
    pub fn new(transaction_id: &str, line: usize, p: &Posting) -> Result<NewPostingRow, AppError> {
        Ok(NewPostingRow {
            id: Uuid::new_v4().to_string(),
            transaction_id: transaction_id.to_string(),
            line: i32::try_from(line).map_err(AppError::internal)?,
            account: p.account.code(),
            party_id: p.party.map(|u| u.to_string()),
            amount_minor: p.amount.to_minor(),
            currency: p.amount.currency().code(),
            usd_minor: p.usd.to_minor(),
            original_minor: p.original.map(|(m, _)| m.to_minor()),
            original_currency: p.original.map(|(m, _)| m.currency().code()),
            rate_to_usd: p.original.map(|(_, r)| r.value().normalize().to_string()),
        })
    }
}
