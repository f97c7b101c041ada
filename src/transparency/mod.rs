//! The Fund's public figures, open to anyone without signing in: where the money comes
//! from and goes, whom it reached and who sits on the Board (`/api/v1/public/*` and the
//! page `/transparency`).
//!
//! Nothing private is published. Only grants exist past an award, so only awarded grants
//! and the organisations funded appear ([`grants`]); Member State donors are named, every
//! other donor only within its donor type's sum; trustees by name and regional group only;
//! a grant's text only as the summary the secretariat approved for publication; no person,
//! account, bank detail or application is read. Counts of people follow the small-count
//! rule of [`count`]. Money is summed by the reports staff read (`crate::fund_reports`),
//! and the totals of money held are the ledger's own, so they reconcile to the cent.
//! The figures are served from each instance's [`snapshot`], refreshed after changes.

pub mod count;
pub mod figures;
pub mod grants;
pub mod snapshot;
pub mod tables;

pub use count::Count;
pub use figures::{public_figures, PublicFigures};
pub use snapshot::Snapshot;

/// The small-count rule, as each answer with counts states it.
pub const SMALL_COUNTS: &str = "a count from 1 to 4 people is shown as fewer_than_5; when \
a list adding up to a total has exactly one such count, its smallest other count above zero \
is withheld too, so the total never reveals a hidden count; zero is shown.";
