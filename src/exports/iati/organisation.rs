//! `format=iati-organisation`: the IATI organisation file 2.03 (`iati-organisations`),
//! published beside the activity file. It holds one `iati-organisation`, the publisher
//! (`[iati]` in the configuration), with the Fund's money as its ledger shows it for the
//! period, per calendar year (IATI wants periods of at most a year), in USD:
//! - `total-budget` (status 2, committed): the grants committed, award and programme
//!   support cost, plus increases by amendment, less what decreases, closures and
//!   cancellations released;
//! - `total-expenditure`: the grants paid, with the programme support cost charged on
//!   them, less the refunds and the support cost credited back.
//!
//! Reversals count with the entry they undo. The export's narrowing filters (grant,
//! organisation, country, regional group) do not apply: the file describes the Fund.
//! It validates against `tests/data/iati-2.03/iati-organisations-schema.xsd`.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::writer::{narrative, ReportingOrg, MULTILATERAL};
use crate::db::DbConnection;
use crate::domain::{Currency, Money};
use crate::error::AppError;
use crate::exports::filter::{ExportFilter, ExportFormat, ExportKind};
use crate::exports::rows;
use crate::ledger::TransactionKind;

/// Budget and expenditure of one period, in USD cents.
#[derive(Debug, Default, Clone, Copy)]
struct Year {
    budget: i64,
    expenditure: i64,
}

fn overflow() -> AppError {
    AppError::internal(anyhow::anyhow!("iati organisation file: a total overflows"))
}

/// The calendar-year slices of `from..=to`.
fn slices(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut start = from;
    while start <= to {
        let end = NaiveDate::from_ymd_opt(start.year(), 12, 31)
            .unwrap_or(to)
            .min(to);
        out.push((start, end));
        match end.succ_opt() {
            Some(next) => start = next,
            None => break,
        }
    }
    out
}

/// The Fund's budget and expenditure per year of the filter's period, read from the
/// ledger's rows (every kind, no narrowing) page by page.
fn totals(conn: &mut DbConnection, filter: &ExportFilter) -> Result<BTreeMap<i32, Year>, AppError> {
    let whole = ExportFilter {
        format: ExportFormat::Csv,
        from: filter.from,
        to: filter.to,
        kind: ExportKind::All,
        grant: None,
        organization: None,
        country: None,
        regional_group: None,
    };
    let header = rows::header(conn, &whole, false)?;
    let mut years: BTreeMap<i32, Year> = BTreeMap::new();
    let mut after = None;
    loop {
        let page = rows::page(conn, &whole, after, header.max_seq, rows::PAGE)?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some((last.value_date, last.seq));
        let more = i64::try_from(page.len()).is_ok_and(|n| n >= rows::PAGE);
        for row in &page {
            let both = row
                .usd_amount
                .to_minor()
                .checked_add(row.programme_support_cost.to_minor())
                .ok_or_else(overflow)?;
            let year = years.entry(row.value_date.year()).or_default();
            let (budget, expenditure) = match row.base_kind {
                TransactionKind::Commitment => (both, 0),
                TransactionKind::AwardChange => (row.usd_amount.to_minor(), 0),
                TransactionKind::Release => (both.checked_neg().ok_or_else(overflow)?, 0),
                TransactionKind::Disbursement => (0, both),
                TransactionKind::Refund => (0, both.checked_neg().ok_or_else(overflow)?),
                _ => (0, 0),
            };
            year.budget = year.budget.checked_add(budget).ok_or_else(overflow)?;
            year.expenditure = year
                .expenditure
                .checked_add(expenditure)
                .ok_or_else(overflow)?;
        }
        if !more {
            break;
        }
    }
    Ok(years)
}

fn usd(cents: i64) -> Result<String, AppError> {
    Ok(Money::from_minor(cents, Currency::USD)
        .map_err(AppError::internal)?
        .amount()
        .to_string())
}

/// The whole organisation file for `filter`'s period, published by `org`.
pub fn write(
    conn: &mut DbConnection,
    org: &ReportingOrg,
    filter: &ExportFilter,
    at: DateTime<Utc>,
) -> Result<Vec<u8>, AppError> {
    let years = totals(conn, filter)?;
    let stamp = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let mut out = Vec::new();
    let mut w = Writer::new_with_indent(&mut out, b' ', 2);
    let xml = |e: std::io::Error| AppError::internal(e);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(xml)?;
    let mut figures = Vec::new();
    for (start, end) in slices(filter.from, filter.to) {
        let year = years.get(&start.year()).copied().unwrap_or_default();
        figures.push((start, end, usd(year.budget)?, usd(year.expenditure)?));
    }
    w.create_element("iati-organisations")
        .with_attributes([("version", "2.03"), ("generated-datetime", stamp.as_str())])
        .write_inner_content(|w| {
            w.create_element("iati-organisation")
                .with_attributes([
                    ("xml:lang", "en"),
                    ("default-currency", "USD"),
                    ("last-updated-datetime", stamp.as_str()),
                ])
                .write_inner_content(|w| {
                    w.create_element("organisation-identifier")
                        .write_text_content(BytesText::new(&org.reference))?;
                    w.create_element("name")
                        .write_inner_content(|w| narrative(w, &org.name))?;
                    w.create_element("reporting-org")
                        .with_attributes([("ref", org.reference.as_str()), ("type", MULTILATERAL)])
                        .write_inner_content(|w| narrative(w, &org.name))?;
                    for (start, end, budget, _) in &figures {
                        let (s, e) = (start.to_string(), end.to_string());
                        w.create_element("total-budget")
                            .with_attribute(("status", "2"))
                            .write_inner_content(|w| period(w, &s, &e, &s, budget))?;
                    }
                    for (start, end, _, spent) in &figures {
                        let (s, e) = (start.to_string(), end.to_string());
                        w.create_element("total-expenditure")
                            .write_inner_content(|w| period(w, &s, &e, &e, spent))?;
                    }
                    Ok(())
                })?;
            Ok(())
        })
        .map_err(xml)?;
    out.push(b'\n');
    Ok(out)
}

fn period<W: std::io::Write>(
    w: &mut Writer<W>,
    start: &str,
    end: &str,
    value_date: &str,
    value: &str,
) -> std::io::Result<()> {
    w.create_element("period-start")
        .with_attribute(("iso-date", start))
        .write_empty()?;
    w.create_element("period-end")
        .with_attribute(("iso-date", end))
        .write_empty()?;
    w.create_element("value")
        .with_attribute(("value-date", value_date))
        .write_text_content(BytesText::new(value))?;
    Ok(())
}
