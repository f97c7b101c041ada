//! Sums the database computes for the reports, and the period bound to their queries.
//! Every sum is cast to BIGINT in SQL (a PostgreSQL `SUM(bigint)` is `numeric`, SQLite's
//! an integer) and read as `i64` minor units; a sum over no rows is NULL, read as 0.

use diesel::query_dsl::RunQueryDsl;
use diesel::sql_types::{Date, Timestamp};
use diesel::QueryableByName;

use super::period::Period;
use crate::db::{dialect, DbConnection, MultiBackend};
use crate::domain::csv_cell::Cell;
use crate::domain::{Currency, Money};
use crate::error::AppError;

/// The rows of `sql` over the instants of `period`: `$1` and `$2` are midnight UTC of its
/// first day and of the day after its last (`[$1, $2)`, for `TIMESTAMP` columns).
pub fn over_instants<R>(
    conn: &mut DbConnection,
    sql: &str,
    period: Period,
) -> Result<Vec<R>, AppError>
where
    R: QueryableByName<MultiBackend> + 'static,
{
    let (start, end) = period.instants();
    Ok(dialect::sql_query(conn, sql)
        .bind::<Timestamp, _>(start)
        .bind::<Timestamp, _>(end)
        .load(conn)?)
}

/// The rows of `sql` over the days of `period`: `$1` and `$2` are its first and last day
/// (`[$1, $2]`, both inclusive, for `DATE` columns).
pub fn over_days<R>(conn: &mut DbConnection, sql: &str, period: Period) -> Result<Vec<R>, AppError>
where
    R: QueryableByName<MultiBackend> + 'static,
{
    Ok(dialect::sql_query(conn, sql)
        .bind::<Date, _>(period.from)
        .bind::<Date, _>(period.to)
        .load(conn)?)
}

pub fn money(minor: i64, currency: Currency) -> Result<Money, AppError> {
    Money::from_minor(minor, currency).map_err(AppError::internal)
}

pub fn usd(minor: i64) -> Result<Money, AppError> {
    money(minor, Currency::USD)
}

pub fn add(a: i64, b: i64) -> Result<i64, AppError> {
    a.checked_add(b)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("report sum overflows")))
}

pub fn sub(a: i64, b: i64) -> Result<i64, AppError> {
    a.checked_sub(b)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("report sum overflows")))
}

/// A money amount as a CSV cell: the same decimal string as the JSON `amount`, a value
/// the service writes (a negative amount stays a number a spreadsheet sums).
pub fn cell(money: &Money) -> Cell {
    Cell::value(money.amount())
}
