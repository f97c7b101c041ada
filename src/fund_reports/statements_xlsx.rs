//! The financial statements as an Excel workbook: one sheet per statement, the current
//! period beside the previous one, each amount shown with its currency's minor units.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::statements::{lines, unvalued, Statements};
use crate::domain::{spreadsheet_number as number, Currency};
use crate::error::AppError;

fn xlsx(e: XlsxError) -> AppError {
    AppError::internal(anyhow::Error::new(e).context("writing the statements workbook"))
}

/// `#,##0.00` for a currency of two minor units, `#,##0` for none, and so on.
fn amount_format(currency: Currency) -> Format {
    let places = currency.minor_units() as usize;
    let pattern = if places == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(places))
    };
    Format::new().set_num_format(pattern)
}

fn header(sheet: &mut Worksheet, s: &Statements, title: &str) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let (c, p) = (s.current.period, s.previous.period);
    sheet.write_string_with_format(0, 0, title, &bold)?;
    sheet.write_string_with_format(2, 0, "Line", &bold)?;
    sheet.write_string_with_format(2, 1, "Currency", &bold)?;
    sheet.write_string_with_format(2, 2, format!("{} to {}", c.from, c.to), &bold)?;
    sheet.write_string_with_format(2, 3, format!("{} to {}", p.from, p.to), &bold)?;
    sheet.set_column_width(0, 32)?;
    sheet.set_column_width(1, 10)?;
    sheet.set_column_width(2, 24)?;
    sheet.set_column_width(3, 24)?;
    Ok(())
}

/// The workbook's bytes.
pub fn workbook(s: &Statements) -> Result<Vec<u8>, AppError> {
    let mut book = Workbook::new();
    let usd = amount_format(Currency::USD);
    for (statement, title) in [
        ("financial_position", "Statement of financial position"),
        (
            "financial_performance",
            "Statement of financial performance",
        ),
    ] {
        let sheet = book.add_worksheet();
        sheet
            .set_name(if statement == "financial_position" {
                "Financial position"
            } else {
                "Financial performance"
            })
            .map_err(xlsx)?;
        header(sheet, s, title).map_err(xlsx)?;
        let mut row = 3;
        for (_, line, current, previous) in lines(s).into_iter().filter(|l| l.0 == statement) {
            sheet.write_string(row, 0, line).map_err(xlsx)?;
            sheet.write_string(row, 1, "USD").map_err(xlsx)?;
            sheet
                .write_number_with_format(row, 2, number(current.amount()), &usd)
                .map_err(xlsx)?;
            sheet
                .write_number_with_format(row, 3, number(previous.amount()), &usd)
                .map_err(xlsx)?;
            row += 1;
        }
        if statement == "financial_position" {
            for (currency, current, previous) in unvalued(s) {
                let format = amount_format(currency);
                sheet
                    .write_string(row, 0, "unvalued_receivable")
                    .map_err(xlsx)?;
                sheet.write_string(row, 1, currency.code()).map_err(xlsx)?;
                sheet
                    .write_number_with_format(row, 2, number(current), &format)
                    .map_err(xlsx)?;
                sheet
                    .write_number_with_format(row, 3, number(previous), &format)
                    .map_err(xlsx)?;
                row += 1;
            }
        }
        sheet
            .write_string(row + 1, 0, super::statements::BASIS)
            .map_err(xlsx)?;
    }
    book.save_to_buffer().map_err(xlsx)
}
