//! Pure domain value types.
//!
//! Every type here follows "parse, don't validate": its field is private, the only ways
//! in are a `parse` (or a constructor that cannot produce a bad value), and serde
//! deserialisation goes through the same `parse`. A value that exists is valid, so the
//! rest of the service never re-checks it.

mod author;
mod country;
mod country_table;
pub mod csv_cell;
mod currency;
mod currency_table;
mod dates;
mod decimal_text;
mod email;
mod ids;
mod language;
mod money;
mod month;
mod role;
pub mod text;

pub use author::Author;
pub use country::{CountryCode, RegionalGroup};
pub use currency::Currency;
pub use dates::{date, instant, optional_date, storable_date, QueryDate};
pub use email::Email;
pub use ids::{
    ApplicationId, AppointmentId, CallId, ChairId, ConflictId, ContributionId, GrantId,
    GrantReportId, LedgerTransactionId, OrganizationId, ReceiptId, UserId, VoteId,
};
pub use ids::{DisbursementId, DocumentId, NotificationId, RefundId};
pub use language::Language;
pub use money::{lower_median, spreadsheet_number, ExchangeRate, Money, PositiveMoney};
pub use month::Month;
pub use role::Role;
pub use text::{forbidden, invisible, PostalAddress, ShortText, Text};

/// Why a value was refused, as a sentence a user can act on
/// (e.g. "USD allows at most 2 decimal places, got 3").
///
/// One error type for every `parse`, so handlers can map it to a single 422 response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidValue(pub String);

impl InvalidValue {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}
