//! Board votes on applications under review: votes, conflicts of interest (declared and
//! automatic), the decision rule, and awards within the money available. Its use cases
//! are the functions below; the JSON API's face over them is `src/api/voting.rs`.

mod ballots;
mod deciding;
mod decision;
mod dossier;
mod envelope;
mod model;
pub mod notices;
mod opening;
mod queue;
pub mod reminders;
pub mod rules;
mod secrecy;

pub use ballots::{cast_vote, declare_conflict, list_votes, Ballot, CastVote};
pub use deciding::{award_from_reserve_list, decide_application, show_decision};
pub use decision::record as record_decision;
pub use decision::{DecisionOutcome, DecisionStatus, DecisionView};
pub use dossier::{
    application_dossier, DossierApplication, DossierGrant, DossierOrganization, DossierView,
};
pub use model::{upsert_vote, voters, votes_on, RecusalView, VoteView, VotesView};
pub use opening::screen;
pub use queue::awaiting_my_vote;
