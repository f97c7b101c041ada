//! The Excel workbook: a `Ledger` sheet (the rows with real dates and numbers, the
//! opening balance, a totals row per kind and the closing balance) and a `Summary` sheet
//! per kind, by regional group and country within each kind (never across kinds). An
//! amount shows its currency's minor units (JPY none, USD two, KWD three). Written by rust_xlsxwriter in constant-memory mode (each
//! row goes to a temporary file as soon as the next begins), then saved to a spooled
//! temporary file that is copied to the output.

use std::io::{Seek, SeekFrom, Write};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use super::filter::ExportFilter;
use super::rows::{group_code, ExportRow};
use super::writer::{usd, KindTotals, Summary, Sums, COLUMNS};
use crate::domain::{Currency, Money};
use crate::error::AppError;

pub const LEDGER_SHEET: &str = "Ledger";
pub const SUMMARY_SHEET: &str = "Summary";

fn xlsx(e: XlsxError) -> AppError {
    AppError::internal(anyhow::Error::new(e).context("writing the Excel export"))
}

fn io(e: std::io::Error) -> AppError {
    AppError::internal(anyhow::Error::new(e).context("spooling the Excel export"))
}

fn number(m: Money) -> f64 {
    crate::domain::spreadsheet_number(m.amount())
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, AppError> {
    let year = u16::try_from(d.year()).map_err(AppError::internal)?;
    let month = u8::try_from(d.month()).map_err(AppError::internal)?;
    let day = u8::try_from(d.day()).map_err(AppError::internal)?;
    ExcelDateTime::from_ymd(year, month, day).map_err(xlsx)
}

/// The number pattern of an amount in `currency`: as many decimals as its minor units.
fn money_pattern(currency: Currency) -> String {
    let decimals = currency.minor_units() as usize;
    if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(decimals))
    }
}

fn money_format(currency: Currency) -> Format {
    Format::new().set_num_format(money_pattern(currency))
}

pub struct XlsxWriter {
    book: Workbook,
    row: u32,
    money: Format,
    date: Format,
    bold: Format,
    bold_money: Format,
    bold_date: Format,
}

impl XlsxWriter {
    pub fn new(filter: &ExportFilter) -> Result<XlsxWriter, AppError> {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        {
            let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx)?;
            sheet.set_name(LEDGER_SHEET).map_err(xlsx)?;
            for (col, width) in [
                (0, 16.0),
                (1, 12.0),
                (2, 38.0),
                (3, 18.0),
                (4, 38.0),
                (5, 38.0),
                (7, 24.0),
                (9, 16.0),
                (11, 16.0),
                (12, 16.0),
                (13, 16.0),
                (14, 16.0),
                (15, 24.0),
                (16, 38.0),
                (17, 38.0),
            ] {
                sheet.set_column_width(col, width).map_err(xlsx)?;
            }
            for (col, name) in COLUMNS.iter().enumerate() {
                let col = u16::try_from(col).map_err(AppError::internal)?;
                sheet
                    .write_string_with_format(0, col, *name, &bold)
                    .map_err(xlsx)?;
            }
            sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        }
        let _ = filter;
        Ok(XlsxWriter {
            book,
            row: 1,
            money: money_format(Currency::USD),
            date: Format::new()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Left),
            bold_money: Format::new().set_bold().set_num_format("#,##0.00"),
            bold_date: Format::new()
                .set_bold()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Left),
            bold,
        })
    }

    fn balance_row(
        &mut self,
        record: &str,
        date: NaiveDate,
        balance: Money,
    ) -> Result<(), AppError> {
        let row = self.row;
        let sheet = self.book.worksheet_from_index(0).map_err(xlsx)?;
        sheet
            .write_string_with_format(row, 0, record, &self.bold)
            .map_err(xlsx)?;
        sheet
            .write_date_with_format(row, 1, excel_date(date)?, &self.bold_date)
            .map_err(xlsx)?;
        sheet.write_string(row, 10, "USD").map_err(xlsx)?;
        sheet
            .write_number_with_format(row, 14, number(balance), &self.bold_money)
            .map_err(xlsx)?;
        self.row += 1;
        Ok(())
    }

    pub fn opening(&mut self, from: NaiveDate, balance: Money) -> Result<(), AppError> {
        self.balance_row("opening_balance", from, balance)
    }

    pub fn entry(&mut self, r: &ExportRow, balance: Money) -> Result<(), AppError> {
        let row = self.row;
        let (money, date) = (&self.money, &self.date);
        let sheet = self.book.worksheet_from_index(0).map_err(xlsx)?;
        sheet.write_string(row, 0, "entry").map_err(xlsx)?;
        sheet
            .write_date_with_format(row, 1, excel_date(r.value_date)?, date)
            .map_err(xlsx)?;
        sheet
            .write_string(row, 2, r.transaction_id.to_string())
            .map_err(xlsx)?;
        sheet.write_string(row, 3, r.kind.code()).map_err(xlsx)?;
        if let Some(grant) = r.grant {
            sheet
                .write_string(row, 4, grant.to_string())
                .map_err(xlsx)?;
        }
        if let Some(org) = r.organization {
            sheet.write_string(row, 5, org.to_string()).map_err(xlsx)?;
        }
        if let Some(country) = r.country {
            sheet.write_string(row, 6, country.code()).map_err(xlsx)?;
        }
        if let Some(group) = r.regional_group {
            sheet
                .write_string(row, 7, group_code(group))
                .map_err(xlsx)?;
        }
        if let Some(tranche) = r.tranche {
            sheet.write_number(row, 8, tranche).map_err(xlsx)?;
        }
        let own = money_format(r.amount.currency());
        let sheet_money = if r.amount.currency() == Currency::USD {
            money
        } else {
            &own
        };
        sheet
            .write_number_with_format(row, 9, number(r.amount), sheet_money)
            .map_err(xlsx)?;
        sheet
            .write_string(row, 10, r.amount.currency().code())
            .map_err(xlsx)?;
        sheet
            .write_number_with_format(row, 11, number(r.usd_amount), money)
            .map_err(xlsx)?;
        sheet
            .write_number_with_format(row, 12, number(r.programme_support_cost), money)
            .map_err(xlsx)?;
        sheet
            .write_number_with_format(row, 13, number(r.cash), money)
            .map_err(xlsx)?;
        sheet
            .write_number_with_format(row, 14, number(balance), money)
            .map_err(xlsx)?;
        if let Some(reference) = &r.reference {
            // A workbook is XML inside: a reference stored before the text rules with a
            // character XML forbids is written with U+FFFD, as in the IATI file.
            let reference = crate::domain::text::xml_safe(reference);
            sheet.write_string(row, 15, reference).map_err(xlsx)?;
        }
        if let Some(reverses) = r.reverses {
            sheet
                .write_string(row, 16, reverses.to_string())
                .map_err(xlsx)?;
        }
        if let Some(name) = &r.organization_name {
            let name = crate::domain::text::xml_safe(name);
            sheet.write_string(row, 17, name).map_err(xlsx)?;
        }
        self.row += 1;
        Ok(())
    }

    /// The totals row, the closing balance, the summary sheet; then the workbook, spooled
    /// to a temporary file and copied into `out`.
    pub fn finish<W: Write>(
        mut self,
        filter: &ExportFilter,
        sums: &KindTotals,
        closing: Money,
        summary: &Summary,
        anchor: &crate::audit::Checkpoint,
        out: &mut W,
    ) -> Result<(), AppError> {
        for (key, kind_sums) in &sums.by_kind {
            let row = self.row;
            let (bold, bold_money, bold_date) = (&self.bold, &self.bold_money, &self.bold_date);
            let sheet = self.book.worksheet_from_index(0).map_err(xlsx)?;
            sheet
                .write_string_with_format(row, 0, "totals", bold)
                .map_err(xlsx)?;
            sheet
                .write_date_with_format(row, 1, excel_date(filter.to)?, bold_date)
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(row, 3, key.kind().code(), bold)
                .map_err(xlsx)?;
            sheet.write_string(row, 10, "USD").map_err(xlsx)?;
            for (col, cents) in [
                (11, kind_sums.usd_amount),
                (12, kind_sums.programme_support_cost),
                (13, kind_sums.cash),
            ] {
                sheet
                    .write_number_with_format(row, col, number(usd(cents)?), bold_money)
                    .map_err(xlsx)?;
            }
            sheet
                .write_string(row, 15, format!("{} entries", kind_sums.entries))
                .map_err(xlsx)?;
            self.row += 1;
        }
        self.balance_row("closing_balance", filter.to, closing)?;
        let sheet = self.book.worksheet_from_index(0).map_err(xlsx)?;
        super::checkpoint::xlsx_row(sheet, self.row, anchor, &self.bold)?;
        self.summary_sheet(summary, sums)?;
        let mut spool = tempfile::tempfile().map_err(io)?;
        self.book.save_to_writer(&mut spool).map_err(xlsx)?;
        spool.seek(SeekFrom::Start(0)).map_err(io)?;
        std::io::copy(&mut spool, out).map_err(io)?;
        Ok(())
    }

    /// Per kind (a reversal with the kind it undoes): its entries by regional group and
    /// country, each group's subtotal, and the kind's total; never a total across kinds
    /// but the cash they move.
    fn summary_sheet(&mut self, summary: &Summary, total: &KindTotals) -> Result<(), AppError> {
        let (bold, money, bold_money) = (
            self.bold.clone(),
            self.money.clone(),
            self.bold_money.clone(),
        );

        let sheet = self
            .book
            .add_worksheet_with_constant_memory()
            .map_err(xlsx)?;
        sheet.set_name(SUMMARY_SHEET).map_err(xlsx)?;
        for (col, width) in [
            (0, 18.0),
            (1, 36.0),
            (2, 10.0),
            (3, 30.0),
            (4, 10.0),
            (5, 16.0),
            (6, 16.0),
            (7, 16.0),
        ] {
            sheet.set_column_width(col, width).map_err(xlsx)?;
        }
        for (col, name) in [
            "kind",
            "regional_group",
            "country",
            "country_name",
            "entries",
            "usd_amount",
            "programme_support_cost",
            "cash",
        ]
        .iter()
        .enumerate()
        {
            let col = u16::try_from(col).map_err(AppError::internal)?;
            sheet
                .write_string_with_format(0, col, *name, &bold)
                .map_err(xlsx)?;
        }
        let plain = Format::new();
        let write = |sheet: &mut rust_xlsxwriter::Worksheet,
                     row: u32,
                     sums: &Sums,
                     strong: bool|
         -> Result<(), AppError> {
            let (count, amounts) = if strong {
                (&bold, &bold_money)
            } else {
                (&plain, &money)
            };
            let entries = u32::try_from(sums.entries).map_err(AppError::internal)?;
            sheet
                .write_number_with_format(row, 4, entries, count)
                .map_err(xlsx)?;
            for (col, cents) in [
                (5, sums.usd_amount),
                (6, sums.programme_support_cost),
                (7, sums.cash),
            ] {
                sheet
                    .write_number_with_format(row, col, number(usd(cents)?), amounts)
                    .map_err(xlsx)?;
            }
            Ok(())
        };
        let add = |into: &mut Sums, sums: &Sums| {
            into.entries += sums.entries;
            into.usd_amount = into.usd_amount.saturating_add(sums.usd_amount);
            into.programme_support_cost = into
                .programme_support_cost
                .saturating_add(sums.programme_support_cost);
            into.cash = into.cash.saturating_add(sums.cash);
        };
        let mut row = 1;
        for (key, kind_total) in &total.by_kind {
            let kind = key.kind().code();
            // Entries without a grant (contributions received) first, then the groups in
            // the UN's order, each with its countries by code and its subtotal.
            let mut groups: Vec<Option<crate::domain::RegionalGroup>> = summary
                .keys()
                .filter(|(k, _, _)| k == key)
                .map(|(_, group, _)| *group)
                .collect();
            groups.dedup();
            for group in groups {
                let mut subtotal = Sums::default();
                let label = group.map_or("(no grant)", |g| g.name());
                for ((_, _, country), sums) in summary
                    .iter()
                    .filter(|((k, g, _), _)| k == key && *g == group)
                {
                    sheet.write_string(row, 0, kind).map_err(xlsx)?;
                    sheet.write_string(row, 1, label).map_err(xlsx)?;
                    if let Some(country) = country {
                        sheet.write_string(row, 2, country.code()).map_err(xlsx)?;
                        sheet.write_string(row, 3, country.name()).map_err(xlsx)?;
                    }
                    write(sheet, row, sums, false)?;
                    add(&mut subtotal, sums);
                    row += 1;
                }
                sheet.write_string(row, 0, kind).map_err(xlsx)?;
                sheet
                    .write_string_with_format(row, 1, format!("{label}, total"), &bold)
                    .map_err(xlsx)?;
                write(sheet, row, &subtotal, true)?;
                row += 1;
            }
            sheet
                .write_string_with_format(row, 0, kind, &bold)
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(row, 1, "totals", &bold)
                .map_err(xlsx)?;
            write(sheet, row, kind_total, true)?;
            row += 1;
        }
        // The cash all kinds moved (opening balance to closing), the one figure that adds
        // across kinds.
        sheet
            .write_string_with_format(row, 0, "cash", &bold)
            .map_err(xlsx)?;
        let entries = u32::try_from(total.entries).map_err(AppError::internal)?;
        sheet
            .write_number_with_format(row, 4, entries, &bold)
            .map_err(xlsx)?;
        sheet
            .write_number_with_format(row, 7, number(usd(total.cash)?), &bold_money)
            .map_err(xlsx)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_show_their_currency_s_minor_units() {
        let pattern = |code| money_pattern(Currency::parse(code).unwrap());
        assert_eq!(pattern("JPY"), "#,##0");
        assert_eq!(pattern("USD"), "#,##0.00");
        assert_eq!(pattern("KWD"), "#,##0.000");
    }
}
