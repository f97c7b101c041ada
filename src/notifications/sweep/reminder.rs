//! One reminder the sweep found due: its key, and how it is queued.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::notifications;
use crate::db::{DbConnection, Tx};
use crate::domain::{ApplicationId, AppointmentId, GrantId, UserId};
use crate::error::AppError;
use crate::notifications::messages;

use super::{reports, terms, votes, SweepSummary};

/// The outbox events of reminders: only their keys are looked up.
const REMINDER_EVENTS: [&str; 4] = [
    "grant_report.due",
    "grant_report.overdue",
    "board.term_ending",
    "voting.waiting",
];

#[derive(Debug, Clone, PartialEq)]
pub enum Reminder {
    /// The report on `tranche` (the final report when `None`) is due on `due`.
    Report {
        grant: GrantId,
        tranche: Option<i32>,
        due: NaiveDate,
        overdue: bool,
    },
    /// A trustee's term ends; `last_day` is the last day they sit.
    TermEnding {
        appointment: AppointmentId,
        trustee: String,
        term_end: NaiveDate,
        last_day: NaiveDate,
    },
    /// `trustee` may vote on `application`, under review since `since`, and has not.
    VoteWaiting {
        application: ApplicationId,
        appointment: AppointmentId,
        trustee: UserId,
        since: NaiveDate,
    },
}

impl Reminder {
    /// What the reminder is about, once: each recipient's outbox row carries
    /// `<key>:<user id>` (see `messages::deliver`).
    pub fn key(&self) -> String {
        match self {
            Reminder::Report {
                grant,
                tranche,
                due,
                overdue,
            } => {
                let kind = if *overdue { "overdue" } else { "due" };
                let place = tranche.map_or_else(|| "final".to_string(), |n| format!("tranche-{n}"));
                format!("report-{kind}:{grant}:{place}:{due}")
            }
            Reminder::TermEnding {
                appointment,
                term_end,
                ..
            } => format!("term-ending:{appointment}:{term_end}"),
            Reminder::VoteWaiting {
                application,
                appointment,
                ..
            } => format!("vote-waiting:{application}:{appointment}"),
        }
    }

    /// Queues the reminder in `tx` if it still holds (a report filed or a vote cast since
    /// the sweep looked is not reminded of) and was not queued before; counts what it
    /// queued in `summary`.
    pub fn queue(&self, tx: &mut Tx, summary: &mut SweepSummary) -> Result<(), AppError> {
        let key = self.key();
        match self {
            Reminder::Report {
                grant,
                tranche,
                due,
                overdue,
            } => {
                if !reports::still_due(tx.conn(), *grant, *tranche)? {
                    return Ok(());
                }
                let queued = messages::report_due(
                    tx,
                    *grant,
                    tranche.is_none(),
                    *tranche,
                    *due,
                    *overdue,
                    &key,
                )?;
                if *overdue {
                    summary.report_overdue += queued;
                } else {
                    summary.report_due += queued;
                }
            }
            Reminder::TermEnding {
                trustee, last_day, ..
            } => summary.term_ending += messages::term_ending(tx, trustee, *last_day, &key)?,
            Reminder::VoteWaiting {
                application,
                appointment,
                trustee,
                since,
            } => {
                if !votes::still_waiting(tx.conn(), *application, *appointment)? {
                    return Ok(());
                }
                summary.vote_waiting +=
                    messages::vote_waiting(tx, *application, *trustee, *since, &key)?;
            }
        }
        Ok(())
    }
}

/// Every reminder due at `now` that was not queued before, in a fixed number of queries.
pub fn due(conn: &mut DbConnection, now: NaiveDateTime) -> Result<Vec<Reminder>, AppError> {
    let queued = queued_keys(conn)?;
    let mut due = reports::due(conn, now.date())?;
    due.extend(terms::ending(conn, now.date())?);
    due.extend(votes::waiting(conn, now)?);
    due.retain(|reminder| !queued.contains(&reminder.key()));
    Ok(due)
}

/// The keys of the reminders in the outbox, without the recipient each row adds.
fn queued_keys(conn: &mut DbConnection) -> Result<HashSet<String>, AppError> {
    let rows: Vec<Option<String>> = notifications::table
        .filter(notifications::event.eq_any(REMINDER_EVENTS))
        .filter(notifications::dedup_key.is_not_null())
        .select(notifications::dedup_key)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .flatten()
        .filter_map(|row_key| {
            row_key
                .rsplit_once(':')
                .map(|(reminder_key, _recipient)| reminder_key.to_string())
        })
        .collect())
}
