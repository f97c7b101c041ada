//! The one export writer, shared by the HTTP export and the command line so both write the
//! same bytes: it reads the rows page by page (see [`super::rows`]) and writes CSV, JSON
//! or an Excel workbook into any `Write`, flushing after every page, so a streamed answer
//! sends its first bytes before the last row is read and holds one page in memory.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;
use serde_json::json;

use super::checkpoint;
use super::filter::{ExportFilter, ExportFormat};
use super::rows::{self, group_code, ExportRow, Header};
use super::xlsx::XlsxWriter;
use crate::audit::Signer;
use crate::db::DbConnection;
use crate::domain::csv_cell::{Cell, CsvWriter};
use crate::domain::{CountryCode, Currency, Money, RegionalGroup};
use crate::error::AppError;
use crate::ledger::TransactionKind;
use strum::VariantArray;

/// Sums in USD cents, checked.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sums {
    pub entries: u64,
    pub usd_amount: i64,
    pub programme_support_cost: i64,
    pub cash: i64,
}

fn overflow() -> AppError {
    AppError::internal(anyhow::anyhow!("export: a total overflows"))
}

impl Sums {
    pub fn add(&mut self, row: &ExportRow) -> Result<(), AppError> {
        self.entries += 1;
        self.usd_amount = self
            .usd_amount
            .checked_add(row.usd_amount.to_minor())
            .ok_or_else(overflow)?;
        self.programme_support_cost = self
            .programme_support_cost
            .checked_add(row.programme_support_cost.to_minor())
            .ok_or_else(overflow)?;
        self.cash = self
            .cash
            .checked_add(row.cash.to_minor())
            .ok_or_else(overflow)?;
        Ok(())
    }
}

pub fn usd(cents: i64) -> Result<Money, AppError> {
    Money::from_minor(cents, Currency::USD).map_err(AppError::internal)
}

fn io(e: std::io::Error) -> AppError {
    AppError::internal(anyhow::Error::new(e).context("writing the export"))
}

fn csv_error(e: csv::Error) -> AppError {
    AppError::internal(anyhow::Error::new(e).context("writing the CSV export"))
}

/// Sums per kind of entry (a reversal with the kind it undoes), in the ledger's order of
/// kinds: amounts of different kinds (money received, committed, paid, refunded) are never
/// added together; only the cash they move is, which is what takes the opening balance to
/// the closing one.
#[derive(Debug, Default, Clone)]
pub struct KindTotals {
    pub by_kind: BTreeMap<KindKey, Sums>,
    pub cash: i64,
    pub entries: u64,
}

/// A kind, ordered as the ledger lists them (receipts first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct KindKey(u8);

impl KindKey {
    pub fn of(kind: TransactionKind) -> KindKey {
        let index = TransactionKind::VARIANTS
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        KindKey(u8::try_from(index).unwrap_or(u8::MAX))
    }

    pub fn kind(self) -> TransactionKind {
        TransactionKind::VARIANTS
            .get(usize::from(self.0))
            .copied()
            .unwrap_or(TransactionKind::Receipt)
    }
}

impl KindTotals {
    pub fn add(&mut self, row: &ExportRow) -> Result<(), AppError> {
        self.entries += 1;
        self.cash = self
            .cash
            .checked_add(row.cash.to_minor())
            .ok_or_else(overflow)?;
        self.by_kind
            .entry(KindKey::of(row.base_kind))
            .or_default()
            .add(row)
    }
}

/// The columns of the CSV export and of the workbook's ledger sheet (`organization_name`
/// last, so a reader that takes columns by position keeps working).
pub const COLUMNS: [&str; 18] = [
    "record",
    "value_date",
    "transaction_id",
    "kind",
    "grant",
    "organization",
    "country",
    "regional_group",
    "tranche",
    "amount",
    "currency",
    "usd_amount",
    "programme_support_cost",
    "cash",
    "balance",
    "reference",
    "reverses",
    "organization_name",
];

/// The summary by kind, then regional group and country within the kind (the workbook's
/// second sheet).
pub type Summary = BTreeMap<(KindKey, Option<RegionalGroup>, Option<CountryCode>), Sums>;

/// An entry as the JSON export writes it.
#[derive(Serialize)]
struct JsonEntry<'a> {
    seq: i64,
    value_date: chrono::NaiveDate,
    transaction_id: uuid::Uuid,
    kind: crate::ledger::TransactionKind,
    grant: Option<uuid::Uuid>,
    organization: Option<uuid::Uuid>,
    organization_name: Option<&'a str>,
    country: Option<CountryCode>,
    regional_group: Option<RegionalGroup>,
    tranche: Option<i32>,
    amount: Money,
    usd_amount: Money,
    programme_support_cost: Money,
    cash: Money,
    balance: Money,
    reference: Option<&'a str>,
    reverses: Option<uuid::Uuid>,
}

enum Format<W: Write> {
    Csv(Box<CsvWriter<W>>),
    Json { out: W, first: bool },
    Xlsx { out: W, book: Box<XlsxWriter> },
}

/// Writes the export of `filter` from `header` into `out`, reading the pages on `conn`
/// (each page its own snapshot), and calls `progress` with the number of rows written
/// after each page. Returns `out` flushed. IATI is not written here (see `super::iati`).
pub fn write_export<W: Write>(
    conn: &mut DbConnection,
    filter: &ExportFilter,
    header: &Header,
    signer: &Signer,
    out: W,
    progress: &mut dyn FnMut(u64),
) -> Result<W, AppError> {
    write_export_paged(conn, filter, header, signer, out, progress, rows::PAGE)
}

/// [`write_export`] with pages of at most `window` entries (tests use tiny pages to
/// prove that the pages join into the same file).
pub fn write_export_paged<W: Write>(
    conn: &mut DbConnection,
    filter: &ExportFilter,
    header: &Header,
    signer: &Signer,
    out: W,
    progress: &mut dyn FnMut(u64),
    window: i64,
) -> Result<W, AppError> {
    let window = window.max(1);
    let opening = usd(header.opening_cents)?;
    let mut format = match filter.format {
        ExportFormat::Csv => Format::Csv(Box::new(CsvWriter::new(out))),
        ExportFormat::Json => Format::Json { out, first: true },
        ExportFormat::Xlsx => Format::Xlsx {
            out,
            book: Box::new(XlsxWriter::new(filter)?),
        },
        ExportFormat::Iati | ExportFormat::IatiOrganisation => {
            return Err(AppError::internal(anyhow::anyhow!(
                "the IATI export is written by exports::iati"
            )))
        }
    };
    // Opening.
    match &mut format {
        Format::Csv(w) => {
            w.header(&COLUMNS).map_err(csv_error)?;
            w.row(&balance_record("opening_balance", filter.from, opening))
                .map_err(csv_error)?;
            w.flush().map_err(io)?;
        }
        Format::Json { out, .. } => {
            let head = json!({
                "period": filter.period(),
                "filter": filter_json(filter),
                "opening_balance": opening,
            })
            .to_string();
            // `{…}` without its closing brace, then the entries.
            let open = head.strip_suffix('}').unwrap_or(&head);
            out.write_all(open.as_bytes()).map_err(io)?;
            out.write_all(b",\"entries\":[").map_err(io)?;
            out.flush().map_err(io)?;
        }
        Format::Xlsx { book, .. } => book.opening(filter.from, opening)?,
    }
    // Entries.
    let mut sums = KindTotals::default();
    let mut summary = Summary::new();
    let mut balance = header.opening_cents;
    let mut after = None;
    loop {
        let page = rows::page(conn, filter, after, header.max_seq, window)?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some((last.value_date, last.seq));
        let more = i64::try_from(page.len()).is_ok_and(|n| n >= window);
        for row in &page {
            sums.add(row)?;
            summary
                .entry((KindKey::of(row.base_kind), row.regional_group, row.country))
                .or_default()
                .add(row)?;
            balance = balance
                .checked_add(row.cash.to_minor())
                .ok_or_else(overflow)?;
            let running = usd(balance)?;
            match &mut format {
                Format::Csv(w) => w.row(&entry_record(row, running)).map_err(csv_error)?,
                Format::Json { out, first } => {
                    if !*first {
                        out.write_all(b",").map_err(io)?;
                    }
                    *first = false;
                    serde_json::to_writer(&mut *out, &json_entry(row, running))
                        .map_err(AppError::internal)?;
                }
                Format::Xlsx { book, .. } => book.entry(row, running)?,
            }
        }
        match &mut format {
            Format::Csv(w) => w.flush().map_err(io)?,
            Format::Json { out, .. } => out.flush().map_err(io)?,
            Format::Xlsx { .. } => {}
        }
        progress(sums.entries);
        if !more {
            break;
        }
    }
    // Totals and closing, and the signed audit head (see `super::checkpoint`).
    let closing = usd(balance)?;
    let anchor = signer.sign_head(conn)?;
    let out = match format {
        Format::Csv(w) => {
            let mut w = *w;
            for record in totals_records(&sums, filter)? {
                w.row(&record).map_err(csv_error)?;
            }
            w.row(&balance_record("closing_balance", filter.to, closing))
                .map_err(csv_error)?;
            w.row(&checkpoint::csv_record(&anchor)).map_err(csv_error)?;
            w.flush().map_err(io)?;
            w.into_inner().map_err(io)?
        }
        Format::Json { mut out, .. } => {
            let tail = json!({
                "totals": totals_json(&sums)?,
                "closing_balance": closing,
                "audit_checkpoint": checkpoint::json_member(&anchor),
            })
            .to_string();
            out.write_all(b"],").map_err(io)?;
            out.write_all(tail.strip_prefix('{').unwrap_or(&tail).as_bytes())
                .map_err(io)?;
            out
        }
        Format::Xlsx { mut out, book } => {
            book.finish(filter, &sums, closing, &summary, &anchor, &mut out)?;
            out
        }
    };
    let mut out = out;
    out.flush().map_err(io)?;
    Ok(out)
}

fn filter_json(filter: &ExportFilter) -> serde_json::Value {
    json!({
        "kind": filter.kind,
        "grant": filter.grant,
        "organization": filter.organization,
        "country": filter.country,
        "regional_group": filter.regional_group,
    })
}

/// `entries` and `cash` over the whole file; amounts only per kind (`by_kind`). The
/// former `usd_amount` and `programme_support_cost` stay for the clients that read them:
/// the kind's figures when the file holds one kind, `null` when it holds several (adding
/// receipts to payments means nothing).
fn totals_json(sums: &KindTotals) -> Result<serde_json::Value, AppError> {
    let mut by_kind = serde_json::Map::new();
    for (key, s) in &sums.by_kind {
        by_kind.insert(
            key.kind().code().to_string(),
            json!({
                "entries": s.entries,
                "usd_amount": usd(s.usd_amount)?,
                "programme_support_cost": usd(s.programme_support_cost)?,
                "cash": usd(s.cash)?,
            }),
        );
    }
    let single = match sums.by_kind.len() {
        0 => Some(Sums::default()),
        1 => sums.by_kind.values().next().copied(),
        _ => None,
    };
    Ok(json!({
        "entries": sums.entries,
        "usd_amount": single.map(|s| usd(s.usd_amount)).transpose()?,
        "programme_support_cost": single.map(|s| usd(s.programme_support_cost)).transpose()?,
        "cash": usd(sums.cash)?,
        "by_kind": by_kind,
    }))
}

fn json_entry(row: &ExportRow, balance: Money) -> JsonEntry<'_> {
    JsonEntry {
        seq: row.seq,
        value_date: row.value_date,
        transaction_id: row.transaction_id,
        kind: row.kind,
        grant: row.grant,
        organization: row.organization,
        organization_name: row.organization_name.as_deref(),
        country: row.country,
        regional_group: row.regional_group,
        tranche: row.tranche,
        amount: row.amount,
        usd_amount: row.usd_amount,
        programme_support_cost: row.programme_support_cost,
        cash: row.cash,
        balance,
        reference: row.reference.as_deref(),
        reverses: row.reverses,
    }
}

fn opt<T: ToString>(value: Option<T>) -> Cell {
    Cell::value(value.map(|v| v.to_string()).unwrap_or_default())
}

fn balance_record(record: &str, date: chrono::NaiveDate, balance: Money) -> Vec<Cell> {
    let mut cells = vec![Cell::empty(); COLUMNS.len()];
    cells[0] = Cell::value(record);
    cells[1] = Cell::value(date);
    cells[10] = Cell::value("USD");
    cells[14] = Cell::value(balance.amount());
    cells
}

/// One `totals` row per kind (the kind in `kind`), then none across kinds: the cash
/// column of these rows adds up to the closing balance less the opening one.
fn totals_records(sums: &KindTotals, filter: &ExportFilter) -> Result<Vec<Vec<Cell>>, AppError> {
    let mut records = Vec::new();
    for (key, s) in &sums.by_kind {
        let mut cells = vec![Cell::empty(); COLUMNS.len()];
        cells[0] = Cell::value("totals");
        cells[1] = Cell::value(filter.to);
        cells[3] = Cell::value(key.kind().code());
        cells[10] = Cell::value("USD");
        cells[11] = Cell::value(usd(s.usd_amount)?.amount());
        cells[12] = Cell::value(usd(s.programme_support_cost)?.amount());
        cells[13] = Cell::value(usd(s.cash)?.amount());
        cells[15] = Cell::value(format!("{} entries", s.entries));
        records.push(cells);
    }
    Ok(records)
}

/// An entry: every cell is the service's own but the reference, which a user typed (a
/// bank or payment reference) and is written as [`Cell::Text`].
fn entry_record(row: &ExportRow, balance: Money) -> Vec<Cell> {
    vec![
        Cell::value("entry"),
        Cell::value(row.value_date),
        Cell::value(row.transaction_id),
        Cell::value(row.kind.code()),
        opt(row.grant),
        opt(row.organization),
        opt(row.country.map(|c| c.code())),
        opt(row.regional_group.map(group_code)),
        opt(row.tranche),
        Cell::value(row.amount.amount()),
        Cell::value(row.amount.currency().code()),
        Cell::value(row.usd_amount.amount()),
        Cell::value(row.programme_support_cost.amount()),
        Cell::value(row.cash.amount()),
        Cell::value(balance.amount()),
        Cell::text(row.reference.clone().unwrap_or_default()),
        opt(row.reverses),
        Cell::text(row.organization_name.clone().unwrap_or_default()),
    ]
}
