//! Grantee reports (DOMAIN.md, "Reports from grantees"): the grantee's applicants file
//! progress reports on each tranche and a final report; the secretariat accepts or returns
//! them. Beneficiaries are counts by sex, age group and form of exploitation, never a
//! person. A returned report is kept as it was and filed again as a new version.
//!
//! Other features ask one question of this one: [`accepted_through`], whether every
//! tranche up to `n` has an accepted report (a later tranche is paid only then).

mod gate;
mod state;

pub use gate::accepted_through;
pub use state::{ReportKind, ReportState};
