//! The Fund's own reports (issue 12 item 2; DOMAIN.md, "Reports from the Fund"), read by
//! staff, trustees and auditors for a period: where the money went by regional group and
//! country and by form of exploitation and type of aid, what donors pledged and paid, whom
//! the grants meant to reach and reached, and who sat on the Board. Not the grantees' progress reports
//! (`grant_reports`, at `/api/v1/reports/{uuid}`): these paths are fixed words, which the
//! uuid pattern of that route never matches.
//!
//! Every figure of a report comes from one read snapshot (`Db::read`) and is summed by
//! the database, grouped, never by loading rows one by one. Where an application's
//! categories are a JSON list (forms of exploitation, types of aid, target beneficiaries),
//! the database sums per grant and the report attributes those sums to the categories.

pub mod beneficiaries;
pub mod board;
mod categories;
pub mod contributions;
pub mod exploitation;
pub mod geography;
pub mod period;
pub mod shares;
pub mod statements;
pub mod statements_xlsx;
mod sums;
pub mod table;

pub use beneficiaries::beneficiaries_report;
pub use board::board_report;
pub use contributions::contributions_report;
pub use exploitation::exploitation_report;
pub use geography::geography_report;
pub use period::Period;
pub use statements::statements;
pub use table::{csv, csv_file_name, Table, Tabular};
