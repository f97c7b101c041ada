//! Reading and appending the journal. Entries are only ever inserted: nothing here
//! updates or deletes a ledger row.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use uuid::Uuid;

use super::account::{Account, TransactionKind};
use super::rules::{self, Posting, TxRecord};
use super::view::{Entry, TransactionView};
use crate::audit::Change;
use crate::db::schema::{ledger_postings as lp, ledger_transactions as lt};
use crate::db::{DbConnection, Tx};
use crate::domain::{Currency, ExchangeRate, Money};
use crate::error::AppError;
use crate::error::Rule;

type TxRow = (
    String,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    NaiveDateTime,
);

type PostingRow = (
    String,
    String,
    Option<String>,
    i64,
    String,
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
);

fn bad(what: &str, value: &str) -> AppError {
    AppError::internal(anyhow::anyhow!("ledger: bad {what} stored: {value:?}"))
}

fn uuid(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text).map_err(|_| bad("id", text))
}

fn money(minor: i64, code: &str) -> Result<Money, AppError> {
    let currency = Currency::parse(code).map_err(|_| bad("currency", code))?;
    Money::from_minor(minor, currency).map_err(|_| bad("amount", &minor.to_string()))
}

fn posting_from(row: PostingRow) -> Result<(Uuid, Posting), AppError> {
    let (tx_id, account, party, amount, currency, usd, orig, orig_cur, rate) = row;
    let original = match (orig, orig_cur, rate) {
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
        uuid(&tx_id)?,
        Posting {
            account: Account::parse(&account).ok_or_else(|| bad("account", &account))?,
            party: party.as_deref().map(uuid).transpose()?,
            amount: money(amount, &currency)?,
            usd: money(usd, "USD")?,
            original,
        },
    ))
}

const POSTING_COLUMNS: (
    lp::transaction_id,
    lp::account,
    lp::party_id,
    lp::amount_minor,
    lp::currency,
    lp::usd_minor,
    lp::original_minor,
    lp::original_currency,
    lp::rate_to_usd,
) = (
    lp::transaction_id,
    lp::account,
    lp::party_id,
    lp::amount_minor,
    lp::currency,
    lp::usd_minor,
    lp::original_minor,
    lp::original_currency,
    lp::rate_to_usd,
);

/// Every posting, in posting order.
pub fn all_postings(conn: &mut DbConnection) -> Result<Vec<Posting>, AppError> {
    lp::table
        .inner_join(lt::table.on(lt::id.eq(lp::transaction_id)))
        .order((lt::seq.asc(), lp::line.asc()))
        .select(POSTING_COLUMNS)
        .load::<PostingRow>(conn)?
        .into_iter()
        .map(|row| posting_from(row).map(|(_, p)| p))
        .collect()
}

fn entries_from(conn: &mut DbConnection, rows: Vec<TxRow>) -> Result<Vec<Entry>, AppError> {
    let ids: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let mut postings: HashMap<Uuid, Vec<Posting>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let loaded = lp::table
            .filter(lp::transaction_id.eq_any(chunk))
            .order((lp::transaction_id.asc(), lp::line.asc()))
            .select(POSTING_COLUMNS)
            .load::<PostingRow>(conn)?;
        for row in loaded {
            let (id, posting) = posting_from(row)?;
            postings.entry(id).or_default().push(posting);
        }
    }
    let reversed = reversed_by(conn, &ids)?;
    rows.into_iter()
        .map(
            |(id, seq, kind, memo, rtype, rid, reverses, created_by, created_at)| {
                let id = uuid(&id)?;
                Ok(Entry {
                    record: TxRecord {
                        id,
                        seq,
                        kind: TransactionKind::parse(&kind).ok_or_else(|| bad("kind", &kind))?,
                        reverses: reverses.as_deref().map(uuid).transpose()?,
                        postings: postings.remove(&id).unwrap_or_default(),
                    },
                    memo,
                    reference: rtype.zip(rid),
                    created_by,
                    created_at,
                    reversed_by: reversed.get(&id).copied(),
                })
            },
        )
        .collect()
}

/// Which of these entries were reversed, and by which reversal.
fn reversed_by(conn: &mut DbConnection, ids: &[String]) -> Result<HashMap<Uuid, Uuid>, AppError> {
    let mut map = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(String, Option<String>)> = lt::table
            .filter(lt::reverses_id.eq_any(chunk))
            .select((lt::id, lt::reverses_id))
            .load(conn)?;
        for (id, original) in rows {
            if let Some(original) = original {
                map.insert(uuid(&original)?, uuid(&id)?);
            }
        }
    }
    Ok(map)
}

/// The ids among `ids` whose entry has been reversed.
pub fn reversed_among(conn: &mut DbConnection, ids: &[Uuid]) -> Result<HashSet<Uuid>, AppError> {
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    Ok(reversed_by(conn, &ids)?.into_keys().collect())
}

/// The whole journal, in posting order (for the check).
pub fn journal(conn: &mut DbConnection) -> Result<Vec<Entry>, AppError> {
    let rows = lt::table.order(lt::seq.asc()).load::<TxRow>(conn)?;
    entries_from(conn, rows)
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Option<Entry>, AppError> {
    let rows = lt::table.find(id.to_string()).load::<TxRow>(conn)?;
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
        query = query.filter(lt::kind.eq(kind.code()));
    }
    if let Some(account) = f.account {
        query = query.filter(
            lt::id.eq_any(
                lp::table
                    .filter(lp::account.eq(account.code()))
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
        .load::<TxRow>(conn)?;
    entries_from(conn, rows)
}

/// The Fund's cash now, in cents.
pub fn cash(conn: &mut DbConnection) -> Result<i64, AppError> {
    let amounts: Vec<i64> = lp::table
        .filter(lp::account.eq(Account::Cash.code()))
        .select(lp::usd_minor)
        .load(conn)?;
    amounts
        .into_iter()
        .try_fold(0i64, i64::checked_add)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("cash overflows")))
}

/// Validates and appends one entry with its audit event; refuses (422
/// `insufficient-funds`) anything that would take cash below zero.
pub(super) fn insert(
    tx: &mut Tx,
    kind: TransactionKind,
    memo: &str,
    reference: Option<(&str, Uuid)>,
    reverses: Option<Uuid>,
    postings: Vec<Posting>,
) -> Result<Uuid, AppError> {
    if let Some(why) = rules::unbalanced(&postings) {
        return Err(AppError::rule(Rule::UnbalancedTransaction, why));
    }
    if cash(tx.conn())? + rules::cash_delta(&postings) < 0 {
        return Err(AppError::rule(
            Rule::InsufficientFunds,
            "the Fund's cash would go below zero",
        ));
    }
    let seq = lt::table
        .select(diesel::dsl::max(lt::seq))
        .first::<Option<i64>>(tx.conn())?
        .unwrap_or(0)
        + 1;
    let id = Uuid::new_v4();
    let created_by = tx.actor().user_id.map(|u| u.to_string());
    let now = tx.now();
    diesel::insert_into(lt::table)
        .values((
            lt::id.eq(id.to_string()),
            lt::seq.eq(seq),
            lt::kind.eq(kind.code()),
            lt::memo.eq(memo),
            lt::reference_type.eq(reference.map(|(t, _)| t.to_string())),
            lt::reference_id.eq(reference.map(|(_, r)| r.to_string())),
            lt::reverses_id.eq(reverses.map(|r| r.to_string())),
            lt::created_by.eq(&created_by),
            lt::created_at.eq(now),
        ))
        .execute(tx.conn())?;
    for (line, p) in postings.iter().enumerate() {
        diesel::insert_into(lp::table)
            .values((
                lp::id.eq(Uuid::new_v4().to_string()),
                lp::transaction_id.eq(id.to_string()),
                lp::line.eq(i32::try_from(line).map_err(AppError::internal)?),
                lp::account.eq(p.account.code()),
                lp::party_id.eq(p.party.map(|u| u.to_string())),
                lp::amount_minor.eq(p.amount.to_minor()),
                lp::currency.eq(p.amount.currency().code()),
                lp::usd_minor.eq(p.usd.to_minor()),
                lp::original_minor.eq(p.original.map(|(m, _)| m.to_minor())),
                lp::original_currency.eq(p.original.map(|(m, _)| m.currency().code())),
                lp::rate_to_usd.eq(p.original.map(|(_, r)| r.value().normalize().to_string())),
            ))
            .execute(tx.conn())?;
    }
    let entry = Entry {
        record: TxRecord {
            id,
            seq,
            kind,
            reverses,
            postings,
        },
        memo: memo.to_string(),
        reference: reference.map(|(t, r)| (t.to_string(), r.to_string())),
        created_by,
        created_at: now,
        reversed_by: None,
    };
    tx.audit(Change::created(
        "ledger_transaction",
        id,
        json!(TransactionView::from(&entry)),
    ))?;
    Ok(id)
}
