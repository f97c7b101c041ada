//! Every path of the API the tests call, in one place: a test names an operation through
//! the typed client (`support::resources`), or, when it sends something malformed on
//! purpose, through the raw helper with a path from here.

use std::fmt::Display;

use serde::Serialize;

const API: &str = "/api/v1";

/// `path` with `query` (any serde-serializable pairs or struct) as its query string.
pub fn with_query(path: String, query: &(impl Serialize + ?Sized)) -> String {
    let query = serde_urlencoded::to_string(query).expect("a query serializes");
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

pub fn login() -> String {
    format!("{API}/auth/login")
}

pub fn me() -> String {
    format!("{API}/me")
}

pub fn my_password() -> String {
    format!("{API}/me/password")
}

pub fn users() -> String {
    format!("{API}/users")
}

pub fn user(id: impl Display) -> String {
    format!("{API}/users/{id}")
}

pub fn user_password(id: impl Display) -> String {
    format!("{API}/users/{id}/password")
}

pub fn audit() -> String {
    format!("{API}/audit")
}

pub fn audit_verify() -> String {
    format!("{API}/audit/verify")
}

pub fn organizations() -> String {
    format!("{API}/organizations")
}

pub fn registration() -> String {
    format!("{API}/organizations/register")
}

pub fn organization(id: impl Display) -> String {
    format!("{API}/organizations/{id}")
}

pub fn organization_verification(id: impl Display) -> String {
    format!("{API}/organizations/{id}/verification")
}

pub fn organization_users(id: impl Display) -> String {
    format!("{API}/organizations/{id}/users")
}

pub fn calls() -> String {
    format!("{API}/calls")
}

pub fn call(id: impl Display) -> String {
    format!("{API}/calls/{id}")
}

pub fn applications() -> String {
    format!("{API}/applications")
}

pub fn application(id: impl Display) -> String {
    format!("{API}/applications/{id}")
}

/// One of an application's operations: `submit`, `withdraw`, `screening`,
/// `screening/start`, `history`, `votes`, `conflicts`, `decision`, `award`.
pub fn application_op(id: impl Display, operation: &str) -> String {
    format!("{API}/applications/{id}/{operation}")
}

pub fn board() -> String {
    format!("{API}/board")
}

pub fn board_balance() -> String {
    format!("{API}/board/balance")
}

pub fn regional_groups() -> String {
    format!("{API}/regional-groups")
}

pub fn appointments() -> String {
    format!("{API}/board/appointments")
}

pub fn appointment(id: impl Display) -> String {
    format!("{API}/board/appointments/{id}")
}

pub fn appointment_end(id: impl Display) -> String {
    format!("{API}/board/appointments/{id}/end")
}

pub fn chair() -> String {
    format!("{API}/board/chair")
}

pub fn contributions() -> String {
    format!("{API}/contributions")
}

pub fn contribution(id: impl Display) -> String {
    format!("{API}/contributions/{id}")
}

pub fn receipts(contribution: impl Display) -> String {
    format!("{API}/contributions/{contribution}/receipts")
}

pub fn fund() -> String {
    format!("{API}/fund")
}

pub fn fund_settings() -> String {
    format!("{API}/fund/settings")
}

pub fn grants() -> String {
    format!("{API}/grants")
}

pub fn grant(id: impl Display) -> String {
    format!("{API}/grants/{id}")
}

pub fn ledger() -> String {
    format!("{API}/ledger")
}

pub fn ledger_check() -> String {
    format!("{API}/ledger/check")
}

/// One of a grant's operations: `agreement`, `disbursements`, `refunds`, `cancellation`,
/// `write-off`, `amendments`, `reports`.
pub fn grant_op(id: impl Display, operation: &str) -> String {
    format!("{API}/grants/{id}/{operation}")
}

pub fn disbursement(grant: impl Display, id: impl Display) -> String {
    format!("{API}/grants/{grant}/disbursements/{id}")
}

pub fn report(id: impl Display) -> String {
    format!("{API}/reports/{id}")
}

pub fn report_review(id: impl Display) -> String {
    format!("{API}/reports/{id}/review")
}

pub fn ledger_transaction(id: impl Display) -> String {
    format!("{API}/ledger/transactions/{id}")
}

pub fn reversal(transaction: impl Display) -> String {
    format!("{API}/ledger/transactions/{transaction}/reversal")
}

/// One of the Fund's reports: `geography`, `exploitation`, `beneficiaries`, `board`, ….
pub fn fund_report(name: &str) -> String {
    format!("{API}/reports/{name}")
}

pub fn call_cancellation(id: impl Display) -> String {
    format!("{API}/calls/{id}/cancellation")
}

pub fn notifications() -> String {
    format!("{API}/notifications")
}

pub fn notification_retry(id: impl Display) -> String {
    format!("{API}/notifications/{id}/retry")
}

pub fn ledger_export() -> String {
    format!("{API}/ledger/export")
}

/// The service's published contract.
pub fn openapi() -> String {
    format!("{API}/openapi.json")
}

/// A record's documents: `record` is `organizations`, `applications`, `grants`, `reports`,
/// `disbursements` or `refunds`.
pub fn record_documents(record: &str, id: impl Display) -> String {
    format!("{API}/{record}/{id}/documents")
}

pub fn amendment_documents(grant: impl Display, version: i32) -> String {
    format!("{API}/grants/{grant}/amendments/{version}/documents")
}

pub fn document(id: impl Display) -> String {
    format!("{API}/documents/{id}")
}

pub fn document_content(id: impl Display) -> String {
    format!("{API}/documents/{id}/content")
}

pub fn document_versions(id: impl Display) -> String {
    format!("{API}/documents/{id}/versions")
}

pub fn ledger_periods() -> String {
    format!("{API}/ledger/periods")
}

/// `period` as `YYYY-MM` (or malformed on purpose).
pub fn ledger_period_close(period: &str) -> String {
    format!("{API}/ledger/periods/{period}/close")
}

/// A month's rates of exchange; `month` as `YYYY-MM` (or malformed on purpose).
pub fn exchange_rates_of(month: &str) -> String {
    format!("{API}/exchange-rates/{month}")
}

/// Rates of exchange read by query (`month`).
pub fn exchange_rates() -> String {
    format!("{API}/exchange-rates")
}

/// The Fund's statements (`from`, `to`, `format`).
pub fn statements() -> String {
    format!("{API}/statements")
}
