//! What a feature hands the sweep: the reminders it finds due, each with its key and the
//! way it is queued. The sweep knows no feature; the features know their calendars.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::notifications;
use crate::db::{DbConnection, Tx};
use crate::error::AppError;

/// One reminder found due.
pub trait Reminder: Send + std::fmt::Debug {
    /// What it reminds of, once: each recipient's outbox row carries `<key>:<user id>`
    /// (see `messages::deliver`), and a key already in the outbox is not queued again.
    fn key(&self) -> String;

    /// The outbox event of its mail, which the sweep's summary counts it under.
    fn event(&self) -> &'static str;

    /// Queues it in `tx` under `key` if it still holds (a report filed or a vote cast
    /// since the sweep looked is not reminded of); how many mails it queued.
    fn queue(&self, tx: &mut Tx, key: &str) -> Result<usize, AppError>;
}

/// Finds the reminders of one kind due at a time, in a fixed number of queries.
pub type Find = fn(&mut DbConnection, NaiveDateTime) -> Result<Vec<Box<dyn Reminder>>, AppError>;

/// A kind of reminder a feature keeps: the outbox events its mails carry (whose keys
/// say what was already queued), and how to find those due.
#[derive(Clone, Copy)]
pub struct Reminders {
    pub events: &'static [&'static str],
    pub find: Find,
}

/// Every reminder of `kinds` due at `now` that was not queued before.
pub fn due(
    conn: &mut DbConnection,
    kinds: &[Reminders],
    now: NaiveDateTime,
) -> Result<Vec<Box<dyn Reminder>>, AppError> {
    let events: Vec<&str> = kinds.iter().flat_map(|kind| kind.events).copied().collect();
    let queued = queued_keys(conn, &events)?;
    let mut due = Vec::new();
    for kind in kinds {
        due.extend((kind.find)(conn, now)?);
    }
    due.retain(|reminder| !queued.contains(&reminder.key()));
    Ok(due)
}

/// The keys of the reminders in the outbox, without the recipient each row adds.
fn queued_keys(conn: &mut DbConnection, events: &[&str]) -> Result<HashSet<String>, AppError> {
    let rows: Vec<Option<String>> = notifications::table
        .filter(notifications::event.eq_any(events))
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
