//! Trustees whose term ends soon (the secretariat is told).

use chrono::NaiveDate;

use crate::db::DbConnection;
use crate::error::AppError;

use super::{days, reminder::Reminder};

/// Each sitting trustee whose last day falls within `ENDING_WITHIN_DAYS` of `today`.
pub fn ending(conn: &mut DbConnection, today: NaiveDate) -> Result<Vec<Reminder>, AppError> {
    let horizon = days(today, crate::board::ENDING_WITHIN_DAYS);
    Ok(crate::board::active_seats(conn, today)?
        .into_iter()
        .filter_map(|seat| {
            // `term_end` is exclusive: the last day the trustee sits is the day before.
            let last_day = seat.term_end.pred_opt().unwrap_or(seat.term_end);
            (last_day <= horizon).then_some(Reminder::TermEnding {
                appointment: seat.appointment_id,
                trustee: seat.name,
                term_end: seat.term_end,
                last_day,
            })
        })
        .collect())
}
