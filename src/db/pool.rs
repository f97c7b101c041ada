//! Pooled connections and the two ways handlers reach the database: `read` and `write`.

use std::time::Duration;

use actix_web::web;
use diesel::r2d2::{self, ManageConnection};
use diesel::Connection;

use super::connection::DbConnection;
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

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

pub type DbPool = r2d2::Pool<Manager>;

/// The handle handlers hold. Cloning is cheap (the pool is reference-counted).
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
}

impl Db {
    pub fn connect(url: &str, size: u32) -> anyhow::Result<Db> {
        super::connection::prepare_sqlite_file(url)?;
        let pool = r2d2::Pool::builder()
            .max_size(size)
            .connection_timeout(Duration::from_secs(10))
            .build(Manager {
                url: url.to_string(),
            })?;
        Ok(Db { pool })
    }

    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    /// A synchronous connection, for the command line and start-up.
    pub fn get(&self) -> Result<r2d2::PooledConnection<Manager>, AppError> {
        self.pool.get().map_err(AppError::unavailable)
    }

    /// Runs read-only work on the blocking pool.
    pub async fn read<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get().map_err(AppError::unavailable)?;
            work(&mut conn)
        })
        .await?
    }

    /// Runs one state change in one transaction on the blocking pool. See [`Tx`].
    pub async fn write<T, F>(&self, actor: Actor, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut Tx) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get().map_err(AppError::unavailable)?;
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
    conn.transaction(|conn| {
        let mut tx = Tx::begin(conn, actor)?;
        work(&mut tx)
    })
}
