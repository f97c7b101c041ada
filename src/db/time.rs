//! Time as the database stores it: UTC, without offset, to the microsecond (PostgreSQL's
//! precision, so both backends round-trip the same value).

//! The time itself comes from the app's clock (`crate::clock`), read by the transaction.

use chrono::{DateTime, NaiveDateTime, Utc};

/// Stored UTC time back to an RFC 3339 value with its offset, for the wire.
pub fn to_utc(t: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}
