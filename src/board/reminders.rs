//! Reminders to the secretariat: each sitting trustee whose last day falls within
//! [`ENDING_WITHIN_DAYS`] days, and the chair's year ending within [`CHAIR_WARNING_DAYS`]
//! days while the Board has not chosen the next chair (the warning `GET /board` shows).
//! Each is keyed by what it reminds of, so it is sent once across sweeps and instances.

use chrono::{Days, NaiveDate};

use crate::db::{DbConnection, Tx};
use crate::domain::{AppointmentId, Role};
use crate::error::AppError;
use crate::notifications::sweep::{Reminder, Reminders};

use super::{chair, model, CHAIR_WARNING_DAYS, ENDING_WITHIN_DAYS};

const EVENT: &str = "board.term_ending";
const CHAIR_EVENT: &str = "board.chair_year_ending";

/// The sweep's view of these reminders.
pub const REMINDERS: Reminders = Reminders {
    events: &[EVENT, CHAIR_EVENT],
    find: |conn, now| {
        let today = now.date();
        let terms = ending(conn, today)?
            .into_iter()
            .map(|r| Box::new(r) as Box<dyn Reminder>);
        let chair = chair_ending(conn, today)?
            .into_iter()
            .map(|r| Box::new(r) as Box<dyn Reminder>);
        Ok(terms.chain(chair).collect())
    },
};

/// The chair's year ends (`end`, exclusive) and no successor is chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct ChairYearEnding {
    designation: crate::domain::ChairId,
    chair: String,
    end: NaiveDate,
}

impl Reminder for ChairYearEnding {
    fn key(&self) -> String {
        format!("chair-year-ending:{}:{}", self.designation, self.end)
    }

    fn event(&self) -> &'static str {
        CHAIR_EVENT
    }

    fn queue(&self, tx: &mut Tx, key: &str) -> Result<usize, AppError> {
        let secretariat = crate::users::recipients::with_role(tx.conn(), Role::Secretariat)?;
        crate::notifications::deliver(
            tx,
            "chair_year_ending",
            CHAIR_EVENT,
            &secretariat,
            &minijinja::context! {
                trustee => self.chair.as_str(),
                last_day => self.end.pred_opt().unwrap_or(self.end).to_string(),
            },
            Some(key),
        )
    }
}

fn chair_ending(
    conn: &mut DbConnection,
    today: NaiveDate,
) -> Result<Option<ChairYearEnding>, AppError> {
    let appointments = model::all(conn)?;
    let chairs = chair::all(conn)?;
    let Some(current) = chair::on(&chairs, &appointments, today) else {
        return Ok(None);
    };
    let end = current.effective(&appointments).end;
    let horizon = today
        .checked_add_days(Days::new(CHAIR_WARNING_DAYS))
        .unwrap_or(today);
    if end > horizon || chair::successor_on(&chairs, &appointments, end) {
        return Ok(None);
    }
    let name = appointments
        .iter()
        .find(|a| a.id == current.appointment_id)
        .map_or_else(String::new, |a| a.name.clone());
    Ok(Some(ChairYearEnding {
        designation: current.id,
        chair: name,
        end,
    }))
}

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
