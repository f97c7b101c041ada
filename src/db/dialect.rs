//! What differs between SQLite and PostgreSQL, in one place: the features write their SQL
//! once and call this module where the two backends part ways.
//!
//! - **Placeholders**: SQL text is written with PostgreSQL's numbered `$1`, `$2`, …;
//!   [`sql_query`] turns them into SQLite's `?1`, `?2`, … on SQLite. A statement built
//!   piece by piece (filters that come and go) uses [`Sql`], which writes the placeholder
//!   of the connection's backend for each value it binds.
//! - **Fragments**: the day of a timestamp ([`date_of`]) and the row lock that lets
//!   concurrent workers take disjoint rows ([`skip_locked`]).
//! - **Statements diesel builds per backend** (an upsert, a multi-row insert: the
//!   multi-backend connection builds neither): [`per_backend!`](crate::db::per_backend)
//!   runs the same DSL expression on whichever connection it is.
//!
//! Sums: both backends read `CAST(SUM(x) AS BIGINT)` as a 64-bit integer (PostgreSQL sums
//! BIGINT as NUMERIC without the cast), so a sum of minor units is read as an integer, with
//! no dialect of its own.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::query_builder::{BoxedSqlQuery, SqlQuery};
use diesel::sql_types::{BigInt, Date, Text, Timestamp};

use super::connection::{Backend, DbConnection, MultiBackend};

/// `sql` (placeholders written `$1`, `$2`, …) as a query for `conn`'s backend, to bind
/// values to in order.
pub fn sql_query(conn: &DbConnection, sql: &str) -> SqlQuery {
    diesel::sql_query(placeholders(conn.backend(), sql))
}

/// `sql` with its `$n` placeholders written for `backend` (`?n` on SQLite). A `$` inside
/// a quoted literal or name is left alone.
pub fn placeholders(backend: Backend, sql: &str) -> Cow<'_, str> {
    if backend == Backend::Postgres || !sql.contains('$') {
        return Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len());
    // Inside a quoted literal or name (its closing character), or a `--` comment ('\n').
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '-' && chars.peek() == Some(&'-') => quote = Some('\n'),
            None if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) => {
                out.push('?');
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// The day (a `DATE`) of the timestamp `column`.
pub fn date_of(conn: &DbConnection, column: &str) -> String {
    match conn.backend() {
        Backend::Postgres => format!("CAST({column} AS DATE)"),
        Backend::Sqlite => format!("date({column})"),
    }
}

/// The end of a `SELECT` that locks the rows it returns and skips rows another
/// transaction holds, so concurrent workers take disjoint rows instead of waiting on (or
/// both taking) the same ones. Empty on SQLite, which runs one writer at a time.
pub fn skip_locked(conn: &DbConnection) -> &'static str {
    match conn.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    }
}

/// Runs a diesel expression on whichever backend `conn` is, for the statements the
/// multi-backend connection cannot build itself (an upsert, a multi-row insert): the
/// expression is written once and compiled for each backend.
/// `per_backend!(conn, |c| diesel::insert_into(t::table).values(&rows).execute(c))`.
macro_rules! per_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Postgresql($c) => $body,
            $crate::db::DbConnection::Sqlite($c) => $body,
        }
    };
}
pub(crate) use per_backend;

/// A value bound to a statement built with [`Sql`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    Text(String),
    BigInt(i64),
    Date(NaiveDate),
    Timestamp(NaiveDateTime),
}

impl From<String> for Param {
    fn from(value: String) -> Param {
        Param::Text(value)
    }
}

impl From<&str> for Param {
    fn from(value: &str) -> Param {
        Param::Text(value.to_string())
    }
}

impl From<i64> for Param {
    fn from(value: i64) -> Param {
        Param::BigInt(value)
    }
}

impl From<NaiveDate> for Param {
    fn from(value: NaiveDate) -> Param {
        Param::Date(value)
    }
}

impl From<NaiveDateTime> for Param {
    fn from(value: NaiveDateTime) -> Param {
        Param::Timestamp(value)
    }
}

/// A statement built piece by piece, every value bound: [`Sql::bind`] writes the
/// backend's placeholder into the text and keeps the value, so no value is ever printed
/// into SQL.
#[derive(Debug, Clone)]
pub struct Sql {
    backend: Backend,
    text: String,
    params: Vec<Param>,
}

impl Sql {
    /// A statement for `conn`'s backend, starting with `text` (which binds nothing).
    pub fn new(conn: &DbConnection, text: &str) -> Sql {
        Sql {
            backend: conn.backend(),
            text: text.to_string(),
            params: Vec::new(),
        }
    }

    /// Appends SQL text (never a value: bind those).
    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder for `value`, bound when the statement runs.
    pub fn bind(&mut self, value: impl Into<Param>) -> &mut Sql {
        self.params.push(value.into());
        let n = self.params.len();
        match self.backend {
            Backend::Postgres => self.text.push_str(&format!("${n}")),
            Backend::Sqlite => self.text.push_str(&format!("?{n}")),
        }
        self
    }

    /// Appends `(p1, p2, …)`, one placeholder per value; `(NULL)` (which matches nothing)
    /// for none, since `IN ()` is not SQL.
    pub fn bind_list<P: Into<Param>>(&mut self, values: impl IntoIterator<Item = P>) -> &mut Sql {
        self.text.push('(');
        let mut any = false;
        for value in values {
            if any {
                self.text.push_str(", ");
            }
            self.bind(value);
            any = true;
        }
        if !any {
            self.text.push_str("NULL");
        }
        self.text.push(')');
        self
    }

    /// The statement's text, with its placeholders.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The values bound, in order.
    pub fn params(&self) -> &[Param] {
        &self.params
    }

    /// The statement inside `before … after` (a subquery in its outer query, or
    /// `EXPLAIN QUERY PLAN …`), its values bound as they were.
    pub fn wrapped(self, before: &str, after: &str) -> Sql {
        Sql {
            backend: self.backend,
            text: format!("{before}{}{after}", self.text),
            params: self.params,
        }
    }

    /// The query to run, its values bound.
    pub fn query(self) -> BoxedSqlQuery<'static, MultiBackend, SqlQuery> {
        let mut query = diesel::sql_query(self.text).into_boxed::<MultiBackend>();
        for param in self.params {
            query = match param {
                Param::Text(v) => query.bind::<Text, _>(v),
                Param::BigInt(v) => query.bind::<BigInt, _>(v),
                Param::Date(v) => query.bind::<Date, _>(v),
                Param::Timestamp(v) => query.bind::<Timestamp, _>(v),
            };
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::{QueryableByName, RunQueryDsl};

    use super::*;

    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        name: String,
    }

    fn names(conn: &mut DbConnection, sql: Sql) -> Vec<String> {
        let rows: Vec<Name> = sql.query().load(conn).unwrap();
        rows.into_iter().map(|r| r.name).collect()
    }

    #[test]
    fn a_bound_value_is_a_value_never_sql_on_sqlite() {
        bound_values(DbConnection::open("sqlite::memory:").unwrap());
    }

    #[test]
    fn a_bound_value_is_a_value_never_sql_on_postgres() {
        if let Some(url) = crate::db::test_postgres_url() {
            let mut conn = DbConnection::open(&url).unwrap();
            diesel::Connection::begin_test_transaction(&mut conn).unwrap();
            bound_values(conn);
        }
    }

    fn bound_values(mut conn: DbConnection) {
        conn.batch_execute(
            "CREATE TEMPORARY TABLE donors (name TEXT NOT NULL, since DATE NOT NULL, gifts BIGINT NOT NULL);
             INSERT INTO donors VALUES ('O''Brien Trust', '2026-01-05', 3), ('Acme', '2025-06-01', 1);",
        )
        .unwrap();
        let by_name = |conn: &mut DbConnection, name: &str| {
            let mut sql = Sql::new(conn, "SELECT name FROM donors WHERE name = ");
            sql.bind(name);
            names(conn, sql)
        };
        // A quote in a value is part of the value: printed into SQL it broke the statement.
        assert_eq!(by_name(&mut conn, "O'Brien Trust"), ["O'Brien Trust"]);
        assert!(by_name(&mut conn, "x' OR '1' = '1").is_empty());

        let mut sql = Sql::new(&conn, "SELECT name FROM donors WHERE since >= ");
        sql.bind(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
            .push(" AND gifts > ")
            .bind(2_i64)
            .push(" AND name IN ")
            .bind_list(["Acme", "O'Brien Trust"]);
        let marker = if conn.backend() == Backend::Sqlite {
            '?'
        } else {
            '$'
        };
        assert_eq!(sql.text().matches(marker).count(), 4);
        assert_eq!(names(&mut conn, sql), ["O'Brien Trust"]);

        let mut none = Sql::new(&conn, "SELECT name FROM donors WHERE name IN ");
        none.bind_list(Vec::<String>::new());
        assert!(names(&mut conn, none).is_empty());
    }

    #[test]
    fn placeholders_are_numbered_per_backend() {
        let sql =
            "-- the row's $1\nSELECT a FROM t WHERE b = $1 AND c <= $2 AND d = '$3' OR e = $12";
        assert_eq!(placeholders(Backend::Postgres, sql), sql);
        assert_eq!(
            placeholders(Backend::Sqlite, sql),
            "-- the row's $1\nSELECT a FROM t WHERE b = ?1 AND c <= ?2 AND d = '$3' OR e = ?12"
        );
    }
}
