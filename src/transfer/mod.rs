//! A Fund's data as a whole: `trustfund backup` writes every row to a file in a portable
//! form (the same from SQLite or PostgreSQL), `trustfund restore` loads one into an empty
//! database, `trustfund migrate-data --to URL` moves a Fund from one database to another
//! (SQLite to PostgreSQL the day it goes into production, or back). Rows are read in one
//! snapshot while the service keeps serving and writing, with the audit chain's head, the
//! ledger's balances and every table's row count beside them; on arrival the audit chain
//! must verify with the same head, the ledger check pass with the same balances, every
//! document match its hash and every table hold as many rows.
//!
//! The file is JSON lines: a header (`{"trustfund_data": 1, "facts": …, "tables": …}`),
//! then one line per row (`{"t": table, "r": {column: value}}`), parents before children,
//! then a trailer with the counts (`{"end": {table: rows}}`); a file cut short has no
//! trailer and is refused.

mod catalog;
pub mod cli;
mod dump;
mod facts;
mod load;
mod portable;
