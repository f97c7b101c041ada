//! Chair designations: the Board's chair for a period `[from, to)` of at most a year.
//! A designation stands as recorded; when its trustee leaves early, the chair ends with
//! them (the effective period is cut at the appointment's early end), which frees the
//! rest of the period for a successor. Each designation records the Board's decision
//! (the meeting and its record): the Board chooses its chair, the secretariat records it.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::Appointment;
use super::rules::Term;
use super::views::ChairDecision;
use crate::db::schema::board_chairs as bc;
use crate::db::DbConnection;
use crate::domain::{AppointmentId, ChairId};
use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct Chair {
    pub id: ChairId,
    pub appointment_id: AppointmentId,
    pub period: Term,
    pub created_at: NaiveDateTime,
    /// The Board's decision that chose this chair (none on designations recorded before
    /// the decision was).
    pub decision: Option<ChairDecision>,
}

impl Chair {
    /// The period actually served: cut short when the trustee left early.
    pub fn effective(&self, appointments: &[Appointment]) -> Term {
        let served = appointments
            .iter()
            .find(|a| a.id == self.appointment_id)
            .map(Appointment::effective_term);
        match served {
            Some(t) => Term {
                start: self.period.start,
                end: self.period.end.min(t.end).max(self.period.start),
            },
            None => self.period,
        }
    }
}

/// A designation as stored: read as a `Queryable` row, written as an `Insertable` form.
#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = bc)]
struct ChairRow {
    id: ChairId,
    appointment_id: AppointmentId,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    created_at: NaiveDateTime,
    decided_on: Option<NaiveDate>,
    decision_reference: Option<String>,
}

impl From<ChairRow> for Chair {
    fn from(row: ChairRow) -> Chair {
        let decision = match (row.decided_on, row.decision_reference) {
            (Some(meeting_on), Some(record_reference)) => Some(ChairDecision {
                meeting_on,
                record_reference,
            }),
            _ => None,
        };
        Chair {
            id: row.id,
            appointment_id: row.appointment_id,
            period: Term {
                start: row.starts_on,
                end: row.ends_on,
            },
            created_at: row.created_at,
            decision,
        }
    }
}

pub fn all(conn: &mut DbConnection) -> Result<Vec<Chair>, AppError> {
    Ok(bc::table
        .order((bc::starts_on.asc(), bc::id.asc()))
        .select(ChairRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Chair::from)
        .collect())
}

pub fn insert(conn: &mut DbConnection, chair: &Chair) -> Result<(), AppError> {
    diesel::insert_into(bc::table)
        .values(ChairRow {
            id: chair.id,
            appointment_id: chair.appointment_id,
            starts_on: chair.period.start,
            ends_on: chair.period.end,
            created_at: chair.created_at,
            decided_on: chair.decision.as_ref().map(|d| d.meeting_on),
            decision_reference: chair.decision.as_ref().map(|d| d.record_reference.clone()),
        })
        .execute(conn)?;
    Ok(())
}

/// The chair on `day`, if any: the designation whose effective period holds that day.
pub fn on(chairs: &[Chair], appointments: &[Appointment], day: NaiveDate) -> Option<Chair> {
    chairs
        .iter()
        .find(|c| c.effective(appointments).contains(day))
        .cloned()
}

/// The designation that takes over on `day` (the day a chair's year ends), if the Board
/// already chose a successor (or the same chair again).
pub fn successor_on(chairs: &[Chair], appointments: &[Appointment], day: NaiveDate) -> bool {
    chairs
        .iter()
        .any(|c| c.effective(appointments).contains(day))
}
