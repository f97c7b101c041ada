//! Grant applications: drafts, submission, withdrawal, screening, the state machine and
//! its history. Its use cases are the functions below; the JSON API's face over them is
//! `src/api/applications/`.

mod access;
mod call_cancelled;
mod checklist;
mod content;
mod drafts;
mod facts;
mod history;
mod model;
mod moves;
pub mod notices;
mod reads;
mod rules;
mod state;
mod view;

pub use access::{find_visible, may_read, visible_to};
pub use call_cancelled::{cancel_call, REASON_PREFIX};
pub use checklist::{ChecklistEntry, Criterion, CriterionCheck};
pub use content::{Beneficiaries, BudgetLine, Content};
pub use drafts::{create_application, edit_draft, DraftChange, NewApplication};
pub use facts::{facts_for_decision, DecisionFacts};
pub use history::{create_draft, history, move_to, transition, TransitionView};
pub use model::{find, list, Application, Filter};
pub use moves::{
    record_screening, screen, start_screening, submit, withdraw, Screening, MAX_SCREENING_REASONS,
};
pub use reads::{application_history, list_applications, show_application, ApplicationsQuery};
pub use state::{can_move, ApplicationState};
pub use view::{ApplicationSummary, ApplicationView};
