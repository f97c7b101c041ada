//! Chair designations: the Board's chair for a period `[from, to)` of at most a year.
//! A designation stands as recorded; when its trustee leaves early, the chair ends with
//! them (the effective period is cut at the appointment's early end), which frees the
//! rest of the period for a successor.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::Appointment;
use super::rules::Term;
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
}

impl From<ChairRow> for Chair {
    fn from(row: ChairRow) -> Chair {
        Chair {
            id: row.id,
            appointment_id: row.appointment_id,
            period: Term {
                start: row.starts_on,
                end: row.ends_on,
            },
            created_at: row.created_at,
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
