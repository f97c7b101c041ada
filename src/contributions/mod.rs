//! Contributions: donors, their pledges, and the money received against them, each
//! receipt posted to the ledger in USD at the UN operational rate of its month.

mod bounds;
mod donor;
mod model;
mod read;
mod receipts;
mod record;
mod rows;
mod summary;
mod view;

pub use model::{count, create, Donor, DonorType, NewReceipt};
pub use read::{get_contribution, list_contributions};
pub use receipts::{add_receipt, receipt_records, reverse_receipt, ReceiptRecord};
pub use record::{record_contribution, record_receipt, DonorInput, NewContribution, ReceiptEntry};
pub use summary::{ContributionSummary, RecordedReceiptView};
pub use view::{ContributionView, DonorView, ReceiptView};
