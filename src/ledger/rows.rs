//! The ledger's rows as stored: `Queryable`/`Selectable` structs to read, `Insertable`
//! forms to write. Ids, accounts, kinds, currencies and rates are typed columns
//! (`crate::db::sql_types`), so a stored value that no longer parses fails the read itself;
//! what is left here is assembling amounts from their minor units and currency.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use uuid::Uuid;

use super::account::{Account, TransactionKind};
use super::owner::Owner;
use super::party::Party;
use super::rules::{Posting, TxRecord};
use super::view::Entry;
use crate::db::schema::{ledger_postings, ledger_transactions};
use crate::db::{stored, stored_money};
use crate::domain::{Currency, ExchangeRate, LedgerTransactionId, UserId};
use crate::error::AppError;

crate::stored_as_variant_name!(Account, TransactionKind);

/// What a stored value that no longer decodes says (an internal error, with the value).
fn bad(what: &str, value: &str) -> AppError {
    AppError::internal(anyhow::anyhow!("ledger: bad {what} stored: {value:?}"))
}

/// A line's party, typed by its account; a stored id on an account that keeps no
/// sub-accounts, or none where one is kept, is corrupt data.
fn party(account: Account, text: Option<&str>) -> Result<Option<Party>, AppError> {
    let party = match text {
        None => None,
        Some(text) => Some(
            Party::on(account, stored("party id", Uuid::parse_str(text))?)
                .ok_or_else(|| bad("party on an account without one", text))?,
        ),
    };
    if party.map(Party::kind) != account.party_kind() {
        return Err(bad("missing party", account.code()));
    }
    Ok(party)
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = ledger_transactions)]
pub(super) struct TransactionRow {
    pub id: LedgerTransactionId,
    pub seq: i64,
    pub kind: TransactionKind,
    pub memo: String,
    pub owner_type: String,
    pub owner_id: String,
    pub reverses_id: Option<LedgerTransactionId>,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub value_date: NaiveDate,
}

impl TransactionRow {
    /// The row of a new entry by `created_by` (its postings are written separately).
    pub fn new(entry: &Entry, created_by: Option<UserId>) -> TransactionRow {
        let record = &entry.record;
        TransactionRow {
            id: record.id,
            seq: record.seq,
            kind: record.kind,
            memo: entry.memo.clone(),
            owner_type: record.owner.kind().code().to_string(),
            owner_id: record.owner.id().to_string(),
            reverses_id: record.reverses,
            created_by,
            created_at: entry.created_at,
            value_date: entry.value_date,
        }
    }

    /// The entry without its postings and reversal (loaded separately).
    pub fn decode(self) -> Result<Entry, AppError> {
        Ok(Entry {
            record: TxRecord {
                id: self.id,
                seq: self.seq,
                kind: self.kind,
                owner: Owner::from_columns(&self.owner_type, &self.owner_id).ok_or_else(|| {
                    bad("owner", &format!("{} {}", self.owner_type, self.owner_id))
                })?,
                reverses: self.reverses_id,
                postings: Vec::new(),
            },
            memo: self.memo,
            created_by: self.created_by,
            created_at: self.created_at,
            value_date: self.value_date,
            reversed_by: None,
        })
    }
}

/// One line of an entry, read and written alike (`id` and `line` only order and key it).
#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = ledger_postings)]
pub(super) struct PostingRow {
    id: String,
    pub transaction_id: LedgerTransactionId,
    line: i32,
    account: Account,
    party_id: Option<String>,
    amount_minor: i64,
    currency: Currency,
    usd_minor: i64,
    original_minor: Option<i64>,
    original_currency: Option<Currency>,
    rate_to_usd: Option<ExchangeRate>,
}

impl PostingRow {
    pub fn new(
        transaction_id: LedgerTransactionId,
        line: usize,
        p: &Posting,
    ) -> Result<PostingRow, AppError> {
        Ok(PostingRow {
            id: Uuid::new_v4().to_string(),
            transaction_id,
            line: i32::try_from(line).map_err(AppError::internal)?,
            account: p.account,
            party_id: p.party.map(|party| party.id().to_string()),
            amount_minor: p.amount.to_minor(),
            currency: p.amount.currency(),
            usd_minor: p.usd.to_minor(),
            original_minor: p.original.map(|(m, _)| m.to_minor()),
            original_currency: p.original.map(|(m, _)| m.currency()),
            rate_to_usd: p.original.map(|(_, r)| r),
        })
    }

    /// The posting and the id of its transaction.
    pub fn decode(self) -> Result<(LedgerTransactionId, Posting), AppError> {
        let original = match (
            self.original_minor,
            self.original_currency,
            self.rate_to_usd,
        ) {
            (Some(minor), Some(currency), Some(rate)) => {
                Some((stored_money(minor, currency)?, rate))
            }
            _ => None,
        };
        Ok((
            self.transaction_id,
            Posting {
                account: self.account,
                party: party(self.account, self.party_id.as_deref())?,
                amount: stored_money(self.amount_minor, self.currency)?,
                usd: stored_money(self.usd_minor, Currency::USD)?,
                original,
            },
        ))
    }
}
