//! Above the ledger: the features that own ledger entries, brought together. A reversal
//! request is sent to the feature that owns the entry (a receipt to contributions, which
//! records that its receipt is reversed; a grant's commitment is refused, released only
//! by the grant's own lifecycle), and the integrity check reconciles every owner (each
//! receipt, each grant) against its postings on top of the ledger's own invariants.
//!
//! `GET /api/v1/ledger/check`, `POST /api/v1/ledger/transactions/{id}/reversal`,
//! `trustfund ledger check`.

mod check;
pub mod cli;
mod reconcile;
mod reverse;

pub use check::{check_ledger, run_check, CheckReport};
pub use reverse::{reverse, reverse_entry, Reversal};
