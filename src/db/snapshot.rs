//! Read-only snapshots. A read that runs several statements (balances, the ledger check,
//! the audit chain walk, views assembled from several queries) must see one moment, or a
//! write committed between two of its statements makes it report things that never were.

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::Connection;

use super::connection::DbConnection;
use crate::error::AppError;

/// PostgreSQL's snapshot opened in the `BEGIN` itself: one round trip, where `BEGIN`
/// followed by `SET TRANSACTION` takes two, on every read the service serves.
const BEGIN_SNAPSHOT: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";

type Manager = <DbConnection as Connection>::TransactionManager;

/// Runs `work` in one read-only transaction: `REPEATABLE READ READ ONLY` on PostgreSQL
/// (one snapshot for the whole transaction; a read-only transaction there never fails
/// with a serialisation error), and a deferred transaction on SQLite, where WAL fixes the
/// snapshot at the first read and keeps it until the end. The transaction is rolled back
/// or committed alike: it changed nothing. Inside another transaction it is a savepoint of
/// that transaction, and sees what that one sees.
pub fn read_snapshot<T, F>(conn: &mut DbConnection, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError>,
{
    if let DbConnection::Postgresql(pg) = conn {
        match AnsiTransactionManager::begin_transaction_sql(pg, BEGIN_SNAPSHOT) {
            Ok(()) => {}
            // Already inside a transaction: its snapshot (or its writes) is the one to see.
            Err(diesel::result::Error::AlreadyInTransaction) => return conn.transaction(work),
            Err(error) => return Err(error.into()),
        }
    } else {
        return conn.transaction(work);
    }
    // As diesel's own `TransactionBuilder::run` ends a transaction it began this way.
    match work(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => match Manager::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(error),
            Err(rollback) => Err(rollback.into()),
        },
    }
}
