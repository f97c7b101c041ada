//! One connection type for both backends, chosen by the URL scheme.

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;

/// The two databases the service runs on. SQLite is the embedded default; PostgreSQL is
/// production, where several stateless instances share one database.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which backend a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    /// `postgres://` and `postgresql://` are PostgreSQL; `sqlite://path` (or `sqlite:path`)
    /// is a SQLite file. Anything else is refused rather than guessed, because diesel's
    /// own `establish` would try both and hide why it failed.
    pub fn from_url(url: &str) -> Result<Backend, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else {
            Err("database URL must start with sqlite:// or postgres://".to_string())
        }
    }
}

/// The file path inside a `sqlite://` URL.
pub fn sqlite_path(url: &str) -> &str {
    url.trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
}

/// SQLite settings applied to every connection when it is opened: foreign keys (off by
/// default in SQLite), a busy timeout so a second writer waits for the first instead
/// of failing at once, and `synchronous = FULL`: in WAL mode NORMAL may lose the last
/// acknowledged commits on power loss, which a Fund's ledger cannot accept (FULL syncs the
/// WAL on every commit).
const SQLITE_PRAGMAS: &str =
    "PRAGMA busy_timeout = 15000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

/// WAL, so readers never block the writer. It is a property of the file, set once before
/// the pool opens its connections: switching modes needs the database to itself.
pub fn prepare_sqlite_file(url: &str) -> Result<(), diesel::ConnectionError> {
    if Backend::from_url(url) == Ok(Backend::Sqlite) {
        if let DbConnection::Sqlite(mut conn) = DbConnection::open(url)? {
            conn.batch_execute("PRAGMA journal_mode = WAL;")
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
        }
    }
    Ok(())
}

impl DbConnection {
    pub fn open(url: &str) -> Result<DbConnection, diesel::ConnectionError> {
        match Backend::from_url(url).map_err(diesel::ConnectionError::InvalidConnectionUrl)? {
            Backend::Postgres => Ok(DbConnection::Postgresql(PgConnection::establish(url)?)),
            Backend::Sqlite => {
                let path = sqlite_path(url);
                if let Some(parent) = std::path::Path::new(path).parent() {
                    if !parent.as_os_str().is_empty() {
                        std::fs::create_dir_all(parent).map_err(|e| {
                            diesel::ConnectionError::BadConnection(format!(
                                "cannot create the database folder: {e}"
                            ))
                        })?;
                    }
                }
                let mut conn = SqliteConnection::establish(path)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            DbConnection::Postgresql(_) => Backend::Postgres,
            DbConnection::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// A database URL without its password, for printing.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}
