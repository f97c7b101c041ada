//! Migrations are embedded in the binary, one set per backend, and run at start.
//!
//! Several instances may start at once against one PostgreSQL database: the migrations
//! run under an advisory lock, so the first runs them and the others wait, then find
//! nothing left to do. An instance older than the database (one that has been migrated by
//! a newer version) refuses to start rather than run against a schema it does not know.

use std::collections::BTreeSet;

use diesel::connection::SimpleConnection;
use diesel::migration::MigrationSource;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::connection::DbConnection;

const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");
const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

/// The advisory lock the migrations run under on PostgreSQL (any constant every instance
/// shares; this one spells "trustfnd").
const MIGRATION_LOCK: i64 = 0x7472_7573_7466_6e64;

/// Applies every pending migration and returns how many ran. Diesel runs each migration in
/// its own transaction; on PostgreSQL the whole run holds the migration lock, on SQLite
/// it is one immediate transaction. Refuses (before changing anything) a database that holds a migration this binary
/// does not know.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<usize> {
    match conn {
        DbConnection::Postgresql(pg) => {
            pg.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
            let result = migrate(pg, POSTGRES);
            let unlocked =
                pg.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"));
            let applied = result?;
            unlocked?;
            Ok(applied)
        }
        // One immediate transaction (each migration a savepoint in it): a second process
        // starting at the same moment waits on the database's write lock, then finds
        // nothing pending.
        DbConnection::Sqlite(lite) => lite.immediate_transaction(|lite| migrate(lite, SQLITE)),
    }
}

fn migrate<C>(conn: &mut C, source: EmbeddedMigrations) -> anyhow::Result<usize>
where
    C: MigrationHarness<C::Backend> + diesel::Connection,
    EmbeddedMigrations: MigrationSource<C::Backend>,
{
    let known: BTreeSet<String> = MigrationSource::<C::Backend>::migrations(&source)
        .map_err(|e| anyhow::anyhow!(e).context("reading the embedded migrations"))?
        .iter()
        .map(|m| m.name().version().to_string())
        .collect();
    let applied = conn
        .applied_migrations()
        .map_err(|e| anyhow::anyhow!(e).context("reading the database's migrations"))?;
    let unknown: Vec<String> = applied
        .iter()
        .map(|v| v.to_string())
        .filter(|v| !known.contains(v))
        .collect();
    if !unknown.is_empty() {
        anyhow::bail!(
            "the database has been migrated by a newer version of trustfund (migration {} is \
             not one this binary knows; its last is {}): run that version, or this one against \
             a database it created",
            unknown.join(", "),
            known.last().map_or("none", String::as_str)
        );
    }
    let ran = conn
        .run_pending_migrations(source)
        .map_err(|e| anyhow::anyhow!(e).context("migration failed"))?;
    Ok(ran.len())
}

/// The versions of the migrations the database has applied, in order: read from diesel's
/// table by a plain query, so that it works inside a read-only snapshot.
pub fn applied_migrations(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Version {
        #[diesel(sql_type = diesel::sql_types::Text)]
        version: String,
    }
    let applied: Vec<Version> =
        diesel::sql_query("SELECT version FROM __diesel_schema_migrations ORDER BY version")
            .load(conn)
            .map_err(|e| anyhow::anyhow!(e).context("reading the database's migrations"))?;
    Ok(applied.into_iter().map(|v| v.version).collect())
}

/// The versions of the migrations this binary holds for `backend`, in order.
pub fn known_migrations(backend: super::Backend) -> anyhow::Result<Vec<String>> {
    fn versions<DB: diesel::backend::Backend>(
        source: EmbeddedMigrations,
    ) -> anyhow::Result<Vec<String>>
    where
        EmbeddedMigrations: MigrationSource<DB>,
    {
        let mut known: Vec<String> = MigrationSource::<DB>::migrations(&source)
            .map_err(|e| anyhow::anyhow!(e).context("reading the embedded migrations"))?
            .iter()
            .map(|m| m.name().version().to_string())
            .collect();
        known.sort();
        Ok(known)
    }
    match backend {
        super::Backend::Postgres => versions::<diesel::pg::Pg>(POSTGRES),
        super::Backend::Sqlite => versions::<diesel::sqlite::Sqlite>(SQLITE),
    }
}
