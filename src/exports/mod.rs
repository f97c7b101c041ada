//! Ledger exports (issue 12 items 1 and 3): the ledger's entries for a period, with the
//! opening balance, the movements and the closing balance, as CSV, JSON, Excel or IATI
//! activity XML, over HTTP (`GET /api/v1/ledger/export`) and on the command line
//! (`trustfund export`).

pub mod checkpoint;
pub mod cli;
pub mod filter;
pub mod iati;
pub mod rows;
pub mod writer;
pub mod xlsx;

pub use filter::{ExportFilter, ExportFormat, ExportKind, ExportQuery};
pub use rows::Header;

use crate::db::{Actor, DbConnection};
use crate::error::AppError;

/// What an export of `filter` starts from (its window of entries, the opening balance),
/// read for a reader of the ledger (as the faces declare) before any byte is sent, so a
/// database that is down is answered properly.
pub fn open_export(
    conn: &mut DbConnection,
    _actor: &Actor,
    filter: &ExportFilter,
) -> Result<Header, AppError> {
    rows::header(conn, filter, false)
}
