//! Calls for proposals: published by the secretariat, read by everyone signed in, changed
//! before their deadline within what submitted applications rely on, or cancelled (see
//! `changes`), and what each has committed of its envelope.

mod categories;
mod changes;
mod envelope;
mod model;
pub mod notices;
mod publishing;
mod rules;

pub(crate) use categories::{first_duplicate, from_json_text, to_json_text};
pub use categories::{AgeGroup, AidType, Exploitation, PriorityGroup, Sex};
pub use changes::{amend_call, mark_cancelled, CallChange};
pub use envelope::{committed_under, envelope_use, left, EnvelopeUse};
pub use model::{create, find, Call, CallStatus, CallView, NewCall};
pub use notices::organizations_concerned;
pub use publishing::{list_calls, publish_call, show_call, CallDetail, CallFilter, CallTerms};
pub use rules::{check_not_cancelled, check_terms, DURATION_MONTHS};
