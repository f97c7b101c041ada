//! Every ledger export carries a signed checkpoint of the audit head as it stood when the
//! file was finished (so it covers every change the file shows): each file finance ships
//! elsewhere anchors the audit trail too (see `crate::audit::checkpoint`). The checkpoint
//! is the same JSON line the checkpoint file holds, so it can be pasted into one and given
//! to `trustfund audit verify --checkpoints`.
//!
//! - CSV and the workbook's Ledger sheet: a last row, record `audit_checkpoint`, the line
//!   in the `reference` column (after `closing_balance`, as the totals rows are written).
//! - JSON: a top-level member `audit_checkpoint`.
//! - IATI: an XML comment before the closing tag (comments leave the schema's validity).

use rust_xlsxwriter::{Format, Worksheet};

use super::writer::COLUMNS;
use crate::audit::Checkpoint;
use crate::domain::csv_cell::Cell;
use crate::error::AppError;

/// The record name of the checkpoint row.
pub const RECORD: &str = "audit_checkpoint";
/// The column the checkpoint line goes in (`reference`).
const LINE_COLUMN: usize = 15;

pub fn csv_record(checkpoint: &Checkpoint) -> Vec<Cell> {
    // The service's own values: the line is JSON, it never starts a formula.
    let mut cells = vec![Cell::value(""); COLUMNS.len()];
    cells[0] = Cell::value(RECORD);
    cells[LINE_COLUMN] = Cell::value(checkpoint.to_line());
    cells
}

pub fn json_member(checkpoint: &Checkpoint) -> serde_json::Value {
    serde_json::to_value(checkpoint).unwrap_or_default()
}

pub fn xlsx_row(
    sheet: &mut Worksheet,
    row: u32,
    checkpoint: &Checkpoint,
    bold: &Format,
) -> Result<(), AppError> {
    let xlsx = |e: rust_xlsxwriter::XlsxError| AppError::internal(anyhow::Error::new(e));
    sheet
        .write_string_with_format(row, 0, RECORD, bold)
        .map_err(xlsx)?;
    sheet
        .write_string(row, LINE_COLUMN as u16, checkpoint.to_line())
        .map_err(xlsx)?;
    Ok(())
}

/// `<!-- trustfund-audit-checkpoint {…} -->` and a newline. The line holds hex, digits and
/// an RFC 3339 time, never `--`, so the comment is well-formed.
pub fn iati_comment(out: &mut Vec<u8>, checkpoint: &Checkpoint) {
    let line = checkpoint.to_line().replace("--", "- -");
    out.extend_from_slice(format!("<!-- trustfund-audit-checkpoint {line} -->\n").as_bytes());
}
