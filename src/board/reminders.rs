//! Reminders of trustees' terms ending (to the secretariat): each sitting trustee whose
//! last day falls within [`ENDING_WITHIN_DAYS`] days.

use chrono::{Days, NaiveDate};

use crate::db::{DbConnection, Tx};
use crate::domain::{AppointmentId, Role};
use crate::error::AppError;
use crate::notifications::sweep::{Reminder, Reminders};

use super::ENDING_WITHIN_DAYS;

const EVENT: &str = "board.term_ending";

/// The sweep's view of these reminders.
pub const REMINDERS: Reminders = Reminders {
    events: &[EVENT],
    find: |conn, now| {
        Ok(ending(conn, now.date())?
            .into_iter()
            .map(|r| Box::new(r) as Box<dyn Reminder>)
            .collect())
    },
};

/// A trustee's term ends; `last_day` is the last day they sit.
#[derive(Debug, Clone, PartialEq)]
pub struct TermEnding {
    appointment: AppointmentId,
    trustee: String,
    term_end: NaiveDate,
    last_day: NaiveDate,
}

impl Reminder for TermEnding {
    fn key(&self) -> String {
        format!("term-ending:{}:{}", self.appointment, self.term_end)
    }

    fn event(&self) -> &'static str {
        EVENT
    }

    fn queue(&self, tx: &mut Tx, key: &str) -> Result<usize, AppError> {
        let secretariat = crate::users::recipients::with_role(tx.conn(), Role::Secretariat)?;
        crate::notifications::deliver(
            tx,
            "term_ending",
            EVENT,
            &secretariat,
            &minijinja::context! {
                trustee => self.trustee.as_str(),
                last_day => self.last_day.to_string(),
            },
            Some(key),
        )
    }
}

fn ending(conn: &mut DbConnection, today: NaiveDate) -> Result<Vec<TermEnding>, AppError> {
    let horizon = today
        .checked_add_days(Days::new(ENDING_WITHIN_DAYS))
        .unwrap_or(today);
    Ok(super::active_seats(conn, today)?
        .into_iter()
        .filter_map(|seat| {
            // `term_end` is exclusive: the last day the trustee sits is the day before.
            let last_day = seat.term_end.pred_opt().unwrap_or(seat.term_end);
            (last_day <= horizon).then_some(TermEnding {
                appointment: seat.appointment_id,
                trustee: seat.name,
                term_end: seat.term_end,
                last_day,
            })
        })
        .collect())
}
