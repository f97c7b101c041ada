//! Calls for proposals: published by the secretariat, read by everyone signed in, never
//! edited once published (see `publishing`), and what each has committed of its envelope.

mod categories;
mod envelope;
mod model;
mod publishing;
mod rules;

pub(crate) use categories::{first_duplicate, from_json_text, to_json_text};
pub use categories::{AgeGroup, AidType, Exploitation, PriorityGroup, Sex};
pub use envelope::{committed_under, envelope_use, left, EnvelopeUse};
pub use model::{create, find, Call, CallStatus, CallView, NewCall};
pub use publishing::{list_calls, publish_call, show_call, CallDetail, CallFilter, CallTerms};
pub use rules::{check_terms, DURATION_MONTHS};
