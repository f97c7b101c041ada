//! Pooled connections and the two ways handlers reach the database: `read` and `write`.
//!
//! Readers must never starve behind writers. Writes are ordered by one database lock (see
//! [`Tx`]), so a crowd of writers can only queue; they queue on an async semaphore BEFORE
//! taking a pooled connection, and the semaphore is smaller than the pool, so some
//! connections always stay free for reads. The semaphore is fairness and back-pressure
//! only: correctness across instances comes from the database lock.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::web;
use diesel::r2d2::{self, ManageConnection};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tracing::Instrument;

use super::connection::{Backend, DbConnection};
use super::snapshot::read_snapshot;
use super::write::{Actor, Tx};
use crate::error::AppError;

/// r2d2's manager for our connection type. Diesel's own `ConnectionManager` would go
/// through `MultiConnection::establish`, which tries each backend and loses the errors.
///
/// It also keeps the one bit of outage knowledge the pool lacks: whether the last attempt
/// to open a connection failed (`down`). r2d2 retries in the background either way; while
/// `down` is set, checkouts give up after one short slice instead of waiting the whole
/// checkout timeout, so a database outage answers 503 at once (see [`checkout`]).
///
/// The pool does not test a connection on checkout (r2d2's `SELECT 1` before every use
/// was two of the seven statements of an authenticated read). A connection whose server
/// went away is found out by its first statement instead: the request's `BEGIN`, before
/// any of its work ran, so the hot paths take one fresh connection and go on (see
/// [`Db::read`], [`Db::write`]), and the dead one is marked [`PooledConnection::lost`]
/// so that it never goes back to the pool.
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    down: Arc<AtomicBool>,
    limits: DbLimits,
}

/// Bounds on every wait on the database, so that a database that stops answering (a
/// frozen server, an unreachable host) costs a request its deadline and not minutes.
#[derive(Debug, Clone, Copy)]
pub struct DbLimits {
    /// The most one database call of a request ([`Db::read`], [`Db::write`],
    /// [`Db::counters`]) takes, its waits included; then a 503. It is also
    /// SQLite's busy timeout on pooled connections.
    pub request_deadline: Duration,
    /// PostgreSQL's `statement_timeout` and `lock_timeout`, set on each new connection:
    /// the server ends what a request that gave up left running. `None`: no limit (the
    /// command line).
    pub statement_timeout: Option<Duration>,
    pub lock_timeout: Option<Duration>,
    /// Exports streamed at once: the pool holds this many connections beside the
    /// requests' `pool_size` (see [`Db::export_permit`]).
    pub exports: u32,
}

impl DbLimits {
    /// The command line's limits: no server-side timeouts, one export at a time.
    pub fn unbounded() -> DbLimits {
        DbLimits {
            request_deadline: CHECKOUT_TIMEOUT,
            statement_timeout: None,
            lock_timeout: None,
            exports: 1,
        }
    }
}

impl Manager {
    /// The session settings of the limits, applied on each new connection.
    fn limit_session(&self, conn: &mut DbConnection) -> diesel::QueryResult<()> {
        use diesel::connection::SimpleConnection;
        let ms = |d: Duration| d.as_millis();
        match conn {
            DbConnection::Postgresql(_) => {
                let mut sql = String::new();
                if let Some(limit) = self.limits.statement_timeout {
                    sql.push_str(&format!("SET statement_timeout = {};", ms(limit)));
                }
                if let Some(limit) = self.limits.lock_timeout {
                    sql.push_str(&format!("SET lock_timeout = {};", ms(limit)));
                }
                if sql.is_empty() {
                    return Ok(());
                }
                conn.batch_execute(&sql)
            }
            DbConnection::Sqlite(_) => conn.batch_execute(&format!(
                "PRAGMA busy_timeout = {};",
                ms(self.limits.request_deadline)
            )),
        }
    }
}

/// A pooled connection and whether a statement found its server gone. Diesel's own
/// `is_broken` only sees a transaction left open, not a socket the server closed, so
/// without this mark a dead connection would go back to the pool and fail every request
/// that drew it. It dereferences to the [`DbConnection`] inside.
pub struct PooledConnection {
    conn: DbConnection,
    lost: bool,
}

impl PooledConnection {
    /// Marks the connection dead if `result` says its server went away.
    fn note<T>(&mut self, result: &Result<T, AppError>) {
        if matches!(result, Err(AppError::Unavailable(_))) {
            self.lost = true;
        }
    }
}

impl Deref for PooledConnection {
    type Target = DbConnection;
    fn deref(&self) -> &DbConnection {
        &self.conn
    }
}

impl DerefMut for PooledConnection {
    fn deref_mut(&mut self) -> &mut DbConnection {
        &mut self.conn
    }
}

impl ManageConnection for Manager {
    type Connection = PooledConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<PooledConnection, Self::Error> {
        let opened = DbConnection::open(&self.url).and_then(|mut conn| {
            self.limit_session(&mut conn)
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
            Ok(conn)
        });
        match opened {
            Ok(conn) => {
                self.down.store(false, Ordering::SeqCst);
                Ok(PooledConnection { conn, lost: false })
            }
            Err(error) => {
                self.down.store(true, Ordering::SeqCst);
                Err(diesel::r2d2::Error::ConnectionError(error))
            }
        }
    }

    /// Not called: the pool's own checkout test is off; [`Db::get`] tests with the same
    /// `SELECT 1` through [`tested_checkout`], which also replaces a dead connection.
    fn is_valid(&self, conn: &mut PooledConnection) -> Result<(), Self::Error> {
        use diesel::connection::SimpleConnection;
        conn.batch_execute("SELECT 1")
            .map_err(diesel::r2d2::Error::QueryError)
    }

    /// A connection whose server went away, or left inside a transaction, is dropped
    /// instead of going back to the pool.
    fn has_broken(&self, conn: &mut PooledConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        conn.lost
            || match &mut conn.conn {
                DbConnection::Postgresql(pg) => pg.is_broken(),
                DbConnection::Sqlite(lite) => lite.is_broken(),
            }
    }
}

pub type DbPool = r2d2::Pool<Manager>;
type Checkout = r2d2::PooledConnection<Manager>;

/// The handle handlers hold. Cloning is cheap (the pool and the semaphore are shared).
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    writers: Arc<Semaphore>,
    exports: Arc<Semaphore>,
    down: Arc<AtomicBool>,
    deadline: Duration,
    /// The app's clock: every transaction opened here reads it.
    clock: crate::clock::Clock,
}

/// A place in the export lane: while it is held, its export may hold one connection of
/// the export share of the pool (see [`Db::export_permit`]).
pub struct ExportPermit(#[allow(dead_code)] OwnedSemaphorePermit);

/// What a client refused by a full export lane is told to wait.
const EXPORT_RETRY_AFTER_SECS: u64 = 10;

/// How long a checkout may wait for a connection while the database is up (a busy pool).
const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a checkout waits at a time before it looks whether the database is known to
/// be down: the most a request waits for its 503 once the pool knows.
const CHECKOUT_SLICE: Duration = Duration::from_millis(100);
/// What `/readyz` waits at most: a load balancer's probe must not hang.
const READY_TIMEOUT: Duration = Duration::from_millis(600);
/// libpq's own limit on opening a connection (seconds; its minimum is 2), so a database
/// host that drops packets cannot hold a connection attempt for minutes.
const PG_CONNECT_TIMEOUT_SECS: u32 = 2;

/// A connection from the pool, waiting at most `budget`, and less once the database is
/// known to be down: every `CHECKOUT_SLICE` the wait checks `down` and gives up with a
/// 503 if it is set. A connection that comes back (idle, valid, or newly opened) is used
/// at once, so recovery needs no restart: r2d2 keeps retrying in the background (at most
/// every `CHECKOUT_TIMEOUT / 2`), and its first success clears `down`.
fn checkout(pool: &DbPool, down: &AtomicBool, budget: Duration) -> Result<Checkout, AppError> {
    let started = Instant::now();
    loop {
        let left = budget.saturating_sub(started.elapsed());
        match pool.get_timeout(CHECKOUT_SLICE.min(left)) {
            Ok(conn) => return Ok(conn),
            Err(error) => {
                if down.load(Ordering::SeqCst) || started.elapsed() >= budget {
                    return Err(AppError::unavailable(anyhow::anyhow!(
                        "no database connection: {error}"
                    )));
                }
            }
        }
    }
}

/// Checks a connection out and runs `attempt` on it. `attempt` answers whether the
/// caller's work ran, and its result. A connection idle in the pool may have lost its
/// server since it was last used (the database restarted: then every idle one has); its
/// first statement finds out. If that was before the work ran (the snapshot's or the
/// transaction's `BEGIN`, or a `SELECT 1` test), the dead connection is dropped and the
/// attempt made again on the next, at most once per pooled connection (a dead one fails
/// at once): the request does not pay for a restart it never saw. Work that began never runs twice. On success the connection is handed back with
/// the result.
///
/// With a `deadline` (a request's), work that finishes after it is marked lost: its
/// caller has answered 503 already, and a connection that took so long may be stuck on a
/// frozen server, so it must not go back to the pool as healthy. Work not begun by then
/// is not begun at all.
fn on_live_connection<T>(
    pool: &DbPool,
    down: &AtomicBool,
    budget: Duration,
    deadline: Option<Duration>,
    span: &tracing::Span,
    mut attempt: impl FnMut(&mut DbConnection) -> (bool, Result<T, AppError>),
) -> Result<(Checkout, T), AppError> {
    let started = Instant::now();
    let mut tries = pool.max_size();
    loop {
        let mut conn = checkout(pool, down, budget.saturating_sub(started.elapsed()))?;
        span.record("checkout_ms", millis(started));
        if deadline.is_some_and(|deadline| started.elapsed() >= deadline) {
            return Err(past_deadline(started.elapsed()));
        }
        let (ran, result) = attempt(&mut conn);
        let result = unavailable_if_timed_out(result);
        conn.note(&result);
        if deadline.is_some_and(|deadline| started.elapsed() >= deadline) {
            conn.lost = true;
        }
        if ran || !conn.lost || tries == 0 {
            return result.map(|value| (conn, value));
        }
        tries -= 1;
    }
}

fn past_deadline(waited: Duration) -> AppError {
    AppError::unavailable(anyhow::anyhow!(
        "the database did not answer within the request's deadline ({waited:?})"
    ))
}

/// A statement the database gave up on for taking too long (PostgreSQL's
/// `statement_timeout` or `lock_timeout`, SQLite's busy timeout) means the database is
/// not answering in time: a 503, not a 500. Diesel does not carry the SQLSTATE, so the
/// server's message tells.
fn unavailable_if_timed_out<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    match result {
        Err(AppError::Internal(cause)) if timed_out(&cause) => Err(AppError::Unavailable(cause)),
        other => other,
    }
}

fn timed_out(cause: &anyhow::Error) -> bool {
    cause.chain().any(|error| {
        let Some(diesel::result::Error::DatabaseError(_, info)) =
            error.downcast_ref::<diesel::result::Error>()
        else {
            return false;
        };
        let message = info.message();
        [
            "statement timeout",
            "lock timeout",
            "database is locked",
            "database table is locked",
        ]
        .iter()
        .any(|needle| message.contains(needle))
    })
}

/// Waits for `work` at most `deadline`, else a 503. The blocking thread it runs on goes on
/// until its statement ends; [`on_live_connection`] then drops its connection.
async fn within<T>(
    deadline: Duration,
    work: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    tokio::time::timeout(deadline, work)
        .await
        .unwrap_or_else(|_| Err(past_deadline(deadline)))
}

/// Calls the work in `slot` the first time, and refuses a second call: what lets
/// [`on_live_connection`] tell whether the work began.
fn run_once<A, T, F>(slot: &mut Option<F>, arg: A) -> Result<T, AppError>
where
    F: FnOnce(A) -> Result<T, AppError>,
{
    match slot.take() {
        Some(work) => work(arg),
        None => Err(AppError::internal(anyhow::anyhow!(
            "a database work item was started twice"
        ))),
    }
}

/// `SELECT 1`; any failure means the connection cannot serve (a 503, and the connection
/// is marked lost).
fn select_one(conn: &mut DbConnection) -> (bool, Result<(), AppError>) {
    use diesel::connection::SimpleConnection;
    (
        false,
        conn.batch_execute("SELECT 1")
            .map_err(AppError::unavailable),
    )
}

/// A connection that answered a `SELECT 1` (see [`on_live_connection`]).
fn tested_checkout(pool: &DbPool, down: &AtomicBool) -> Result<Checkout, AppError> {
    on_live_connection(
        pool,
        down,
        CHECKOUT_TIMEOUT,
        None,
        &tracing::Span::none(),
        select_one,
    )
    .map(|(conn, ())| conn)
}

/// A PostgreSQL URL with libpq's `connect_timeout`, and with TCP keepalives and
/// `tcp_user_timeout` (10 s), unless it sets them: a connection whose host stopped
/// answering (dropped packets, a lost network) errors within seconds instead of waiting
/// for the kernel's retransmissions (minutes), so a blocking thread a request gave up on
/// comes back. (A server frozen on a live host still has its kernel acknowledge, and
/// keeps such a connection until it runs again; the pool's size bounds them, and
/// `statement_timeout` ends their statements as soon as it does.)
fn with_connect_timeout(url: &str) -> String {
    if Backend::from_url(url) != Ok(Backend::Postgres) {
        return url.to_string();
    }
    let mut url = url.to_string();
    let connect_timeout = format!("connect_timeout={PG_CONNECT_TIMEOUT_SECS}");
    for param in [
        connect_timeout.as_str(),
        "keepalives_idle=10",
        "keepalives_interval=5",
        "keepalives_count=3",
        "tcp_user_timeout=10000",
    ] {
        let name = param.split('=').next().unwrap_or(param);
        if !url.contains(&format!("{name}=")) {
            let separator = if url.contains('?') { '&' } else { '?' };
            url = format!("{url}{separator}{param}");
        }
    }
    url
}

/// How many writers may hold a pooled connection at once. PostgreSQL: half the pool, at
/// least one; the rest of the pool is kept for reads. SQLite: one, since the database
/// has a single writer anyway: a second permit only moves the queue from this FIFO
/// semaphore into SQLite's busy handler, which sleeps and retries in no order, and under
/// 16 writing clients left the slowest writes waiting seconds (p99 2.5 s, BENCHMARKS.md)
/// while the median waited 13 ms. The busy timeout still covers writers outside the
/// semaphore (the command line, the sign-in counters).
fn writer_permits(pool_size: u32, backend: Backend) -> usize {
    match backend {
        Backend::Sqlite => 1,
        Backend::Postgres => (pool_size as usize / 2).max(1),
    }
}

fn millis(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

impl Db {
    /// A pool of `size` connections without server-side limits (the command line).
    pub fn connect(url: &str, size: u32) -> anyhow::Result<Db> {
        Db::connect_with(url, size, DbLimits::unbounded())
    }

    /// A pool of `size` connections for requests plus `limits.exports` for exports.
    pub fn connect_with(url: &str, size: u32, limits: DbLimits) -> anyhow::Result<Db> {
        use anyhow::Context;
        let backend = Backend::from_url(url).map_err(anyhow::Error::msg)?;
        super::connection::prepare_sqlite_file(url).context("preparing the SQLite file")?;
        let down = Arc::new(AtomicBool::new(false));
        let pool = r2d2::Pool::builder()
            .max_size(size + limits.exports)
            .connection_timeout(CHECKOUT_TIMEOUT)
            .test_on_check_out(false)
            .build(Manager {
                url: with_connect_timeout(url),
                down: down.clone(),
                limits,
            })
            .context("opening the database pool")?;
        Ok(Db {
            pool,
            writers: Arc::new(Semaphore::new(writer_permits(size, backend))),
            exports: Arc::new(Semaphore::new(limits.exports as usize)),
            down,
            deadline: limits.request_deadline,
            clock: crate::clock::Clock::system(),
        })
    }

    /// The same pool reading `clock` (tests set one; production keeps the system's).
    pub fn with_clock(self, clock: crate::clock::Clock) -> Db {
        Db { clock, ..self }
    }

    /// The app's clock, for work that runs outside a transaction (reads, the workers).
    pub fn clock(&self) -> crate::clock::Clock {
        self.clock
    }

    /// Whether the last attempt to open a connection failed (the database is down).
    pub fn known_down(&self) -> bool {
        self.down.load(Ordering::SeqCst)
    }

    /// Readiness: one `SELECT 1` within `READY_TIMEOUT`, else a 503.
    pub async fn ping(&self) -> Result<(), AppError> {
        let (pool, down) = (self.pool.clone(), self.down.clone());
        let ping = web::block(move || {
            on_live_connection(
                &pool,
                &down,
                READY_TIMEOUT,
                Some(READY_TIMEOUT),
                &tracing::Span::none(),
                select_one,
            )
            .map(drop)
        });
        match tokio::time::timeout(READY_TIMEOUT, ping).await {
            Ok(done) => done?,
            Err(_) => Err(AppError::unavailable(anyhow::anyhow!(
                "the database did not answer within {READY_TIMEOUT:?}"
            ))),
        }
    }

    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    /// A synchronous connection, tested with a `SELECT 1` (a dead one is replaced), for
    /// work that is not one request's snapshot or transaction: the command line, start-up,
    /// an export's pages, the sign-in counters.
    pub fn get(&self) -> Result<Checkout, AppError> {
        tested_checkout(&self.pool, &self.down)
    }

    /// A place in the export lane, or 429 with `Retry-After` when `exports.max_concurrent`
    /// exports are streaming already. The pool holds that many connections beside those
    /// of the requests, so exports never take a request's connection, however slowly
    /// their clients read.
    pub fn export_permit(&self) -> Result<ExportPermit, AppError> {
        self.exports
            .clone()
            .try_acquire_owned()
            .map(ExportPermit)
            .map_err(|_| AppError::TooManyRequests {
                detail: "as many ledger exports as this instance streams at once are running; \
                         try again shortly"
                    .to_string(),
                retry_after_secs: EXPORT_RETRY_AFTER_SECS,
            })
    }

    /// A tested connection for an export's writer, on the blocking pool (see
    /// [`Db::export_permit`]): as [`Db::get`], with the permit as proof of its share.
    pub fn export_connection(&self, _permit: &ExportPermit) -> Result<Checkout, AppError> {
        tested_checkout(&self.pool, &self.down)
    }

    /// Runs an export's read-only work in one snapshot on a connection of the export
    /// share, without the request deadline (an export streams as long as its client reads;
    /// `statement_timeout` bounds each statement).
    pub async fn export_read<T, F>(&self, permit: ExportPermit, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let (pool, down) = (self.pool.clone(), self.down.clone());
        web::block(move || {
            let _permit = permit;
            let mut work = Some(work);
            on_live_connection(
                &pool,
                &down,
                CHECKOUT_TIMEOUT,
                None,
                &tracing::Span::none(),
                |conn| {
                    let result = read_snapshot(conn, |conn| run_once(&mut work, conn));
                    (work.is_none(), result)
                },
            )
            .map(|(_, value)| value)
        })
        .await?
    }

    /// Runs read-only work on the blocking pool, in one read-only snapshot (see
    /// [`read_snapshot`]): every statement of `work` sees the same moment.
    pub async fn read<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let (pool, down) = (self.pool.clone(), self.down.clone());
        let span = tracing::debug_span!("db.read", checkout_ms = tracing::field::Empty);
        let inner = span.clone();
        let deadline = self.deadline;
        let read = web::block(move || {
            let _entered = inner.enter();
            let mut work = Some(work);
            on_live_connection(&pool, &down, deadline, Some(deadline), &inner, |conn| {
                let result = read_snapshot(conn, |conn| run_once(&mut work, conn));
                (work.is_none(), result)
            })
            .map(|(_, value)| value)
        })
        .instrument(span);
        within(deadline, async { read.await? }).await
    }

    /// Operational counters (sign-in throttling) that must not wait behind, or appear in,
    /// the audited write path: each statement `work` runs commits by itself and must be
    /// atomic by itself (an upsert returning its count, say). Nothing of the Fund's state
    /// may change here; that goes through [`Db::write`]. The connection is tested first,
    /// since a counter's statement is not safe to repeat.
    pub async fn counters<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let (pool, down) = (self.pool.clone(), self.down.clone());
        let span = tracing::debug_span!("db.counters");
        let inner = span.clone();
        let deadline = self.deadline;
        let counters = web::block(move || {
            let _entered = inner.enter();
            let started = Instant::now();
            let mut conn = on_live_connection(&pool, &down, deadline, None, &inner, select_one)
                .map(|(conn, ())| conn)?;
            let result = unavailable_if_timed_out(work(&mut conn));
            conn.note(&result);
            if started.elapsed() >= deadline {
                conn.lost = true;
            }
            result
        })
        .instrument(span);
        within(deadline, async { counters.await? }).await
    }

    /// Runs one state change in one transaction on the blocking pool. See [`Tx`].
    ///
    /// The writer first waits for a writer permit (without any connection), then checks a
    /// connection out and takes the ordering lock; both waits are recorded on the span.
    ///
    /// All of it within the request deadline: past it the caller answers 503, and work
    /// that finishes later is rolled back instead of committed (its transaction checks the
    /// deadline before `COMMIT`), so a 503 never hides a write that happened, except the
    /// one whose `COMMIT` itself was in flight when the deadline passed (its outcome is
    /// in doubt either way; a 503 says so, a success would not).
    pub async fn write<T, F>(&self, actor: Actor, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut Tx) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let deadline = self.deadline;
        let started = Instant::now();
        let actor = actor.on(self.clock);
        within(deadline, self.write_within(actor, started, work)).await
    }

    async fn write_within<T, F>(
        &self,
        actor: Actor,
        started: Instant,
        work: F,
    ) -> Result<T, AppError>
    where
        F: FnOnce(&mut Tx) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let span = tracing::info_span!(
            "db.write",
            request_id = %actor.request_id,
            permit_wait_ms = tracing::field::Empty,
            checkout_ms = tracing::field::Empty,
            lock_wait_ms = tracing::field::Empty,
        );
        let deadline = self.deadline;
        let permit = self
            .writers
            .clone()
            .acquire_owned()
            .instrument(span.clone())
            .await
            .map_err(AppError::unavailable)?;
        span.record("permit_wait_ms", millis(started));
        let (pool, down) = (self.pool.clone(), self.down.clone());
        let inner = span.clone();
        web::block(move || {
            let _permit = permit;
            let _entered = inner.enter();
            let mut work = Some(work);
            let budget = deadline.saturating_sub(started.elapsed());
            on_live_connection(&pool, &down, budget, Some(budget), &inner, |conn| {
                let result = write_blocking(conn, actor.clone(), |tx| {
                    let value = run_once(&mut work, tx)?;
                    if started.elapsed() >= deadline {
                        return Err(past_deadline(started.elapsed()));
                    }
                    Ok(value)
                });
                (work.is_none(), result)
            })
            .map(|(_, value)| value)
        })
        .await?
    }
}

/// The one place a write transaction is opened (also used by the command line).
pub fn write_blocking<T, F>(conn: &mut DbConnection, actor: Actor, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut Tx) -> Result<T, AppError>,
{
    use diesel::Connection;
    conn.transaction(|conn| {
        let started = Instant::now();
        let mut tx = Tx::begin(conn, actor)?;
        tracing::Span::current().record("lock_wait_ms", millis(started));
        work(&mut tx)
    })
}
