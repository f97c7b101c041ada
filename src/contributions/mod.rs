//! Contributions: donors, their pledges, and the money received against them, each
//! receipt posted to the ledger in USD at the UN operational rate of its month.

mod bounds;
mod donor;
mod model;
mod rates;
mod read;
mod receipts;
mod record;
mod rows;
mod summary;
mod valuation;
mod view;

pub use model::{count, create, Donor, DonorType, NewReceipt};
pub use read::{get_contribution, list_contributions, pledges_valued, ValuedPledge};
pub use receipts::{add_receipt, receipt_records, reverse_receipt, ReceiptRecord};
pub use record::{record_contribution, record_receipt, DonorInput, NewContribution, ReceiptEntry};
pub use summary::{ContributionSummary, RecordedReceiptView};
pub use valuation::{value_pledge, MissingRate, PledgeValue, ReceivableView};
pub use view::{ContributionView, DonorView, ReceiptView};
