//! Reading an export's rows from the ledger: the header (the last entry it covers and the
//! opening balance) in one snapshot, then the entries in pages by windows of the ledger's
//! `seq`, each page its own snapshot. The header fixes the upper bound of `seq`, and the
//! journal is append-only, so every page, the opening balance and the totals describe the
//! same ledger however long the export takes and whatever is booked meanwhile.
//!
//! An entry's date is its **value date**: the day a disbursement was paid, a refund or a
//! contribution received; for every other entry (commitments, releases, exchange
//! differences, reversals) the day it was booked (UTC). A reversal is dated the day it
//! was booked, so an exported period never changes because of a later correction.
//!
//! An entry's figures come from its own postings, so they add up to the ledger to the cent:
//! `cash` is its movement of the Fund's cash (money in positive, out negative); `amount`
//! and `programme_support_cost` are what it records in its own terms (a payment, a refund,
//! an award), negated for a reversal. The export's balance is the Fund's cash as moved by
//! the entries the export selects: with `kind=all` and no other filter, the Fund's cash.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::filter::{ExportFilter, ExportKind};
use crate::db::{read_snapshot, DbConnection};
use crate::domain::{CountryCode, Currency, Money, RegionalGroup};
use crate::error::AppError;
use crate::ledger::{Account, TransactionKind};

/// The journal's entries a page covers (each page one snapshot and one round trip for its
/// postings).
pub const PAGE: i64 = 1000;

/// What an export knows before its first row: the last entry it covers and the opening
/// balance, from one snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The last `seq` of the ledger when the export started (0 for an empty ledger).
    pub max_seq: i64,
    /// The Fund's cash moved by the selected entries dated before `from`, in USD cents.
    pub opening_cents: i64,
    /// How many rows the export holds, when asked for (the command line's progress bar).
    pub rows: Option<u64>,
}

/// One row: one ledger entry.
#[derive(Debug, Clone)]
pub struct ExportRow {
    pub seq: i64,
    pub value_date: NaiveDate,
    pub transaction_id: Uuid,
    pub kind: TransactionKind,
    pub grant: Option<Uuid>,
    pub organization: Option<Uuid>,
    pub country: Option<CountryCode>,
    pub regional_group: Option<RegionalGroup>,
    pub tranche: Option<i32>,
    /// In `currency` (a contribution's own currency; USD for everything else).
    pub amount: Money,
    /// `amount` in USD (the rate of the day it was received, for a contribution).
    pub usd_amount: Money,
    pub programme_support_cost: Money,
    /// The Fund's cash moved by this entry, in USD.
    pub cash: Money,
    pub reference: Option<String>,
    pub reverses: Option<Uuid>,
}

/// The regional-group code as the API writes it (`asia_pacific`).
pub fn group_code(group: RegionalGroup) -> &'static str {
    match group {
        RegionalGroup::African => "african",
        RegionalGroup::AsiaPacific => "asia_pacific",
        RegionalGroup::EasternEuropean => "eastern_european",
        RegionalGroup::LatinAmericanCaribbean => "latin_american_caribbean",
        RegionalGroup::WesternEuropeanOther => "western_european_other",
    }
}

fn date_sql(date: NaiveDate) -> String {
    format!("'{}'", date.format("%Y-%m-%d"))
}

/// The day an entry was booked, as a date on each backend.
fn booked_on(conn: &DbConnection) -> &'static str {
    match conn {
        DbConnection::Postgresql(_) => "CAST(t.created_at AS DATE)",
        DbConnection::Sqlite(_) => "date(t.created_at)",
    }
}

/// The value date of `t` (see the module's documentation).
fn value_date_sql(conn: &DbConnection) -> String {
    format!(
        "COALESCE(d.value_date, r.received_on, c.received_on, {})",
        booked_on(conn)
    )
}

/// `FROM … WHERE …` of the entries `filter` selects, whatever their date. Every value put
/// in the SQL text is a parsed value printed back (uuid, date, country code), never text a
/// client sent, and a literal works alike on both backends.
fn selection(filter: &ExportFilter) -> String {
    let mut sql = String::from(
        "FROM ledger_transactions t \
         LEFT JOIN grant_disbursements d ON d.ledger_transaction_id = t.id \
         LEFT JOIN grant_disbursements dr ON dr.reversal_transaction_id = t.id \
         LEFT JOIN grant_refunds r ON r.ledger_transaction_id = t.id \
         LEFT JOIN grant_refunds rr ON rr.reversal_transaction_id = t.id \
         LEFT JOIN contribution_receipts c ON c.ledger_transaction_id = t.id \
         LEFT JOIN contribution_receipts cr ON cr.reversal_transaction_id = t.id \
         LEFT JOIN ledger_transactions ot ON ot.id = t.reverses_id \
         LEFT JOIN grants g ON t.owner_type = 'grant' AND g.id = t.owner_id \
         LEFT JOIN organizations o ON o.id = g.organization_id \
         WHERE 1 = 1",
    );
    if filter.kind == ExportKind::Disbursements {
        sql.push_str(" AND (t.kind = 'disbursement' OR dr.id IS NOT NULL)");
    }
    if let Some(grant) = filter.grant {
        sql.push_str(&format!(" AND g.id = '{}'", grant.hyphenated()));
    }
    if let Some(organization) = filter.organization {
        sql.push_str(&format!(
            " AND g.organization_id = '{}'",
            organization.hyphenated()
        ));
    }
    if let Some(country) = filter.country {
        sql.push_str(&format!(" AND o.country = '{}'", country.code()));
    }
    if let Some(group) = filter.regional_group {
        let codes: Vec<String> = CountryCode::all()
            .filter(|c| c.regional_group() == group)
            .map(|c| format!("'{}'", c.code()))
            .collect();
        if codes.is_empty() {
            sql.push_str(" AND 1 = 0");
        } else {
            sql.push_str(&format!(" AND o.country IN ({})", codes.join(", ")));
        }
    }
    sql
}

/// A SQL sum read back as text (PostgreSQL sums BIGINT as NUMERIC), checked into `i64`.
fn sum_text(text: Option<String>) -> Result<i64, AppError> {
    text.map_or(Ok(0), |t| {
        let t = t.trim();
        t.parse::<i64>()
            .ok()
            .or_else(|| {
                t.parse::<Decimal>()
                    .ok()
                    .filter(|d| d.fract().is_zero())
                    .and_then(|d| d.to_i64())
            })
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("export: bad sum {t:?}")))
    })
}

#[derive(QueryableByName)]
struct MaxSeq {
    #[diesel(sql_type = Nullable<BigInt>)]
    seq: Option<i64>,
}

#[derive(QueryableByName)]
struct Sum {
    #[diesel(sql_type = Nullable<Text>)]
    total: Option<String>,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The opening balance's query: the cash moved by the selected entries up to `max_seq`
/// dated before the period. Public for the plan test (tests/api/exports_plans.rs).
pub fn opening_sql(conn: &DbConnection, filter: &ExportFilter, max_seq: i64) -> String {
    let vd = value_date_sql(conn);
    format!(
        "SELECT CAST(SUM(p.usd_minor) AS TEXT) AS total FROM ledger_postings p \
             WHERE p.account = 'cash' AND p.transaction_id IN \
             (SELECT t.id {} AND t.seq <= {max_seq} AND {vd} < {})",
        selection(filter),
        date_sql(filter.from)
    )
}

/// A page's query (see [`page`]). Public for the plan test (tests/api/exports_plans.rs).
pub fn page_sql(
    conn: &DbConnection,
    filter: &ExportFilter,
    after_seq: i64,
    upto_seq: i64,
) -> String {
    let vd = value_date_sql(conn);
    format!(
        "SELECT t.seq AS seq, t.id AS id, t.kind AS kind, ot.kind AS base_kind, \
                CAST({vd} AS TEXT) AS value_date, \
                g.id AS grant_id, g.organization_id AS organization_id, \
                o.country AS country, g.psc_minor AS grant_psc, \
                COALESCE(d.tranche, dr.tranche) AS tranche, \
                COALESCE(d.payment_reference, dr.payment_reference, r.bank_reference, \
                         rr.bank_reference, c.bank_reference, cr.bank_reference) AS reference, \
                t.reverses_id AS reverses_id \
         {} AND t.seq > {after_seq} AND t.seq <= {upto_seq} \
           AND {vd} >= {} AND {vd} <= {} \
         ORDER BY t.seq",
        selection(filter),
        date_sql(filter.from),
        date_sql(filter.to)
    )
}

/// The header; run it in one snapshot (`Db::read` or [`read_snapshot`]).
pub fn header(
    conn: &mut DbConnection,
    filter: &ExportFilter,
    count_rows: bool,
) -> Result<Header, AppError> {
    let max_seq = diesel::sql_query("SELECT MAX(seq) AS seq FROM ledger_transactions")
        .get_result::<MaxSeq>(conn)?
        .seq
        .unwrap_or(0);
    let vd = value_date_sql(conn);
    let opening: Sum = diesel::sql_query(opening_sql(conn, filter, max_seq)).get_result(conn)?;
    let rows = if count_rows {
        let count: Count = diesel::sql_query(format!(
            "SELECT COUNT(*) AS n {} AND t.seq <= {max_seq} AND {vd} >= {} AND {vd} <= {}",
            selection(filter),
            date_sql(filter.from),
            date_sql(filter.to)
        ))
        .get_result(conn)?;
        Some(u64::try_from(count.n).map_err(AppError::internal)?)
    } else {
        None
    };
    Ok(Header {
        max_seq,
        opening_cents: sum_text(opening.total)?,
        rows,
    })
}

#[derive(QueryableByName)]
struct RawRow {
    #[diesel(sql_type = BigInt)]
    seq: i64,
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Nullable<Text>)]
    base_kind: Option<String>,
    #[diesel(sql_type = Text)]
    value_date: String,
    #[diesel(sql_type = Nullable<Text>)]
    grant_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    organization_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    country: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    grant_psc: Option<i64>,
    #[diesel(sql_type = Nullable<Integer>)]
    tranche: Option<i32>,
    #[diesel(sql_type = Nullable<Text>)]
    reference: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    reverses_id: Option<String>,
}

#[derive(QueryableByName)]
struct RawPosting {
    #[diesel(sql_type = Text)]
    transaction_id: String,
    #[diesel(sql_type = Text)]
    account: String,
    #[diesel(sql_type = BigInt)]
    usd_minor: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    original_minor: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    original_currency: Option<String>,
}

fn bad(what: &str, value: &str) -> AppError {
    AppError::internal(anyhow::anyhow!("export: bad {what} stored: {value:?}"))
}

fn uuid(what: &str, text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text).map_err(|_| bad(what, text))
}

/// One page: the selected entries with `after_seq < seq <= upto_seq` (a window of at most
/// [`PAGE`] entries of the journal, so each page reads a bounded range of the `seq` index
/// whatever the filters select), in posting order, in one snapshot.
pub fn page(
    conn: &mut DbConnection,
    filter: &ExportFilter,
    after_seq: i64,
    upto_seq: i64,
) -> Result<Vec<ExportRow>, AppError> {
    read_snapshot(conn, |conn| {
        let rows: Vec<RawRow> =
            diesel::sql_query(page_sql(conn, filter, after_seq, upto_seq)).load(conn)?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = rows.iter().map(|r| format!("'{}'", r.id)).collect();
        for r in &rows {
            // Ids go back into the SQL text: only what parses as a uuid.
            uuid("transaction id", &r.id)?;
        }
        let postings: Vec<RawPosting> = diesel::sql_query(format!(
            "SELECT transaction_id, account, usd_minor, original_minor, original_currency \
             FROM ledger_postings WHERE transaction_id IN ({}) ORDER BY transaction_id, line",
            ids.join(", ")
        ))
        .load(conn)?;
        let mut by_tx: HashMap<String, Vec<RawPosting>> = HashMap::new();
        for p in postings {
            by_tx.entry(p.transaction_id.clone()).or_default().push(p);
        }
        rows.into_iter()
            .map(|raw| {
                let postings = by_tx.remove(&raw.id).unwrap_or_default();
                decode(raw, &postings)
            })
            .collect()
    })
}

fn usd(cents: i64) -> Result<Money, AppError> {
    Money::from_minor(cents, Currency::USD).map_err(AppError::internal)
}

fn decode(raw: RawRow, postings: &[RawPosting]) -> Result<ExportRow, AppError> {
    let kind = TransactionKind::parse(&raw.kind).ok_or_else(|| bad("kind", &raw.kind))?;
    let base = match (&raw.base_kind, kind) {
        (Some(k), TransactionKind::Reversal) => {
            TransactionKind::parse(k).ok_or_else(|| bad("kind", k))?
        }
        _ => kind,
    };
    let mut sums: HashMap<Account, i64> = HashMap::new();
    let mut original: Option<(i64, Currency)> = None;
    for p in postings {
        let account = Account::parse(&p.account).ok_or_else(|| bad("account", &p.account))?;
        let sum = sums.entry(account).or_insert(0);
        *sum = sum
            .checked_add(p.usd_minor)
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("export: sum overflows")))?;
        if account == Account::Cash {
            if let (Some(minor), Some(currency)) = (p.original_minor, &p.original_currency) {
                let currency = Currency::parse(currency).map_err(|_| bad("currency", currency))?;
                original = Some((minor, currency));
            }
        }
    }
    let s = |a: Account| sums.get(&a).copied().unwrap_or(0);
    let neg = |v: i64| {
        v.checked_neg()
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("export: amount overflows")))
    };
    let cash = s(Account::Cash);
    let (amount_cents, psc_cents) = match base {
        TransactionKind::Receipt => (cash, 0),
        TransactionKind::Commitment => {
            let total = s(Account::GrantCommitments);
            let psc = raw.grant_psc.unwrap_or(0);
            let psc = if total < 0 { neg(psc)? } else { psc };
            (total - psc, psc)
        }
        TransactionKind::Disbursement => {
            (s(Account::GrantsPaid), s(Account::ProgrammeSupportCosts))
        }
        TransactionKind::Refund => (
            neg(s(Account::Refunds))?,
            neg(s(Account::ProgrammeSupportCosts))?,
        ),
        TransactionKind::Release => (s(Account::CommitmentsOutstanding), 0),
        TransactionKind::ExchangeDifference => (neg(s(Account::ExchangeDifferences))?, 0),
        TransactionKind::Reversal => (0, 0),
    };
    let usd_amount = usd(amount_cents)?;
    let amount = match (base, original) {
        (TransactionKind::Receipt, Some((minor, currency))) => {
            Money::from_minor(minor, currency).map_err(AppError::internal)?
        }
        _ => usd_amount,
    };
    let country = raw
        .country
        .as_deref()
        .map(|c| CountryCode::parse(c).map_err(|_| bad("country", c)))
        .transpose()?;
    Ok(ExportRow {
        seq: raw.seq,
        value_date: raw
            .value_date
            .get(..10)
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| bad("value date", &raw.value_date))?,
        transaction_id: uuid("transaction id", &raw.id)?,
        kind,
        grant: raw
            .grant_id
            .as_deref()
            .map(|g| uuid("grant id", g))
            .transpose()?,
        organization: raw
            .organization_id
            .as_deref()
            .map(|o| uuid("organization id", o))
            .transpose()?,
        country,
        regional_group: country.map(CountryCode::regional_group),
        tranche: raw.tranche,
        amount,
        usd_amount,
        programme_support_cost: usd(psc_cents)?,
        cash: usd(cash)?,
        reference: raw.reference,
        reverses: raw
            .reverses_id
            .as_deref()
            .map(|r| uuid("reversed id", r))
            .transpose()?,
    })
}
