//! What the Board's refusals carry beyond the standard problem members, read as a test
//! reads them (`Problem::extra_as`).

use chrono::NaiveDate;
use serde::Deserialize;
use trustfund::domain::CountryCode;
use uuid::Uuid;

/// `seat-limit`: the day on which all five seats are taken.
#[derive(Debug, Deserialize)]
pub struct SeatsTaken {
    pub on: NaiveDate,
}

/// `geographic-balance`: the group, and the member who already holds its seat.
#[derive(Debug, Deserialize)]
pub struct SeatHeld {
    /// The group's wire name (`western_european_other`).
    pub regional_group: String,
    pub member: SeatHolder,
}

#[derive(Debug, Deserialize)]
pub struct SeatHolder {
    pub appointment_id: Uuid,
    pub name: String,
    pub nationality: Option<CountryCode>,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
}

/// `term-limit`: the terms in a row the appointment would make.
#[derive(Debug, Deserialize)]
pub struct TermsInARow {
    pub consecutive_terms: u32,
}
