//! A month's table as `text/csv`, as UNODC finance keeps it in a spreadsheet: a header
//! `currency,rate_to_usd,from` and one line per rate, `from` left empty for the 1st. A bad
//! cell is named as the JSON body's field would be (`rates[2].rate_to_usd`, counting lines
//! after the header from 0), so both forms answer alike.

use chrono::NaiveDate;

use super::record::RateLine;
use crate::domain::{Currency, ExchangeRate};
use crate::error::AppError;

const HEADER: [&str; 3] = ["currency", "rate_to_usd", "from"];

/// The lines of a CSV table; 400 naming the line and cell that do not read.
pub fn parse_csv(body: &[u8]) -> Result<Vec<RateLine>, AppError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| AppError::bad_field("body", "the CSV is not UTF-8 text"))?;
    // A spreadsheet saving as "CSV UTF-8" starts with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<String> = lines
        .next()
        .map(|h| {
            cells(h)
                .into_iter()
                .map(|c| c.to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default();
    if header.len() < 2 || header.len() > 3 || header.iter().zip(HEADER).any(|(h, e)| h != e) {
        return Err(AppError::bad_field(
            "body",
            "the first line must be the header currency,rate_to_usd,from",
        ));
    }
    lines
        .enumerate()
        .map(|(i, line)| row(i, &cells(line), header.len()))
        .collect()
}

fn row(i: usize, cells: &[String], columns: usize) -> Result<RateLine, AppError> {
    if cells.len() > columns {
        return Err(AppError::bad_field(
            format!("rates[{i}]"),
            format!("{} cells where the header has {columns}", cells.len()),
        ));
    }
    let cell = |n: usize| cells.get(n).map(String::as_str).unwrap_or("");
    let currency = Currency::parse(cell(0))
        .map_err(|e| AppError::bad_field(format!("rates[{i}].currency"), e.to_string()))?;
    let rate_to_usd = ExchangeRate::parse(cell(1))
        .map_err(|e| AppError::bad_field(format!("rates[{i}].rate_to_usd"), e.to_string()))?;
    let from = match cell(2) {
        "" => None,
        day => Some(NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
            AppError::bad_field(
                format!("rates[{i}].from"),
                format!("{day:?} is not a date: write YYYY-MM-DD"),
            )
        })?),
    };
    Ok(RateLine {
        currency,
        rate_to_usd,
        from,
    })
}

/// A line's cells, trimmed, each without the double quotes a spreadsheet may put around
/// it (no cell of this table holds a comma).
fn cells(line: &str) -> Vec<String> {
    line.split(',')
        .map(|c| {
            let c = c.trim();
            c.strip_prefix('"')
                .and_then(|c| c.strip_suffix('"'))
                .unwrap_or(c)
                .trim()
                .to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_reads_with_or_without_its_from_column() {
        let lines = parse_csv(
            b"\xef\xbb\xbfcurrency,rate_to_usd,from\r\nNOK,0.0912,\r\n\"EUR\",1.08,2026-03-16\n",
        )
        .unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].from, None);
        assert_eq!(lines[1].from, NaiveDate::from_ymd_opt(2026, 3, 16));
        assert_eq!(
            parse_csv(b"currency,rate_to_usd\nJPY,0.0067\n")
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn a_bad_cell_is_named_as_in_json() {
        let field = |csv: &[u8]| match parse_csv(csv) {
            Err(AppError::BadRequest { errors, .. }) => errors[0].field.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(b"currency,rate\nNOK,1\n"), "body");
        assert_eq!(
            field(b"currency,rate_to_usd,from\nNOK,0.09,\nXXX,1,\n"),
            "rates[1].currency"
        );
        assert_eq!(
            field(b"currency,rate_to_usd,from\nNOK,-1,\n"),
            "rates[0].rate_to_usd"
        );
        assert_eq!(
            field(b"currency,rate_to_usd,from\nNOK,0.09,16/03\n"),
            "rates[0].from"
        );
    }
}
