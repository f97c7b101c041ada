//! Pooled connections and the two ways handlers reach the database: `read` and `write`.
//!
//! Readers must never starve behind writers. Writes are ordered by one database lock (see
//! [`Tx`]), so a crowd of writers can only queue; they queue on an async semaphore BEFORE
//! taking a pooled connection, and the semaphore is smaller than the pool, so some
//! connections always stay free for reads. The semaphore is fairness and back-pressure
//! only: correctness across instances comes from the database lock.

use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::web;
use diesel::r2d2::{self, ManageConnection};
use tokio::sync::Semaphore;
use tracing::Instrument;

use super::connection::DbConnection;
use super::snapshot::read_snapshot;
use super::write::{Actor, Tx};
use crate::error::AppError;

/// r2d2's manager for our connection type. Diesel's own `ConnectionManager` would go
/// through `MultiConnection::establish`, which tries each backend and loses the errors.
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        DbConnection::open(&self.url).map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        use diesel::connection::SimpleConnection;
        conn.batch_execute("SELECT 1")
            .map_err(diesel::r2d2::Error::QueryError)
    }

    /// A connection whose server went away is dropped instead of going back to the pool
    /// (a cheap local check; `is_valid` pings on checkout).
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        match conn {
            DbConnection::Postgresql(pg) => pg.is_broken(),
            DbConnection::Sqlite(lite) => lite.is_broken(),
        }
    }
}

pub type DbPool = r2d2::Pool<Manager>;

/// The handle handlers hold. Cloning is cheap (the pool and the semaphore are shared).
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    writers: Arc<Semaphore>,
}

/// How many writers may hold a pooled connection at once: half the pool, at least one.
/// The rest of the pool is kept for reads.
fn writer_permits(pool_size: u32) -> usize {
    (pool_size as usize / 2).max(1)
}

fn millis(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

impl Db {
    pub fn connect(url: &str, size: u32) -> anyhow::Result<Db> {
        use anyhow::Context;
        super::connection::prepare_sqlite_file(url).context("preparing the SQLite file")?;
        let pool = r2d2::Pool::builder()
            .max_size(size)
            .connection_timeout(Duration::from_secs(10))
            .build(Manager {
                url: url.to_string(),
            })
            .context("opening the database pool")?;
        Ok(Db {
            pool,
            writers: Arc::new(Semaphore::new(writer_permits(size))),
        })
    }

    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    /// A synchronous connection, for the command line and start-up.
    pub fn get(&self) -> Result<r2d2::PooledConnection<Manager>, AppError> {
        self.pool.get().map_err(AppError::unavailable)
    }

    /// Runs read-only work on the blocking pool, in one read-only snapshot (see
    /// [`read_snapshot`]): every statement of `work` sees the same moment.
    pub async fn read<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let span = tracing::debug_span!("db.read", checkout_ms = tracing::field::Empty);
        let inner = span.clone();
        web::block(move || {
            let _entered = inner.enter();
            let started = Instant::now();
            let mut conn = pool.get().map_err(AppError::unavailable)?;
            inner.record("checkout_ms", millis(started));
            read_snapshot(&mut conn, work)
        })
        .instrument(span)
        .await?
    }

    /// One quick statement on a pooled connection, outside any transaction: for a lookup
    /// that is a single query (one statement is its own snapshot), such as the `Caller`
    /// extractor's, so it holds its connection for one round trip only.
    pub async fn lookup<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.plain("db.lookup", work).await
    }

    /// Operational counters (sign-in throttling) that must not wait behind, or appear in,
    /// the audited write path: each statement `work` runs commits by itself and must be
    /// atomic by itself (an upsert returning its count, say). Nothing of the Fund's state
    /// may change here; that goes through [`Db::write`].
    pub async fn counters<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.plain("db.counters", work).await
    }

    async fn plain<T, F>(&self, name: &'static str, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let span = tracing::debug_span!("db", kind = name, checkout_ms = tracing::field::Empty);
        let inner = span.clone();
        web::block(move || {
            let _entered = inner.enter();
            let started = Instant::now();
            let mut conn = pool.get().map_err(AppError::unavailable)?;
            inner.record("checkout_ms", millis(started));
            work(&mut conn)
        })
        .instrument(span)
        .await?
    }

    /// Runs one state change in one transaction on the blocking pool. See [`Tx`].
    ///
    /// The writer first waits for a writer permit (without any connection), then checks a
    /// connection out and takes the ordering lock; both waits are recorded on the span.
    pub async fn write<T, F>(&self, actor: Actor, work: F) -> Result<T, AppError>
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
        let started = Instant::now();
        let permit = self
            .writers
            .clone()
            .acquire_owned()
            .instrument(span.clone())
            .await
            .map_err(AppError::unavailable)?;
        span.record("permit_wait_ms", millis(started));
        let pool = self.pool.clone();
        let inner = span.clone();
        web::block(move || {
            let _permit = permit;
            let _entered = inner.enter();
            let started = Instant::now();
            let mut conn = pool.get().map_err(AppError::unavailable)?;
            inner.record("checkout_ms", millis(started));
            write_blocking(&mut conn, actor, work)
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
