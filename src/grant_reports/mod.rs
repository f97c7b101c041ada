//! Grantee reports (DOMAIN.md, "Reports from grantees"): the grantee's applicants file
//! progress reports on each tranche and a final report; the secretariat accepts or returns
//! them. Beneficiaries are counts by sex, age group and form of exploitation, never a
//! person, and cumulative: each report counts everyone assisted from the grant's start to
//! its period's end (`cumulative.rs`), so a grant's latest accepted report holds its
//! figures. A returned report is kept as it was and filed again as a new version.
//!
//! Grants ask one question of these reports before paying a later tranche (are the
//! earlier tranches' reports accepted?); they read it from the reports' table themselves
//! (`crate::grants`), since this feature sits above theirs.

mod access;
mod actions;
mod budget;
mod content;
mod cumulative;
mod grant;
mod model;
mod notices;
mod reads;
pub mod reminders;
mod rules;
mod state;
mod tally;

pub use actions::{file, review, FileReport, Review};
pub use content::{BeneficiaryCount, NewReport, SpentLine};
pub use model::{count_for_grant, ReportView, ReviewView};
pub use reads::{list_reports, show_report, ListReports};
pub use state::{ReportKind, ReportState};
pub use tally::{tally_for_grant, ReportTally};
