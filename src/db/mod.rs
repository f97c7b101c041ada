//! The database: one connection type over SQLite and PostgreSQL, a pool, embedded
//! migrations, and the single write path (`Db::write`) every state change goes through.
//!
//! Diesel is synchronous, so every call runs on actix's blocking thread pool through
//! `web::block`; nothing here ever touches the database on an async worker.
//!
//! One row by its key is read with `get_result`, never `first`: `first` adds a bound
//! `LIMIT`, and SQLite prepares a statement again every time a value that may change its
//! plan (a `LIMIT` among them) is bound, which made parsing SQL a quarter of a one-object
//! read. Clippy refuses `first` (clippy.toml); the top row of an ordering is an aggregate
//! (`max`) instead.

mod connection;
pub mod dialect;
mod migrations;
mod page;
mod pool;
pub mod schema;
mod snapshot;
pub mod sql_types;
mod time;
mod write;

pub use connection::{prepare_sqlite_file, redact_url, Backend, DbConnection, MultiBackend};
pub(crate) use dialect::per_backend;
pub use dialect::{Param, Sql};
pub use migrations::{applied_migrations, known_migrations, run_migrations};
pub use page::{BadCursor, Cursor, Page, PageRequest, CURSOR_PATTERN};
pub use pool::{write_blocking, Db, DbLimits, DbPool, ExportPermit};
pub use snapshot::read_snapshot;
pub use sql_types::{stored, stored_money, StoredText};
pub use time::to_utc;
pub use write::{ActingAs, Actor, Tx};

/// The PostgreSQL server unit tests run against (TEST_DATABASE_URL), `None` without one
/// on a developer's machine; in CI (`CI` set) a missing one fails the test rather than
/// letting it pass without running.
#[cfg(test)]
pub(crate) fn test_postgres_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) => Some(url),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("CI is set but TEST_DATABASE_URL is not: the PostgreSQL test cannot run")
        }
        Err(_) => {
            eprintln!("TEST_DATABASE_URL is not set: PostgreSQL test skipped");
            None
        }
    }
}
