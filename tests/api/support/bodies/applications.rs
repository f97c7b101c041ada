//! Bodies of the application features: edits of a draft and withdrawals.

use trustfund::api::applications::{UpdateApplicationRequest, WithdrawApplicationRequest};

use super::text;

/// An edit of a draft that changes nothing: a test sets the fields its story changes
/// (`UpdateApplicationRequest { title: Some(short("…")), ..bodies::no_change() }`).
pub fn no_change() -> UpdateApplicationRequest {
    UpdateApplicationRequest {
        title: None,
        summary: None,
        countries: None,
        beneficiaries: None,
        exploitation: None,
        aid_types: None,
        requested: None,
        duration_months: None,
        budget_lines: None,
    }
}

/// A withdrawal, saying why.
pub fn withdrawal(reason: &str) -> WithdrawApplicationRequest {
    WithdrawApplicationRequest {
        reason: text(reason),
    }
}
