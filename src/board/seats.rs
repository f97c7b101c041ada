//! Who sits on a given day: the functions other features (Board votes) call, and the
//! Board's picture on a date that `GET /board` and `GET /board/balance` show. Status is
//! always derived from the dates and the day asked about; nothing runs on a timer.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use strum::VariantArray;
use utoipa::ToSchema;

use super::chair::{self, Chair};
use super::model::{self, Appointment};
use super::rules::SEATS;
use super::views::ChairDecision;
use crate::db::DbConnection;
use crate::domain::{AppointmentId, CountryCode, RegionalGroup, UserId};
use crate::error::AppError;

/// A trustee's seat on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub appointment_id: AppointmentId,
    pub user_id: Option<UserId>,
    pub name: String,
    pub nationality: CountryCode,
    pub group: RegionalGroup,
    pub term_start: NaiveDate,
    /// Exclusive: the first day the trustee no longer sits (the early end if any).
    pub term_end: NaiveDate,
}

impl From<&Appointment> for Seat {
    fn from(a: &Appointment) -> Seat {
        Seat {
            appointment_id: a.id,
            user_id: a.user_id,
            name: a.name.clone(),
            nationality: a.nationality,
            group: a.group(),
            term_start: a.term_start,
            term_end: a.effective_term().end,
        }
    }
}

/// The trustees sitting on `on`, in the UN's order of regional groups.
pub fn active_seats(conn: &mut DbConnection, on: NaiveDate) -> Result<Vec<Seat>, AppError> {
    let mut seats: Vec<Seat> = model::all(conn)?
        .iter()
        .filter(|a| a.is_active_on(on))
        .map(Seat::from)
        .collect();
    seats.sort_by_key(|s| (s.group, s.term_start));
    Ok(seats)
}

/// The seat held on `on` by the trustee signed in as `user_id`; `None` when that account
/// has no appointment sitting that day (a trustee whose term ended cannot act as one).
pub fn active_seat_of_user(
    conn: &mut DbConnection,
    user_id: UserId,
    on: NaiveDate,
) -> Result<Option<Seat>, AppError> {
    Ok(active_seats(conn, on)?
        .into_iter()
        .find(|s| s.user_id == Some(user_id)))
}

/// The appointment id of the chair on `on`, if one is designated and still sits.
pub fn chair_on(conn: &mut DbConnection, on: NaiveDate) -> Result<Option<AppointmentId>, AppError> {
    let appointments = model::all(conn)?;
    let chairs = chair::all(conn)?;
    Ok(chair::on(&chairs, &appointments, on).map(|c| c.appointment_id))
}

/// Terms that end within this many days of the date asked about are reported.
pub const ENDING_WITHIN_DAYS: u64 = 90;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MemberView {
    #[schema(value_type = uuid::Uuid)]
    pub appointment_id: AppointmentId,
    #[schema(value_type = Option<uuid::Uuid>)]
    pub user_id: Option<UserId>,
    pub name: String,
    pub nationality: CountryCode,
    pub regional_group: RegionalGroup,
    pub term_start: NaiveDate,
    /// Exclusive: the first day this trustee no longer sits (an early end if recorded).
    pub term_end: NaiveDate,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChairView {
    #[schema(value_type = uuid::Uuid)]
    pub appointment_id: AppointmentId,
    pub name: String,
    pub from: NaiveDate,
    /// Exclusive, cut short if the chair left the Board early: the chair's year ends the
    /// day before.
    pub to: NaiveDate,
    /// The Board's decision that chose this chair (none on older designations).
    pub board_decision: Option<ChairDecision>,
}

/// A warning is given this many days before the chair's year ends.
pub const CHAIR_WARNING_DAYS: u64 = 60;

/// What a warning on the Board is about.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum BoardWarningKind {
    /// The chair's year ends within 60 days and the Board has not chosen the next chair.
    ChairYearEnding,
    /// Trustees sit but no chair is designated.
    NoChair,
}

/// Something the secretariat should act on.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BoardWarning {
    pub kind: BoardWarningKind,
    pub detail: String,
    /// The day it is about: for `chair_year_ending`, the first day without this chair.
    pub on: NaiveDate,
}

/// The Board as it stands (or will stand) on one date.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BoardView {
    pub on: NaiveDate,
    pub seats: usize,
    pub members: Vec<MemberView>,
    pub vacancies: usize,
    pub groups_represented: Vec<RegionalGroup>,
    pub groups_missing: Vec<RegionalGroup>,
    pub chair: Option<ChairView>,
    /// Members whose term (or recorded early end) falls within 90 days after `on`.
    pub terms_ending_within_90_days: Vec<MemberView>,
    /// Who sits ex officio, without a vote and outside the five seats (DOMAIN.md).
    pub ex_officio: Vec<ExOfficioView>,
    /// What needs the secretariat's attention on `on`: the chair's year ending within 60
    /// days with no successor chosen, or no chair at all.
    pub warnings: Vec<BoardWarning>,
}

/// A seat held by virtue of an office, not an appointment: it never votes and counts
/// toward neither seats, quorum nor geographic balance.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ExOfficioView {
    /// The office that holds the seat.
    pub office: String,
    /// Who provides the office holder: the Fund's administrator.
    pub held_within: String,
    /// Always `false`: an ex officio member takes part without a vote.
    pub voting: bool,
}

/// The Fund Manager sits ex officio, without a vote (DOMAIN.md, "The Board").
fn fund_manager(administrator: String) -> ExOfficioView {
    ExOfficioView {
        office: "Fund Manager".to_string(),
        held_within: administrator,
        voting: false,
    }
}

fn member(seat: &Seat) -> MemberView {
    MemberView {
        appointment_id: seat.appointment_id,
        user_id: seat.user_id,
        name: seat.name.clone(),
        nationality: seat.nationality,
        regional_group: seat.group,
        term_start: seat.term_start,
        term_end: seat.term_end,
    }
}

fn chair_view(chair: &Chair, appointments: &[Appointment]) -> Option<ChairView> {
    let period = chair.effective(appointments);
    appointments
        .iter()
        .find(|a| a.id == chair.appointment_id)
        .map(|a| ChairView {
            appointment_id: a.id,
            name: a.name.clone(),
            from: period.start,
            to: period.end,
            board_decision: chair.decision.clone(),
        })
}

/// The chair's year ending within [`CHAIR_WARNING_DAYS`] of `on` with no successor
/// chosen, or trustees sitting without a chair.
fn warnings(
    chairs: &[Chair],
    appointments: &[Appointment],
    sitting: bool,
    on: NaiveDate,
) -> Vec<BoardWarning> {
    let Some(current) = chair::on(chairs, appointments, on) else {
        return if sitting {
            vec![BoardWarning {
                kind: BoardWarningKind::NoChair,
                detail: format!("no chair is designated on {on}: the Board chooses its chair"),
                on,
            }]
        } else {
            Vec::new()
        };
    };
    let end = current.effective(appointments).end;
    let horizon = on.checked_add_days(Days::new(CHAIR_WARNING_DAYS));
    if horizon.is_some_and(|h| end <= h) && !chair::successor_on(chairs, appointments, end) {
        let name = appointments
            .iter()
            .find(|a| a.id == current.appointment_id)
            .map_or("the chair", |a| a.name.as_str());
        let last_day = end.pred_opt().unwrap_or(end);
        return vec![BoardWarning {
            kind: BoardWarningKind::ChairYearEnding,
            detail: format!(
                "the year of {name} as chair ends on {last_day} (last day) and the Board has                  not chosen the next chair"
            ),
            on: end,
        }];
    }
    Vec::new()
}

/// The Board on `on`: who sits, which groups are represented and missing, the chair,
/// vacancies, and whose terms end within 90 days.
pub fn board_on(conn: &mut DbConnection, on: NaiveDate) -> Result<BoardView, AppError> {
    let appointments = model::all(conn)?;
    let chairs = chair::all(conn)?;
    let mut seats: Vec<Seat> = appointments
        .iter()
        .filter(|a| a.is_active_on(on))
        .map(Seat::from)
        .collect();
    seats.sort_by_key(|s| (s.group, s.term_start));
    let (groups_represented, groups_missing): (Vec<RegionalGroup>, Vec<RegionalGroup>) =
        RegionalGroup::VARIANTS
            .iter()
            .copied()
            .partition(|g| seats.iter().any(|s| s.group == *g));
    let horizon = on.checked_add_days(Days::new(ENDING_WITHIN_DAYS));
    let ending = seats
        .iter()
        .filter(|s| horizon.is_some_and(|h| s.term_end <= h))
        .map(member)
        .collect();
    Ok(BoardView {
        on,
        seats: SEATS,
        vacancies: SEATS.saturating_sub(seats.len()),
        members: seats.iter().map(member).collect(),
        groups_represented,
        groups_missing,
        chair: chair::on(&chairs, &appointments, on).and_then(|c| chair_view(&c, &appointments)),
        terms_ending_within_90_days: ending,
        ex_officio: vec![fund_manager(crate::fund::load(conn)?.administrator)],
        warnings: warnings(&chairs, &appointments, !seats.is_empty(), on),
    })
}
