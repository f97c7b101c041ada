//! Read-only snapshots. A read that runs several statements (balances, the ledger check,
//! the audit chain walk, views assembled from several queries) must see one moment, or a
//! write committed between two of its statements makes it report things that never were.

use diesel::connection::SimpleConnection;
use diesel::Connection;

use super::connection::DbConnection;
use crate::error::AppError;

/// Runs `work` in one read-only transaction: `REPEATABLE READ READ ONLY` on PostgreSQL
/// (one snapshot for the whole transaction; a read-only transaction there never fails
/// with a serialisation error), and a deferred transaction on SQLite, where WAL fixes the
/// snapshot at the first read and keeps it until the end. The transaction is rolled back
/// or committed alike: it changed nothing.
pub fn read_snapshot<T, F>(conn: &mut DbConnection, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError>,
{
    conn.transaction(|conn| {
        if let DbConnection::Postgresql(pg) = conn {
            // Must be the first statement after BEGIN.
            pg.batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        }
        work(conn)
    })
}
