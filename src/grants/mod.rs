//! Grants: what an approved application becomes, with its award committed in the ledger;
//! then its agreement and tranche schedule, the disbursements that pay it, the refunds
//! that come back, reversals of either, its amendments (extensions, budget revisions,
//! award changes), its closure or cancellation, and any refund it is owed after (money
//! out). The rules over a grant's money are pure ([`book`]); every change runs in one
//! write transaction with its ledger entry and audit event.

mod agreement;
pub mod amendments;
pub mod book;
mod budget;
mod cancellation;
mod closure;
mod disbursements;
mod ledger_book;
mod model;
mod movement;
pub mod notices;
mod payee;
pub mod public_summary;
mod reads;
pub mod reconcile;
mod refunds;
mod reports_link;
mod reversal;
mod rows;
mod settlement;
mod tranche_gate;

pub use agreement::{sign as sign_agreement, tranche_count, NewAgreement};
pub use amendments::{
    amend, award_changes, AmendmentKind, AmendmentView, AwardChange, NewAmendment,
};
pub use budget::{BudgetLine, BudgetLineView};
pub use cancellation::{cancel, Cancel, CancellationView};
pub use closure::close;
pub use disbursements::{disburse, DisbursementView, EntryState, NewDisbursement};
pub use model::{
    create, find, list, AgreementView, GrantState, GrantView, TrancheState, TrancheView,
};
pub use payee::ensure_may_receive_money;
pub use public_summary::{
    approve_public_summary, show_public_summary, ApprovePublicSummary, PublicSummaryView,
};
pub use reads::{
    list_amendments, list_disbursements, list_grants, list_refunds, show_disbursement, show_grant,
    DisbursementRef, ListDisbursements, ListGrants,
};
pub use refunds::{refund, NewRefund, RefundView};
pub use reversal::reverse_entry;
pub use settlement::{write_off, WriteOff};
