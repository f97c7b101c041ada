//! Chair designations: the Board's chair for a period `[from, to)` of at most a year.
//! A designation stands as recorded; when its trustee leaves early, the chair ends with
//! them (the effective period is cut at the appointment's early end), which frees the
//! rest of the period for a successor.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use uuid::Uuid;

use super::model::Appointment;
use super::rules::Term;
use crate::db::schema::board_chairs as bc;
use crate::db::DbConnection;
use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct Chair {
    pub id: Uuid,
    pub appointment_id: Uuid,
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

type Row = (String, String, NaiveDate, NaiveDate, NaiveDateTime);

fn from_row((id, appointment_id, start, end, created_at): Row) -> Result<Chair, AppError> {
    let parse = |t: &str| {
        Uuid::parse_str(t).map_err(|_| AppError::internal(anyhow::anyhow!("bad uuid {t:?}")))
    };
    Ok(Chair {
        id: parse(&id)?,
        appointment_id: parse(&appointment_id)?,
        period: Term { start, end },
        created_at,
    })
}

pub fn all(conn: &mut DbConnection) -> Result<Vec<Chair>, AppError> {
    bc::table
        .order((bc::starts_on.asc(), bc::id.asc()))
        .load::<Row>(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

pub fn insert(conn: &mut DbConnection, chair: &Chair) -> Result<(), AppError> {
    diesel::insert_into(bc::table)
        .values((
            bc::id.eq(chair.id.to_string()),
            bc::appointment_id.eq(chair.appointment_id.to_string()),
            bc::starts_on.eq(chair.period.start),
            bc::ends_on.eq(chair.period.end),
            bc::created_at.eq(chair.created_at),
        ))
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
