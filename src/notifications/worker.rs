//! Delivery: claim due rows in the database, send them outside the claim, record the
//! outcome. Safe with any number of instances running it against one database.
//!
//! Why the claim and the outcomes (`sending`, `sent`, `pending` again, `failed`) are not
//! audit events: they are bookkeeping of delivery, not changes to the Fund's state. The
//! business change that caused a mail is audited already, in the very transaction that
//! queued the mail (the row itself is its evidence: recipient, event, subject, when sent,
//! attempts, last error). Auditing each attempt would also put the audit chain's write
//! lock (see `Tx`) on the delivery path, so a slow SMTP server or a retry storm would
//! queue behind, and hold up, every business change; and it would fill the trail with
//! operational noise an auditor must wade through. So these run through `Db::counters`
//! (single self-committing statements, like sign-in throttling), never `Db::write`.
//! What IS audited is a person's decision about a mail: the admin's retry of a failed one
//! (`notification.retried`, see `handlers::retry`), made through `Db::write`.

use std::iter::once;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};
use tracing::Instrument;

use super::outbox::NotificationStatus;
use super::transport::{Envelope, SendError, Transport};
use crate::config::MailSettings;
use crate::db::schema::notifications;
use crate::db::{dialect, Db, DbConnection};
use crate::error::AppError;
use crate::supervise::Shutdown;

/// The longest wait between two attempts.
const MAX_BACKOFF_SECS: u64 = 24 * 60 * 60;

/// How long to wait before the attempt after `attempts` failed ones: `base`, then twice
/// as long each time, at most a day.
pub fn backoff(base_secs: u64, attempts: u32) -> chrono::Duration {
    let doublings = attempts.saturating_sub(1).min(32);
    let secs = base_secs
        .max(1)
        .saturating_mul(1u64 << doublings)
        .min(MAX_BACKOFF_SECS);
    chrono::Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunSummary {
    pub claimed: usize,
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// A claimed row: what the send needs.
#[derive(Debug, QueryableByName)]
struct Claimed {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    recipient: String,
    #[diesel(sql_type = Text)]
    event: String,
    #[diesel(sql_type = Text)]
    subject: String,
    #[diesel(sql_type = Text)]
    text_body: String,
    #[diesel(sql_type = Text)]
    html_body: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    attempts: i32,
}

// One statement claims a batch: due pending rows and rows whose lease ran out, marked
// `sending` for this instance until the lease ends, their attempt counted. `{lock}` is the
// dialect's `skip_locked`: on PostgreSQL concurrent instances take disjoint batches instead
// of blocking on (or both taking) the same rows; SQLite runs one writer at a time.
const CLAIM: &str = "UPDATE notifications \
    SET status = 'sending', claimed_until = $1, claimed_by = $2, attempts = attempts + 1 \
    WHERE id IN (SELECT id FROM notifications \
        WHERE (status = 'pending' AND next_attempt_at <= $3) \
           OR (status = 'sending' AND claimed_until <= $3) \
        ORDER BY next_attempt_at, id LIMIT $4{lock}) \
    RETURNING id, recipient, event, subject, text_body, html_body, attempts";

fn claim(
    conn: &mut DbConnection,
    instance: &str,
    now: NaiveDateTime,
    lease: chrono::Duration,
    batch: i64,
) -> Result<Vec<Claimed>, AppError> {
    let until = now + lease;
    let sql = CLAIM.replace("{lock}", dialect::skip_locked(conn));
    let rows = dialect::sql_query(conn, &sql)
        .bind::<Timestamp, _>(until)
        .bind::<Text, _>(instance)
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(batch)
        .load::<Claimed>(conn)?;
    Ok(rows)
}

/// The outcome of one send, recorded only while this instance still holds the claim (a
/// claim that ran out may have passed to another instance, whose outcome then counts).
fn record(
    conn: &mut DbConnection,
    instance: &str,
    id: &str,
    outcome: Outcome,
) -> Result<usize, AppError> {
    let mine = notifications::table
        .filter(notifications::id.eq(id))
        .filter(notifications::status.eq(NotificationStatus::Sending.as_str()))
        .filter(notifications::claimed_by.eq(instance));
    let updated = match outcome {
        Outcome::Sent { at } => diesel::update(mine)
            .set((
                notifications::status.eq(NotificationStatus::Sent.as_str()),
                notifications::sent_at.eq(Some(at)),
                notifications::claimed_until.eq(None::<NaiveDateTime>),
                notifications::last_error.eq(None::<String>),
            ))
            .execute(conn)?,
        Outcome::Retry { at, error } => diesel::update(mine)
            .set((
                notifications::status.eq(NotificationStatus::Pending.as_str()),
                notifications::next_attempt_at.eq(at),
                notifications::claimed_until.eq(None::<NaiveDateTime>),
                notifications::last_error.eq(Some(error)),
            ))
            .execute(conn)?,
        Outcome::Failed { error } => diesel::update(mine)
            .set((
                notifications::status.eq(NotificationStatus::Failed.as_str()),
                notifications::claimed_until.eq(None::<NaiveDateTime>),
                notifications::last_error.eq(Some(error)),
            ))
            .execute(conn)?,
    };
    Ok(updated)
}

/// Hands claimed rows that were not tried back to the queue, due at once, their attempt
/// not counted (the claim counted it).
fn release(conn: &mut DbConnection, instance: &str, ids: Vec<String>) -> Result<usize, AppError> {
    let released = diesel::update(
        notifications::table
            .filter(notifications::id.eq_any(ids))
            .filter(notifications::status.eq(NotificationStatus::Sending.as_str()))
            .filter(notifications::claimed_by.eq(instance)),
    )
    .set((
        notifications::status.eq(NotificationStatus::Pending.as_str()),
        notifications::claimed_until.eq(None::<NaiveDateTime>),
        notifications::attempts.eq(notifications::attempts - 1),
    ))
    .execute(conn)?;
    Ok(released)
}

enum Outcome {
    Sent { at: NaiveDateTime },
    Retry { at: NaiveDateTime, error: String },
    Failed { error: String },
}

/// The delivery worker of one instance.
#[derive(Clone)]
pub struct Worker {
    db: Db,
    transport: Arc<Transport>,
    /// Names this worker's claims; unique per worker.
    instance: String,
    batch: i64,
    lease: chrono::Duration,
    max_attempts: u32,
    backoff_base_secs: u64,
    poll: Duration,
    send_timeout: Duration,
}

impl Worker {
    pub fn new(db: Db, settings: &MailSettings) -> anyhow::Result<Worker> {
        Ok(Worker {
            db,
            transport: Arc::new(Transport::from_settings(settings)?),
            instance: format!("worker-{}", uuid::Uuid::new_v4().simple()),
            batch: i64::from(settings.batch_size.max(1)),
            lease: chrono::Duration::seconds(
                i64::try_from(settings.lease_secs.max(1)).unwrap_or(i64::MAX / 2),
            ),
            max_attempts: settings.max_attempts.max(1),
            backoff_base_secs: settings.backoff_base_secs,
            poll: Duration::from_millis(settings.poll_interval_ms.max(10)),
            send_timeout: Duration::from_secs(settings.smtp_timeout_secs.max(1)),
        })
    }

    /// One pass now: claims one batch and delivers it.
    pub async fn run_once(&self) -> Result<RunSummary, AppError> {
        self.run_once_at(self.db.clock().now()).await
    }

    /// One pass as if the time were `now` (tests move the clock instead of sleeping).
    pub async fn run_once_at(&self, now: NaiveDateTime) -> Result<RunSummary, AppError> {
        self.pass(now, None).await
    }

    /// A pass that, once `shutdown` is requested, finishes the mail in hand and hands the
    /// rest of its batch back at once (rather than leaving it to wait out the lease).
    async fn pass(
        &self,
        now: NaiveDateTime,
        shutdown: Option<&Shutdown>,
    ) -> Result<RunSummary, AppError> {
        let (instance, lease, batch) = (self.instance.clone(), self.lease, self.batch);
        // A single statement is its own short transaction: the claim commits before any
        // mail is sent, so no transaction stays open across the network.
        let claimed = self
            .db
            .counters(move |conn| claim(conn, &instance, now, lease, batch))
            .await?;
        let mut summary = RunSummary {
            claimed: claimed.len(),
            ..RunSummary::default()
        };
        let mut rows = claimed.into_iter();
        while let Some(row) = rows.next() {
            if shutdown.is_some_and(Shutdown::is_requested) {
                let (instance, ids) = (
                    self.instance.clone(),
                    once(row).chain(rows).map(|row| row.id).collect(),
                );
                let released = self
                    .db
                    .counters(move |conn| release(conn, &instance, ids))
                    .await?;
                summary.claimed = summary.claimed.saturating_sub(released);
                tracing::info!(released, "mail worker stopping; unsent claims released");
                break;
            }
            let span = tracing::info_span!(
                "mail.delivery",
                notification_id = %row.id,
                event = %row.event,
                attempt = row.attempts,
            );
            let outcome = self.deliver(&row, now).instrument(span.clone()).await;
            match &outcome {
                Outcome::Sent { .. } => summary.sent += 1,
                Outcome::Retry { .. } => summary.retried += 1,
                Outcome::Failed { .. } => summary.failed += 1,
            }
            let (instance, id) = (self.instance.clone(), row.id.clone());
            let recorded = self
                .db
                .counters(move |conn| record(conn, &instance, &id, outcome))
                .instrument(span.clone())
                .await?;
            if recorded == 0 {
                span.in_scope(|| {
                    tracing::warn!("the claim ran out before the outcome was recorded")
                });
            }
        }
        Ok(summary)
    }

    /// Passes at `now` until nothing is due.
    pub async fn drain_at(&self, now: NaiveDateTime) -> Result<RunSummary, AppError> {
        let mut total = RunSummary::default();
        loop {
            let pass = self.run_once_at(now).await?;
            if pass.claimed == 0 {
                return Ok(total);
            }
            total.claimed += pass.claimed;
            total.sent += pass.sent;
            total.retried += pass.retried;
            total.failed += pass.failed;
        }
    }

    async fn deliver(&self, row: &Claimed, now: NaiveDateTime) -> Outcome {
        let envelope = Envelope {
            id: &row.id,
            to: &row.recipient,
            subject: &row.subject,
            text_body: &row.text_body,
            html_body: &row.html_body,
        };
        // lettre bounds only the connect: a server that accepts and then stays silent would
        // hold this mail, the worker and a clean shutdown forever. So the whole send is bounded.
        let sent = tokio::time::timeout(self.send_timeout, self.transport.send(&envelope))
            .await
            .unwrap_or_else(|_| {
                Err(SendError {
                    permanent: false,
                    message: format!(
                        "no answer within {} s (mail.smtp_timeout_secs)",
                        self.send_timeout.as_secs()
                    ),
                })
            });
        match sent {
            Ok(()) => {
                // The row's `sent_at` records it; a line per mail only when asked for.
                tracing::debug!("mail sent");
                Outcome::Sent { at: now }
            }
            Err(SendError { permanent, message }) => {
                let attempts = u32::try_from(row.attempts).unwrap_or(u32::MAX);
                if permanent || attempts >= self.max_attempts {
                    tracing::warn!(error = %message, permanent, "mail failed for good");
                    Outcome::Failed { error: message }
                } else {
                    let at = now + backoff(self.backoff_base_secs, attempts);
                    tracing::warn!(error = %message, next_attempt_at = %at, "mail failed; will retry");
                    Outcome::Retry { at, error: message }
                }
            }
        }
    }

    /// Runs until `shutdown` is requested: a pass, then a pause when nothing was due. A
    /// failing database only delays mail (logged), it never stops the worker; what would
    /// (a panic) is its supervisor's to report and restart (`crate::supervise`).
    pub async fn run(self, mut shutdown: Shutdown) -> anyhow::Result<()> {
        while !shutdown.is_requested() {
            match self.pass(self.db.clock().now(), Some(&shutdown)).await {
                Ok(summary) if summary.claimed > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "mail worker pass failed"),
            }
            tokio::select! {
                () = tokio::time::sleep(self.poll) => {}
                () = shutdown.requested() => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_and_stops_at_a_day() {
        assert_eq!(backoff(30, 1).num_seconds(), 30);
        assert_eq!(backoff(30, 2).num_seconds(), 60);
        assert_eq!(backoff(30, 3).num_seconds(), 120);
        assert_eq!(backoff(30, 40).num_seconds(), 86_400);
        assert_eq!(backoff(0, 1).num_seconds(), 1);
    }
}
