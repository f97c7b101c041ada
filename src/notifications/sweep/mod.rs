//! The reminders' sweep: reminders that follow from the calendar, not from a change.
//! Each feature keeps its own kinds (a grantee report due or overdue, a trustee's term
//! ending, a vote waiting: see `Reminders` where each feature defines it); the app hands
//! them all to the sweep, which knows none of them.
//!
//! A sweep has two phases, so that it never holds the write lock while it reads the Fund:
//! 1. **find** (one read snapshot, no write lock): each kind's fixed number of set-based
//!    queries, whatever the number of grants and applications, give every reminder due
//!    now; those already queued (their key is in the outbox) are dropped;
//! 2. **queue** (write transactions of [`QUEUE_BATCH`] reminders): each reminder is checked
//!    again (a vote or a report may have arrived in between) and queued with a
//!    `dedup_key` naming what it reminds of, so it is sent once whatever how often, and
//!    on how many instances, the sweep runs: the enqueue checks the key inside the write
//!    transaction and the unique index on `dedup_key` is the last word.
//!
//! A sweep that finds nothing new opens no write transaction at all.

mod reminder;

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::NaiveDateTime;

use crate::db::{Actor, Db};
use crate::error::AppError;
use crate::supervise::Shutdown;

pub use reminder::{Find, Reminder, Reminders};

/// Reminders queued per write transaction: enough to make queueing cheap, few enough that
/// other writers wait milliseconds, not seconds, behind a sweep with much to send.
const QUEUE_BATCH: usize = 200;

/// How many reminders one sweep queued, by the outbox event of their mail.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepSummary(BTreeMap<&'static str, usize>);

impl SweepSummary {
    pub fn total(&self) -> usize {
        self.0.values().sum()
    }

    /// How many mails of `event` (`"grant_report.due"`, say) were queued.
    pub fn of(&self, event: &str) -> usize {
        self.0.get(event).copied().unwrap_or_default()
    }

    fn add(&mut self, event: &'static str, queued: usize) {
        if queued > 0 {
            *self.0.entry(event).or_default() += queued;
        }
    }

    fn merge(&mut self, other: SweepSummary) {
        for (event, queued) in other.0 {
            self.add(event, queued);
        }
    }
}

/// Runs the sweep as if the time were `now` (tests choose the clock). Running it again
/// queues nothing new.
pub async fn sweep_at(
    db: &Db,
    kinds: &'static [Reminders],
    now: NaiveDateTime,
) -> Result<SweepSummary, AppError> {
    let due = db.read(move |conn| reminder::due(conn, kinds, now)).await?;
    let mut summary = SweepSummary::default();
    let mut batches = due.into_iter().peekable();
    while batches.peek().is_some() {
        let batch: Vec<Box<dyn Reminder>> = batches.by_ref().take(QUEUE_BATCH).collect();
        let queued = db
            .write(Actor::system("mail.sweep"), move |tx| {
                let mut queued = SweepSummary::default();
                for reminder in &batch {
                    queued.add(reminder.event(), reminder.queue(tx, &reminder.key())?);
                }
                Ok(queued)
            })
            .await?;
        summary.merge(queued);
    }
    if summary.total() > 0 {
        tracing::info!(?summary, "reminders queued");
    }
    Ok(summary)
}

/// Runs the sweep every `every` until `shutdown` is requested (each reminder is still
/// sent once: the keys decide, not the timing). A failure is logged and tried again
/// later; a sweep under way when the stop comes is finished first.
pub async fn run(
    db: Db,
    kinds: &'static [Reminders],
    every: Duration,
    mut shutdown: Shutdown,
) -> anyhow::Result<()> {
    while !shutdown.is_requested() {
        if let Err(error) = sweep_at(&db, kinds, db.clock().now()).await {
            tracing::warn!(%error, "reminder sweep failed");
        }
        tokio::select! {
            () = tokio::time::sleep(every) => {}
            () = shutdown.requested() => {}
        }
    }
    Ok(())
}
