//! Reading and appending the journal. Entries are only ever inserted: nothing here
//! updates or deletes a ledger row (only the running totals of `super::totals` change,
//! in the same transaction). Rows are read and written as the structs of
//! [`super::rows`], whose columns are typed (ids, accounts, kinds, currencies, rates).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::json;

use super::account::{Account, TransactionKind};
use super::owner::Owner;
use super::rows::{PostingRow, TransactionRow};
use super::rules::{self, Posting, TxRecord};
use super::view::{Entry, TransactionView};
use crate::audit::Change;
use crate::db::schema::{ledger_postings as lp, ledger_transactions as lt};
use crate::db::{per_backend, DbConnection, Tx};
use crate::domain::LedgerTransactionId;
use crate::error::AppError;
use crate::error::Rule;

fn entries_from(
    conn: &mut DbConnection,
    rows: Vec<TransactionRow>,
) -> Result<Vec<Entry>, AppError> {
    let ids: Vec<LedgerTransactionId> = rows.iter().map(|r| r.id).collect();
    let mut postings: HashMap<LedgerTransactionId, Vec<Posting>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let loaded = lp::table
            .filter(lp::transaction_id.eq_any(chunk))
            .order((lp::transaction_id.asc(), lp::line.asc()))
            .select(PostingRow::as_select())
            .load(conn)?;
        for row in loaded {
            let (id, posting) = row.decode()?;
            postings.entry(id).or_default().push(posting);
        }
    }
    let reversed = reversed_by(conn, &ids)?;
    rows.into_iter()
        .map(|row| {
            let mut entry = row.decode()?;
            let id = entry.record.id;
            entry.record.postings = postings.remove(&id).unwrap_or_default();
            entry.reversed_by = reversed.get(&id).copied();
            Ok(entry)
        })
        .collect()
}

/// Which of these entries were reversed, and by which reversal.
fn reversed_by(
    conn: &mut DbConnection,
    ids: &[LedgerTransactionId],
) -> Result<HashMap<LedgerTransactionId, LedgerTransactionId>, AppError> {
    let mut map = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(LedgerTransactionId, Option<LedgerTransactionId>)> = lt::table
            .filter(lt::reverses_id.eq_any(chunk))
            .select((lt::id, lt::reverses_id))
            .load(conn)?;
        for (id, original) in rows {
            if let Some(original) = original {
                map.insert(original, id);
            }
        }
    }
    Ok(map)
}

/// The whole journal, in posting order (for the check).
pub fn journal(conn: &mut DbConnection) -> Result<Vec<Entry>, AppError> {
    let rows = lt::table
        .order(lt::seq.asc())
        .select(TransactionRow::as_select())
        .load(conn)?;
    entries_from(conn, rows)
}

pub fn find(conn: &mut DbConnection, id: LedgerTransactionId) -> Result<Option<Entry>, AppError> {
    let rows = lt::table
        .find(id)
        .select(TransactionRow::as_select())
        .load(conn)?;
    Ok(entries_from(conn, rows)?.pop())
}

/// The journal filtered, newest first, `limit + 1` rows (for paging).
pub struct JournalFilter {
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
    pub account: Option<Account>,
    pub kind: Option<TransactionKind>,
    pub before_seq: Option<i64>,
}

pub fn list(conn: &mut DbConnection, f: JournalFilter, limit: i64) -> Result<Vec<Entry>, AppError> {
    let mut query = lt::table.into_boxed();
    if let Some(from) = f.from {
        query = query.filter(lt::created_at.ge(from));
    }
    if let Some(until) = f.until {
        query = query.filter(lt::created_at.lt(until));
    }
    if let Some(kind) = f.kind {
        query = query.filter(lt::kind.eq(kind));
    }
    if let Some(account) = f.account {
        query = query.filter(
            lt::id.eq_any(
                lp::table
                    .filter(lp::account.eq(account))
                    .select(lp::transaction_id),
            ),
        );
    }
    if let Some(seq) = f.before_seq {
        query = query.filter(lt::seq.lt(seq));
    }
    let rows = query
        .order(lt::seq.desc())
        .limit(limit + 1)
        .select(TransactionRow::as_select())
        .load(conn)?;
    entries_from(conn, rows)
}

/// The seq after the last one. `seq` is unique (indexed), so this reads one index entry;
/// writers are ordered by the write lock, so no two can take the same number.
fn next_seq(conn: &mut DbConnection) -> Result<i64, AppError> {
    let last: Option<i64> = lt::table
        .select(diesel::dsl::max(lt::seq))
        .get_result(conn)?;
    last.unwrap_or(0)
        .checked_add(1)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("ledger seq overflows")))
}

/// Validates and appends one entry (one statement for the entry, one for all its
/// postings, one upsert per running total it changes) with its audit event. The balance rules are the caller's (see `super`).
pub(super) fn insert(
    tx: &mut Tx,
    kind: TransactionKind,
    memo: &str,
    owner: Owner,
    reverses: Option<LedgerTransactionId>,
    value_date: NaiveDate,
    postings: Vec<Posting>,
) -> Result<LedgerTransactionId, AppError> {
    if let Some(why) = rules::unbalanced(&postings) {
        return Err(AppError::rule(Rule::UnbalancedTransaction, why));
    }
    let seq = next_seq(tx.conn())?;
    let id = LedgerTransactionId::new();
    let creator = tx.actor().user_id;
    let lines = postings
        .iter()
        .enumerate()
        .map(|(line, p)| PostingRow::new(id, line, p))
        .collect::<Result<Vec<_>, _>>()?;
    let entry = Entry {
        record: TxRecord {
            id,
            seq,
            kind,
            owner,
            reverses,
            postings,
        },
        memo: memo.to_string(),
        created_by: creator,
        created_at: tx.now(),
        value_date,
        reversed_by: None,
    };
    diesel::insert_into(lt::table)
        .values(TransactionRow::new(&entry, creator))
        .execute(tx.conn())?;
    // One multi-row statement, which diesel builds per backend.
    per_backend!(tx.conn(), |c| diesel::insert_into(lp::table)
        .values(&lines)
        .execute(c))?;
    super::totals::add(tx.conn(), &entry.record.postings)?;
    tx.audit(Change::created(
        "ledger_transaction",
        id.as_uuid(),
        json!(TransactionView::from(&entry)),
    ))?;
    Ok(id)
}
