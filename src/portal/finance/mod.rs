//! The pages of finance: what waits (tranches due, months to close), contributions and
//! the money received on them, paying a tranche with its gates in view, closing a month,
//! the statements and their downloads.
//!
//! - [`home`]: `/` for finance.
//! - [`contributions`]: `/contributions` (the list, a new pledge) and [`receipts`]:
//!   `/contributions/{id}` (one contribution, money received on it at the month's rate).
//! - [`payments`]: `/payments/{grant}`, a grant as finance pays it.
//! - [`periods`]: `/periods`, the months of the books and closing the next one;
//!   [`statements`]: `/statements` and its CSV and Excel downloads.
//! - [`export`]: `/ledger-export`, the ledger export with what its file will hold (CSV,
//!   XLSX, JSON or the IATI activity file).
//! - [`refunds`]: `/payments/{grant}/refunds`, money a grantee returned.
//! - [`journal`]: `/journal`, the ledger's entries, and [`ledger`]: `/ledger/{entry}`, one
//!   entry read (finance and auditors) and reversed (finance).

mod contributions;
mod export;
mod home;
mod journal;
mod ledger;
mod payments;
mod periods;
mod receipts;
mod refunds;
mod statements;

use actix_web::web;

pub use home::home;

crate::portal_templates![
    "finance_home.html",
    "finance_contributions.html",
    "finance_contribution_new.html",
    "finance_contribution.html",
    "finance_payment.html",
    "finance_periods.html",
    "finance_statements.html",
    "finance_export.html",
    "finance_ledger_entry.html",
    "finance_journal.html",
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(contributions::list_page)
        .service(contributions::new_page)
        .service(contributions::post_new)
        .service(receipts::contribution_page)
        .service(receipts::post_receipt)
        .service(receipts::back_to_contribution)
        .service(payments::payment_page)
        .service(payments::post_payment)
        .service(periods::periods_page)
        .service(periods::post_close)
        .service(periods::back_to_periods)
        .service(statements::statements_page)
        .service(statements::statements_file)
        .service(export::export_page)
        .service(export::export_file)
        .service(refunds::post_refund)
        .service(refunds::back_to_payment)
        .service(ledger::entry_page)
        .service(ledger::post_reversal)
        .service(ledger::back_to_entry)
        .service(journal::journal_page);
}

/// A date typed in a form (`YYYY-MM-DD`, as a date field sends it).
fn typed_date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// One choice of a `select`.
#[derive(Debug, serde::Serialize)]
struct Choice {
    value: String,
    label: String,
}

impl Choice {
    fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}
