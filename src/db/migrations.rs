//! Migrations are embedded in the binary, one set per backend, and run at start.

use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::connection::DbConnection;

const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");
const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

/// Applies every pending migration and returns how many ran. Diesel runs each migration in
/// its own transaction on both backends.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<usize> {
    let applied = match conn {
        DbConnection::Postgresql(pg) => pg.run_pending_migrations(POSTGRES),
        DbConnection::Sqlite(lite) => lite.run_pending_migrations(SQLITE),
    }
    .map_err(|e| anyhow::anyhow!(e).context("migration failed"))?;
    Ok(applied.len())
}
