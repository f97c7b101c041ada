//! The reminders' sweep: reminders that follow from the calendar, not from a change.
//!
//! - a grantee report due within [`REPORT_DUE_WITHIN_DAYS`] days, and one overdue (to the
//!   organisation). The report on tranche n is due on the due date of tranche n + 1 (the
//!   payment it unlocks); the final report [`FINAL_REPORT_DAYS`] days after the project
//!   period ends. A report filed (submitted or accepted) is not reminded of;
//! - a trustee's term ending within [`crate::board::ENDING_WITHIN_DAYS`] days (to the
//!   secretariat);
//! - an application under review waiting [`VOTE_WAITING_DAYS`] days on a trustee who may
//!   vote and has not (to that trustee).
//!
//! A sweep has two phases, so that it never holds the write lock while it reads the Fund:
//! 1. **find** (one read snapshot, no write lock): a fixed number of set-based queries,
//!    whatever the number of grants and applications, give every reminder due now; those
//!    already queued (their key is in the outbox) are dropped;
//! 2. **queue** (write transactions of [`QUEUE_BATCH`] reminders): each reminder is checked
//!    again (a vote or a report may have arrived in between) and queued with a
//!    `dedup_key` naming what it reminds of, so it is sent once whatever how often, and
//!    on how many instances, the sweep runs: the enqueue checks the key inside the write
//!    transaction and the unique index on `dedup_key` is the last word.
//!
//! A sweep that finds nothing new opens no write transaction at all.

mod reminder;
mod reports;
mod terms;
mod votes;

use std::time::Duration;

use chrono::{Days, NaiveDate, NaiveDateTime};

use crate::db::{Actor, Db};
use crate::error::AppError;
use crate::supervise::Shutdown;

use reminder::Reminder;

/// A report due within this many days is reminded of.
pub const REPORT_DUE_WITHIN_DAYS: u64 = 14;
/// The final report is due this many days after the project period ends.
pub const FINAL_REPORT_DAYS: u64 = 30;
/// A trustee who has not voted this many days after voting opened is reminded.
pub const VOTE_WAITING_DAYS: i64 = 7;
/// Reminders queued per write transaction: enough to make queueing cheap, few enough that
/// other writers wait milliseconds, not seconds, behind a sweep with much to send.
const QUEUE_BATCH: usize = 200;

/// How many reminders one sweep queued, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepSummary {
    pub report_due: usize,
    pub report_overdue: usize,
    pub term_ending: usize,
    pub vote_waiting: usize,
}

impl SweepSummary {
    pub fn total(&self) -> usize {
        self.report_due + self.report_overdue + self.term_ending + self.vote_waiting
    }

    fn add(&mut self, other: SweepSummary) {
        self.report_due += other.report_due;
        self.report_overdue += other.report_overdue;
        self.term_ending += other.term_ending;
        self.vote_waiting += other.vote_waiting;
    }
}

/// Runs the sweep as if the time were `now` (tests choose the clock). Running it again
/// queues nothing new.
pub async fn sweep_at(db: &Db, now: NaiveDateTime) -> Result<SweepSummary, AppError> {
    let due: Vec<Reminder> = db.read(move |conn| reminder::due(conn, now)).await?;
    let mut summary = SweepSummary::default();
    let mut batches = due.into_iter().peekable();
    while batches.peek().is_some() {
        let batch: Vec<Reminder> = batches.by_ref().take(QUEUE_BATCH).collect();
        let queued = db
            .write(Actor::system("mail.sweep"), move |tx| {
                let mut queued = SweepSummary::default();
                for reminder in &batch {
                    reminder.queue(tx, &mut queued)?;
                }
                Ok(queued)
            })
            .await?;
        summary.add(queued);
    }
    if summary.total() > 0 {
        tracing::info!(?summary, "reminders queued");
    }
    Ok(summary)
}

fn days(date: NaiveDate, n: u64) -> NaiveDate {
    date.checked_add_days(Days::new(n)).unwrap_or(date)
}

/// Runs the sweep every `every` until `shutdown` is requested (each reminder is still
/// sent once: the keys decide, not the timing). A failure is logged and tried again
/// later; a sweep under way when the stop comes is finished first.
pub async fn run(db: Db, every: Duration, mut shutdown: Shutdown) -> anyhow::Result<()> {
    while !shutdown.is_requested() {
        if let Err(error) = sweep_at(&db, crate::db::now()).await {
            tracing::warn!(%error, "reminder sweep failed");
        }
        tokio::select! {
            () = tokio::time::sleep(every) => {}
            () = shutdown.requested() => {}
        }
    }
    Ok(())
}
