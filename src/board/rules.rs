//! The Board's rules as pure functions over plain values, so they can be tested without a
//! database and reused by every path that seats someone.
//!
//! Convention: a term is the half-open interval `[start, end)`. The trustee sits on
//! `start` and every day up to, but not including, `end`. A successor may therefore start
//! on the very day a predecessor's term ends, and the default three-year term starting
//! 2027-01-01 ends on 2030-01-01 (the last day served is 2029-12-31).

use chrono::{Months, NaiveDate};
use uuid::Uuid;

use crate::domain::RegionalGroup;

/// Seats on the Board (resolution 64/293, annex, para. 38).
pub const SEATS: usize = 5;
/// A term lasts three years.
pub const TERM_MONTHS: u32 = 36;
/// No more than two consecutive terms.
pub const MAX_CONSECUTIVE_TERMS: usize = 2;

/// A half-open interval of days, `[start, end)`, with `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Term {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day < self.end
    }

    pub fn overlaps(&self, other: &Term) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// An existing appointment as the rules see it: its effective term (cut short by an early
/// end) and its group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sitting {
    pub appointment_id: Uuid,
    pub name: String,
    pub group: RegionalGroup,
    pub term: Term,
}

/// Why a candidate cannot be seated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// On `on`, five other trustees already sit.
    SeatLimit { on: NaiveDate },
    /// `member` of the same group sits on some day of the candidate's term.
    GeographicBalance {
        group: RegionalGroup,
        member: Sitting,
    },
    /// The candidate's term would make `run` consecutive terms for the same person.
    TermLimit { run: usize },
}

/// The default end of a term starting on `start`: three years later (exclusive).
pub fn default_term_end(start: NaiveDate) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(TERM_MONTHS))
}

/// Why a term's dates are wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatesProblem {
    /// `term_end` is not after `term_start`.
    EndsBeforeStart,
    /// Longer than three years; the latest allowed end is given.
    TooLong { latest_end: NaiveDate },
}

/// A term must end after it starts and last at most three years.
pub fn check_term_dates(start: NaiveDate, end: NaiveDate) -> Result<Term, DatesProblem> {
    if end <= start {
        return Err(DatesProblem::EndsBeforeStart);
    }
    match default_term_end(start) {
        Some(latest_end) if end > latest_end => Err(DatesProblem::TooLong { latest_end }),
        _ => Ok(Term { start, end }),
    }
}

/// Seat limit first (a sixth seat on any day of the term), then geographic balance (a
/// second member of the candidate's group on any day of the term).
pub fn check_seat(
    existing: &[Sitting],
    group: RegionalGroup,
    candidate: Term,
) -> Result<(), Refusal> {
    let overlapping: Vec<&Sitting> = existing
        .iter()
        .filter(|s| s.term.overlaps(&candidate))
        .collect();
    // The count of sitting members only rises on a start day, so the busiest day of the
    // candidate's term is its first day or one on which another term starts.
    let days = std::iter::once(candidate.start).chain(
        overlapping
            .iter()
            .map(|s| s.term.start)
            .filter(|d| candidate.contains(*d)),
    );
    for day in days {
        if overlapping.iter().filter(|s| s.term.contains(day)).count() >= SEATS {
            return Err(Refusal::SeatLimit { on: day });
        }
    }
    if let Some(member) = overlapping
        .iter()
        .filter(|s| s.group == group)
        .min_by_key(|s| s.term.start)
    {
        return Err(Refusal::GeographicBalance {
            group,
            member: (*member).clone(),
        });
    }
    Ok(())
}

/// Two terms of one person are consecutive unless a full term (three years) passed between
/// them: the later one starts less than three years after the earlier one ended (an
/// early end counts from the day it took effect). Otherwise a break of a few days, or of
/// a year, would reset the count and let one person sit for nine years in a row.
fn consecutive(earlier: &Term, later: &Term) -> bool {
    let rested = default_term_end(earlier.end).unwrap_or(NaiveDate::MAX);
    later.start >= earlier.start && later.start < rested
}

/// One person (linked by account or by person reference, see `actions::appoint`) may
/// not serve more than two consecutive terms. `person_terms` are that person's other
/// terms (effective, i.e. cut short by an early end); the check looks both ways, so a
/// term slotted in before two existing ones is refused too.
pub fn check_term_limit(person_terms: &[Term], candidate: Term) -> Result<(), Refusal> {
    let mut terms: Vec<Term> = person_terms.to_vec();
    terms.push(candidate);
    terms.sort_by_key(|t| (t.start, t.end));
    let at = terms
        .iter()
        .position(|t| *t == candidate)
        .unwrap_or_default();
    let mut first = at;
    while first > 0 && consecutive(&terms[first - 1], &terms[first]) {
        first -= 1;
    }
    let mut last = at;
    while last + 1 < terms.len() && consecutive(&terms[last], &terms[last + 1]) {
        last += 1;
    }
    let run = last - first + 1;
    if run > MAX_CONSECUTIVE_TERMS {
        Err(Refusal::TermLimit { run })
    } else {
        Ok(())
    }
}

/// Why a chair designation is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChairProblem {
    /// The period is empty or longer than a year.
    Period,
    /// The trustee does not sit over the whole period.
    NotActive,
    /// Another chair's period overlaps; its appointment id is given.
    Overlap { other: Uuid },
}

/// A chair serves for a period `[from, to)` of at most one year, sits on the Board over
/// the whole of it, and no two chairs overlap. `chairs` are the existing designations,
/// each cut short at its trustee's early end.
pub fn check_chair(
    period: Term,
    trustee: Term,
    chairs: &[(Uuid, Term)],
) -> Result<(), ChairProblem> {
    let latest_end = period.start.checked_add_months(Months::new(12));
    if period.end <= period.start || latest_end.is_some_and(|latest| period.end > latest) {
        return Err(ChairProblem::Period);
    }
    if period.start < trustee.start || period.end > trustee.end {
        return Err(ChairProblem::NotActive);
    }
    match chairs.iter().find(|(_, t)| t.overlaps(&period)) {
        Some((other, _)) => Err(ChairProblem::Overlap { other: *other }),
        None => Ok(()),
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
