//! The database: one connection type over SQLite and PostgreSQL, a pool, embedded
//! migrations, and the single write path (`Db::write`) every state change goes through.
//!
//! Diesel is synchronous, so every call runs on actix's blocking thread pool through
//! `web::block`; nothing here ever touches the database on an async worker.

mod connection;
mod migrations;
mod page;
mod pool;
pub mod schema;
mod snapshot;
pub mod sql_types;
mod time;
mod write;

pub use connection::{Backend, DbConnection, MultiBackend};
pub use migrations::run_migrations;
pub use page::{BadCursor, Cursor, Page, PageRequest, CURSOR_PATTERN};
pub use pool::{write_blocking, Db, DbLimits, DbPool, ExportPermit};
pub use snapshot::read_snapshot;
pub use sql_types::{stored, stored_money, StoredText};
pub use time::to_utc;
pub use write::{Actor, Tx};
