//! `GET /api/v1/reports/board`: the Board of Trustees' composition over the period.
//!
//! Every term that overlaps the period, with its member, nationality, regional group and
//! dates (the end cut short by a resignation or termination); for each of the five UN
//! regional groups, the days of the period on which a member of the group sat; and every
//! stretch of the period on which the Board was not whole and balanced (DOMAIN.md: five
//! seats, one member from each regional group): fewer than five members, or a group
//! without a member, or a group with more than one.

use chrono::NaiveDate;
use serde::Serialize;
use strum::VariantArray;
use utoipa::ToSchema;

use super::geography::serde_plain;
use super::period::Period;
use super::table::{Table, Tabular};
use crate::board::rules::SEATS;
use crate::board::{all_appointments, Seat};
use crate::db::{Actor, DbConnection};
use crate::domain::csv_cell::Cell;
use crate::domain::{AppointmentId, CountryCode, RegionalGroup};
use crate::error::AppError;

/// One term of one trustee, as far as it overlaps the period.
#[derive(Debug, Serialize, ToSchema)]
pub struct TermFigures {
    #[schema(value_type = uuid::Uuid)]
    pub appointment_id: AppointmentId,
    pub name: String,
    pub nationality: CountryCode,
    pub regional_group: RegionalGroup,
    #[schema(value_type = String, format = Date)]
    pub term_start: NaiveDate,
    /// Exclusive: the first day the trustee no longer sits (an early end if recorded).
    #[schema(value_type = String, format = Date)]
    pub term_end: NaiveDate,
    /// Days of the period on which this trustee sat.
    pub days_in_period: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupRepresentation {
    pub regional_group: RegionalGroup,
    pub name: String,
    /// Days of the period on which a member of the group sat.
    pub days_represented: i64,
    /// Days of the period on which none did.
    pub days_unrepresented: i64,
}

/// A stretch of the period (both ends inclusive) on which the Board was not five members,
/// one from each regional group.
#[derive(Debug, Serialize, ToSchema)]
pub struct Shortfall {
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    pub days: i64,
    /// Members sitting in that stretch.
    pub members: usize,
    /// Groups without a member.
    pub groups_missing: Vec<RegionalGroup>,
    /// Groups with more than one member (the service refuses such appointments; shown in
    /// case data from before that rule holds one).
    pub groups_doubled: Vec<RegionalGroup>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BoardReport {
    pub period: Period,
    /// Days in the period.
    pub days: i64,
    /// Seats on the Board.
    pub seats: usize,
    /// Every term overlapping the period, by regional group then start.
    pub terms: Vec<TermFigures>,
    /// All five groups, in the UN's order.
    pub regional_groups: Vec<GroupRepresentation>,
    /// Days on which five members sat, one from each group.
    pub days_whole_and_balanced: i64,
    /// The stretches on which it was not, in order; empty when it always was.
    pub shortfalls: Vec<Shortfall>,
}

fn days_between(start: NaiveDate, end: NaiveDate) -> i64 {
    (end - start).num_days().max(0)
}

/// The report from the seats (effective terms, `[start, end)`), for the days
/// `[period.from, period.to]`.
fn assemble(period: Period, mut seats: Vec<Seat>) -> BoardReport {
    let start = period.from;
    let end = period.to.succ_opt().unwrap_or(period.to);
    seats.retain(|s| s.term_start < end && start < s.term_end);
    seats.sort_by_key(|s| (s.group, s.term_start));
    let overlap = |s: &Seat| days_between(s.term_start.max(start), s.term_end.min(end));

    // Membership only changes on a start or an end: cut the period there.
    let mut cuts: Vec<NaiveDate> = vec![start, end];
    for s in &seats {
        for day in [s.term_start, s.term_end] {
            if start < day && day < end {
                cuts.push(day);
            }
        }
    }
    cuts.sort();
    cuts.dedup();

    let mut represented = [0_i64; 5];
    let mut whole = 0_i64;
    let mut shortfalls: Vec<Shortfall> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let days = days_between(a, b);
        let sitting: Vec<&Seat> = seats
            .iter()
            .filter(|s| s.term_start <= a && a < s.term_end)
            .collect();
        let mut missing = Vec::new();
        let mut doubled = Vec::new();
        for (g, group) in RegionalGroup::VARIANTS.iter().copied().enumerate() {
            let n = sitting.iter().filter(|s| s.group == group).count();
            if n == 0 {
                missing.push(group);
            } else {
                represented[g] += days;
            }
            if n > 1 {
                doubled.push(group);
            }
        }
        if sitting.len() == SEATS && missing.is_empty() && doubled.is_empty() {
            whole += days;
            continue;
        }
        let last = b.pred_opt().unwrap_or(b);
        match shortfalls.last_mut() {
            Some(prev)
                if prev.members == sitting.len()
                    && prev.groups_missing == missing
                    && prev.groups_doubled == doubled
                    && prev.to.succ_opt() == Some(a) =>
            {
                prev.to = last;
                prev.days += days;
            }
            _ => shortfalls.push(Shortfall {
                from: a,
                to: last,
                days,
                members: sitting.len(),
                groups_missing: missing,
                groups_doubled: doubled,
            }),
        }
    }
    let total = days_between(start, end);
    BoardReport {
        period,
        days: total,
        seats: SEATS,
        terms: seats
            .iter()
            .map(|s| TermFigures {
                appointment_id: s.appointment_id,
                name: s.name.clone(),
                nationality: s.nationality,
                regional_group: s.group,
                term_start: s.term_start,
                term_end: s.term_end,
                days_in_period: overlap(s),
            })
            .collect(),
        regional_groups: RegionalGroup::VARIANTS
            .iter()
            .copied()
            .zip(represented)
            .map(|(group, days)| GroupRepresentation {
                regional_group: group,
                name: group.name().to_string(),
                days_represented: days,
                days_unrepresented: total - days,
            })
            .collect(),
        days_whole_and_balanced: whole,
        shortfalls,
    }
}

/// The board report for `period`, from one snapshot (readers of the Fund's reports, as
/// the faces declare).
pub fn board_report(
    conn: &mut DbConnection,
    _actor: &Actor,
    period: Period,
) -> Result<BoardReport, AppError> {
    let seats = all_appointments(conn)?.iter().map(Seat::from).collect();
    Ok(assemble(period, seats))
}

fn groups(list: &[RegionalGroup]) -> String {
    list.iter().map(serde_plain).collect::<Vec<_>>().join(" ")
}

impl Tabular for BoardReport {
    fn header() -> &'static [&'static str] {
        &[
            "level",
            "regional_group",
            "name",
            "nationality",
            "from",
            "to",
            "days",
            "members",
            "groups_missing",
            "groups_doubled",
        ]
    }

    /// The terms (`to` exclusive, as in JSON), the groups, then the shortfalls (`to`
    /// inclusive), and a total row of whole and balanced days.
    fn rows(&self, table: &mut Table) {
        for t in &self.terms {
            table.row([
                ("level", Cell::value("term")),
                (
                    "regional_group",
                    Cell::value(serde_plain(&t.regional_group)),
                ),
                ("name", Cell::text(t.name.clone())),
                ("nationality", Cell::value(t.nationality.code())),
                ("from", Cell::value(t.term_start)),
                ("to", Cell::value(t.term_end)),
                ("days", Cell::value(t.days_in_period)),
            ]);
        }
        for g in &self.regional_groups {
            table.row([
                ("level", Cell::value("regional_group")),
                (
                    "regional_group",
                    Cell::value(serde_plain(&g.regional_group)),
                ),
                ("name", Cell::value(g.name.clone())),
                ("from", Cell::value(self.period.from)),
                ("to", Cell::value(self.period.to)),
                ("days", Cell::value(g.days_represented)),
            ]);
        }
        for s in &self.shortfalls {
            table.row([
                ("level", Cell::value("shortfall")),
                ("from", Cell::value(s.from)),
                ("to", Cell::value(s.to)),
                ("days", Cell::value(s.days)),
                ("members", Cell::value(s.members)),
                ("groups_missing", Cell::value(groups(&s.groups_missing))),
                ("groups_doubled", Cell::value(groups(&s.groups_doubled))),
            ]);
        }
        table.row([
            ("level", Cell::value("whole_and_balanced")),
            ("from", Cell::value(self.period.from)),
            ("to", Cell::value(self.period.to)),
            ("days", Cell::value(self.days_whole_and_balanced)),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn seat(nationality: &str, start: &str, end: &str) -> Seat {
        let nationality = CountryCode::parse(nationality).unwrap();
        Seat {
            appointment_id: crate::domain::AppointmentId::new(),
            user_id: None,
            name: format!("Trustee {}", nationality.code()),
            nationality,
            group: nationality.regional_group(),
            term_start: d(start),
            term_end: d(end),
        }
    }

    #[test]
    fn a_vacancy_shows_as_a_shortfall_and_a_group_unrepresented() {
        let period = Period {
            from: d("2026-01-01"),
            to: d("2026-01-31"),
        };
        let seats = vec![
            seat("GH", "2025-01-01", "2028-01-01"),
            seat("JP", "2025-01-01", "2028-01-01"),
            seat("PL", "2025-01-01", "2028-01-01"),
            seat("CL", "2025-01-01", "2028-01-01"),
            // Western Europe leaves on the 11th; its successor sits from the 21st.
            seat("FR", "2025-01-01", "2026-01-11"),
            seat("DE", "2026-01-21", "2029-01-21"),
            // Outside the period.
            seat("US", "2020-01-01", "2023-01-01"),
        ];
        let r = assemble(period, seats);
        assert_eq!(r.days, 31);
        assert_eq!(r.terms.len(), 6);
        assert_eq!(r.days_whole_and_balanced, 21);
        assert_eq!(r.shortfalls.len(), 1);
        let s = &r.shortfalls[0];
        assert_eq!(
            (s.from, s.to, s.days, s.members),
            (d("2026-01-11"), d("2026-01-20"), 10, 4)
        );
        assert_eq!(s.groups_missing, vec![RegionalGroup::WesternEuropeanOther]);
        let weog = r.regional_groups.last().unwrap();
        assert_eq!((weog.days_represented, weog.days_unrepresented), (21, 10));
        assert_eq!(r.regional_groups[0].days_represented, 31);
        let fr = r
            .terms
            .iter()
            .find(|t| t.nationality.code() == "FR")
            .unwrap();
        assert_eq!(fr.days_in_period, 10);
    }
}
