//! Reading an export's rows from the ledger: the header (the last entry it covers and the
//! opening balance) in one snapshot, then the entries in value-date order (posting order
//! within a day), in pages of at most [`PAGE`] entries, each page its own snapshot and
//! taken after the last (value date, `seq`) of the one before. The header fixes the upper
//! bound of `seq`, and the journal is append-only, so every page, the opening balance and
//! the totals describe the same ledger however long the export takes and whatever is
//! booked meanwhile.
//!
//! An entry's date is its **value date** (`ledger_transactions.value_date`): the day a
//! disbursement was paid, a refund or a contribution received; for every other entry
//! (commitments, releases, exchange differences, reversals) the day it was booked (UTC).
//! The running balance, opening and closing follow value dates. A reversal is dated the
//! day it was booked, and nothing is dated in a closed month, so an exported closed period
//! never changes because of a later correction.
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
use uuid::Uuid;

use super::filter::{ExportFilter, ExportKind};
use crate::db::{read_snapshot, DbConnection, Sql};
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
    /// The kind totals count the entry with: its own, or for a reversal the kind of the
    /// entry it undoes (so each kind's total is net of its corrections).
    pub base_kind: TransactionKind,
    pub grant: Option<Uuid>,
    pub organization: Option<Uuid>,
    /// The grantee organisation's legal name, beside its id.
    pub organization_name: Option<String>,
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

/// The value date of `t` (see the module's documentation).
const VD: &str = "t.value_date";

/// `SELECT <columns> FROM … WHERE …` over the entries `filter` selects, whatever their
/// date, every value of the filter bound; the caller appends its own conditions.
fn selection(conn: &DbConnection, columns: &str, filter: &ExportFilter) -> Sql {
    let mut sql = Sql::new(conn, "SELECT ");
    sql.push(columns).push(
        " FROM ledger_transactions t \
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
        sql.push(" AND (t.kind = 'disbursement' OR dr.id IS NOT NULL)");
    }
    if let Some(grant) = filter.grant {
        sql.push(" AND g.id = ")
            .bind(grant.hyphenated().to_string());
    }
    if let Some(organization) = filter.organization {
        sql.push(" AND g.organization_id = ")
            .bind(organization.hyphenated().to_string());
    }
    if let Some(country) = filter.country {
        sql.push(" AND o.country = ").bind(country.code());
    }
    if let Some(group) = filter.regional_group {
        sql.push(" AND o.country IN ").bind_list(
            CountryCode::all()
                .filter(|c| c.regional_group() == group)
                .map(CountryCode::code),
        );
    }
    sql
}

/// Appends `AND <value date> >= from AND <value date> <= to`.
fn within_period(sql: &mut Sql, filter: &ExportFilter) {
    sql.push(&format!(" AND {VD} >= "))
        .bind(filter.from)
        .push(&format!(" AND {VD} <= "))
        .bind(filter.to);
}

#[derive(QueryableByName)]
struct MaxSeq {
    #[diesel(sql_type = Nullable<BigInt>)]
    seq: Option<i64>,
}

#[derive(QueryableByName)]
struct Sum {
    #[diesel(sql_type = Nullable<BigInt>)]
    total: Option<i64>,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The opening balance's query: the cash moved by the selected entries up to `max_seq`
/// dated before the period (summed as BIGINT: PostgreSQL sums BIGINT as NUMERIC). Public
/// for the plan test (tests/api/exports_plans.rs).
pub fn opening_sql(conn: &DbConnection, filter: &ExportFilter, max_seq: i64) -> Sql {
    let mut sql = selection(conn, "t.id", filter);
    sql.push(" AND t.seq <= ")
        .bind(max_seq)
        .push(&format!(" AND {VD} < "))
        .bind(filter.from);
    sql.wrapped(
        "SELECT CAST(SUM(p.usd_minor) AS BIGINT) AS total FROM ledger_postings p \
         WHERE p.account = 'cash' AND p.transaction_id IN (",
        ")",
    )
}

/// A page's query (see [`page`]). Public for the plan test (tests/api/exports_plans.rs).
pub fn page_sql(
    conn: &DbConnection,
    filter: &ExportFilter,
    after: Option<(NaiveDate, i64)>,
    upto_seq: i64,
    limit: i64,
) -> Sql {
    let mut sql = selection(
        conn,
        &format!(
            "t.seq AS seq, t.id AS id, t.kind AS kind, ot.kind AS base_kind, \
             CAST({VD} AS TEXT) AS value_date, \
             g.id AS grant_id, g.organization_id AS organization_id, \
             o.legal_name AS organization_name, o.country AS country, g.psc_minor AS grant_psc, \
             COALESCE(d.tranche, dr.tranche) AS tranche, \
             COALESCE(d.payment_reference, dr.payment_reference, r.bank_reference, \
                      rr.bank_reference, c.bank_reference, cr.bank_reference) AS reference, \
             t.reverses_id AS reverses_id"
        ),
        filter,
    );
    sql.push(" AND t.seq <= ").bind(upto_seq);
    if let Some((date, seq)) = after {
        // A row value, which both backends seek on the (value_date, seq) index.
        sql.push(&format!(" AND ({VD}, t.seq) > ("))
            .bind(date)
            .push(", ")
            .bind(seq)
            .push(")");
    }
    within_period(&mut sql, filter);
    sql.push(&format!(" ORDER BY {VD}, t.seq LIMIT "))
        .bind(limit);
    sql
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
    let opening: Sum = opening_sql(conn, filter, max_seq)
        .query()
        .get_result(conn)?;
    let rows = if count_rows {
        let mut sql = selection(conn, "COUNT(*) AS n", filter);
        sql.push(" AND t.seq <= ").bind(max_seq);
        within_period(&mut sql, filter);
        let count: Count = sql.query().get_result(conn)?;
        Some(u64::try_from(count.n).map_err(AppError::internal)?)
    } else {
        None
    };
    Ok(Header {
        max_seq,
        opening_cents: opening.total.unwrap_or(0),
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
    organization_name: Option<String>,
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

/// One page: at most `limit` selected entries of the period with `seq <= upto_seq`, in
/// value-date order (posting order within a day), after `after` (the value date and `seq`
/// of the previous page's last row; `None` for the first page), in one snapshot.
pub fn page(
    conn: &mut DbConnection,
    filter: &ExportFilter,
    after: Option<(NaiveDate, i64)>,
    upto_seq: i64,
    limit: i64,
) -> Result<Vec<ExportRow>, AppError> {
    read_snapshot(conn, |conn| {
        let rows: Vec<RawRow> = page_sql(conn, filter, after, upto_seq, limit)
            .query()
            .load(conn)?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new(
            conn,
            "SELECT transaction_id, account, usd_minor, original_minor, original_currency \
             FROM ledger_postings WHERE transaction_id IN ",
        );
        sql.bind_list(rows.iter().map(|r| r.id.as_str()))
            .push(" ORDER BY transaction_id, line");
        let postings: Vec<RawPosting> = sql.query().load(conn)?;
        let mut by_tx: HashMap<String, Vec<RawPosting>> = HashMap::new();
        for p in postings {
            by_tx.entry(p.transaction_id.clone()).or_default().push(p);
        }
        let charged = psc_charged(conn, &rows)?;
        rows.into_iter()
            .map(|raw| {
                let postings = by_tx.remove(&raw.id).unwrap_or_default();
                let psc_paid = charged.get(&raw.seq).copied().unwrap_or(0);
                decode(raw, &postings, psc_paid)
            })
            .collect()
    })
}

#[derive(QueryableByName)]
struct ChargedPsc {
    #[diesel(sql_type = Text)]
    grant_id: String,
    #[diesel(sql_type = BigInt)]
    psc_minor: i64,
    #[diesel(sql_type = BigInt)]
    paid_seq: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    reversed_seq: Option<i64>,
}

fn is_release(raw: &RawRow) -> bool {
    raw.kind == TransactionKind::Release.code()
        || raw.base_kind.as_deref() == Some(TransactionKind::Release.code())
}

/// For each release on the page (and each reversal of one), by its `seq`: the programme
/// support cost charged on the grant's payments standing when it was posted. A release
/// frees the award and the PSC not yet paid; the PSC part is the PSC committed less this.
fn psc_charged(conn: &mut DbConnection, rows: &[RawRow]) -> Result<HashMap<i64, i64>, AppError> {
    let releases: Vec<&RawRow> = rows.iter().filter(|r| is_release(r)).collect();
    let grants: Vec<&str> = releases
        .iter()
        .filter_map(|r| r.grant_id.as_deref())
        .collect();
    if grants.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = Sql::new(
        conn,
        "SELECT d.grant_id AS grant_id, d.psc_minor AS psc_minor, xt.seq AS paid_seq, \
         xr.seq AS reversed_seq FROM grant_disbursements d \
         JOIN ledger_transactions xt ON xt.id = d.ledger_transaction_id \
         LEFT JOIN ledger_transactions xr ON xr.id = d.reversal_transaction_id \
         WHERE d.grant_id IN ",
    );
    sql.bind_list(grants);
    let paid: Vec<ChargedPsc> = sql.query().load(conn)?;
    let mut out = HashMap::new();
    for r in releases {
        // A reversal of a release undoes it as it stood: measure at the release itself.
        let at = r.seq;
        let total = paid
            .iter()
            .filter(|p| Some(p.grant_id.as_str()) == r.grant_id.as_deref())
            .filter(|p| p.paid_seq < at && p.reversed_seq.is_none_or(|s| s > at))
            .try_fold(0_i64, |sum, p| sum.checked_add(p.psc_minor))
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("export: PSC overflows")))?;
        out.insert(r.seq, total);
    }
    Ok(out)
}

fn usd(cents: i64) -> Result<Money, AppError> {
    Money::from_minor(cents, Currency::USD).map_err(AppError::internal)
}

fn decode(raw: RawRow, postings: &[RawPosting], psc_paid: i64) -> Result<ExportRow, AppError> {
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
        // The award and the PSC not yet paid, split as at commitment: the PSC committed
        // less what was charged on the payments standing (never beyond what is released).
        TransactionKind::Release => {
            let total = s(Account::CommitmentsOutstanding);
            let unpaid_psc = (raw.grant_psc.unwrap_or(0) - psc_paid).clamp(0, total.abs());
            let psc = if total < 0 {
                neg(unpaid_psc)?
            } else {
                unpaid_psc
            };
            (total - psc, psc)
        }
        // Award and PSC move together; the amendment's record splits them.
        TransactionKind::AwardChange => (s(Account::GrantCommitments), 0),
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
        base_kind: base,
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
        organization_name: raw.organization_name,
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
