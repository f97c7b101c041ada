//! The one CSV writer of the Fund's reports: each report names its columns and writes its
//! rows into a [`Table`], cell by column name, and [`csv`] writes the file. A row fills only
//! the columns it has figures for; every other column of the row is written empty, so no
//! report pads its rows by hand (nor shifts a cell under the wrong column when the columns
//! change). Cells say whether they are user text, neutralised against formula injection
//! when written, or the service's own values ([`crate::domain::csv_cell`]).

use crate::domain::csv_cell::{Cell, CsvWriter};
use crate::error::AppError;

use super::period::Period;

/// A report that has a table form.
pub trait Tabular {
    /// The columns, in order.
    fn header() -> &'static [&'static str];
    /// Writes the report's rows, in order.
    fn rows(&self, table: &mut Table);
}

/// The rows of one report's table.
pub struct Table {
    columns: &'static [&'static str],
    rows: Vec<Vec<Cell>>,
    /// Column names a row used that the report does not have (a mistake in the report).
    unknown: Vec<&'static str>,
}

impl Table {
    fn new(columns: &'static [&'static str]) -> Table {
        Table {
            columns,
            rows: Vec::new(),
            unknown: Vec::new(),
        }
    }

    /// A row: each cell under the column it names, every other column empty.
    pub fn row(&mut self, cells: impl IntoIterator<Item = (&'static str, Cell)>) {
        let mut row = vec![Cell::empty(); self.columns.len()];
        for (column, cell) in cells {
            match self.columns.iter().position(|c| *c == column) {
                Some(at) => row[at] = cell,
                None => self.unknown.push(column),
            }
        }
        self.rows.push(row);
    }
}

/// `report` as CSV (RFC 4180, UTF-8; user text starting a formula prefixed with `'`).
pub fn csv<R: Tabular>(report: &R) -> Result<Vec<u8>, AppError> {
    let mut table = Table::new(R::header());
    report.rows(&mut table);
    if !table.unknown.is_empty() {
        return Err(AppError::internal(anyhow::anyhow!(
            "a report's row names columns it does not have: {:?}",
            table.unknown
        )));
    }
    let mut writer = CsvWriter::new(Vec::new());
    writer.header(R::header()).map_err(AppError::internal)?;
    for row in &table.rows {
        writer.row(row).map_err(AppError::internal)?;
    }
    writer.into_inner().map_err(AppError::internal)
}

/// The CSV file's name, saying which report and which period, e.g.
/// `trustfund-geography-2026-01-01-to-2026-06-30.csv`.
pub fn csv_file_name(name: &str, period: Period) -> String {
    format!("trustfund-{name}-{}-to-{}.csv", period.from, period.to)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Two;

    impl Tabular for Two {
        fn header() -> &'static [&'static str] {
            &["level", "name", "amount"]
        }

        fn rows(&self, table: &mut Table) {
            table.row([
                ("level", Cell::value("donor")),
                ("name", Cell::text("=1+1")),
            ]);
            table.row([
                ("amount", Cell::value("-5.00")),
                ("level", Cell::value("total")),
            ]);
        }
    }

    struct Misnamed;

    impl Tabular for Misnamed {
        fn header() -> &'static [&'static str] {
            &["level"]
        }

        fn rows(&self, table: &mut Table) {
            table.row([("levle", Cell::value("total"))]);
        }
    }

    #[test]
    fn cells_go_under_their_columns_the_rest_empty() {
        let text = String::from_utf8(csv(&Two).unwrap()).unwrap();
        assert_eq!(text, "level,name,amount\ndonor,'=1+1,\ntotal,,-5.00\n");
    }

    #[test]
    fn a_column_the_report_lacks_is_an_error_not_a_shifted_cell() {
        assert!(csv(&Misnamed).is_err());
    }
}
