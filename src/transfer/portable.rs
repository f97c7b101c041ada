//! A row in the portable form: a JSON object by column name, with each value written the
//! same whatever database it came from (a timestamp as `2026-12-07T14:52:58.419000`, a
//! flag as `true`, bytes as lowercase hex), and written back as each database reads it.

use chrono::NaiveDateTime;
use serde_json::{Map, Value};

use super::catalog::{ColumnType, Table};
use crate::db::{dialect, Backend};
use crate::error::AppError;

const PORTABLE_TIME: &str = "%Y-%m-%dT%H:%M:%S%.6f";
/// How diesel writes a timestamp to SQLite, so that restored rows compare (as text) with
/// rows the service writes afterwards.
const SQLITE_TIME: &str = "%Y-%m-%d %H:%M:%S%.f";

/// The statement reading one page of `table` as one JSON text per row (`line`), in its
/// primary key's order: `$1` rows after the first `$2`.
pub fn select_page(backend: Backend, table: &Table) -> String {
    match backend {
        Backend::Postgres => format!(
            "SELECT row_to_json(t)::text AS line FROM \
             (SELECT * FROM \"{}\" ORDER BY {} LIMIT $1 OFFSET $2) t",
            table.name,
            table.order_by()
        ),
        Backend::Sqlite => {
            let fields = table
                .columns
                .iter()
                .map(|c| match c.kind {
                    ColumnType::Binary => format!("'{0}', lower(hex(\"{0}\"))", c.name),
                    _ => format!("'{0}', \"{0}\"", c.name),
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "SELECT json_object({fields}) AS line FROM \"{}\" ORDER BY {} LIMIT $1 OFFSET $2",
                table.name,
                table.order_by()
            )
        }
    }
}

/// The statement inserting one row given as JSON text (`$1`).
pub fn insert_row(backend: Backend, table: &Table) -> String {
    match backend {
        Backend::Postgres => format!(
            "INSERT INTO \"{0}\" SELECT * FROM json_populate_record(NULL::\"{0}\", $1::json)",
            table.name
        ),
        Backend::Sqlite => {
            let names = table
                .columns
                .iter()
                .map(|c| format!("\"{}\"", c.name))
                .collect::<Vec<_>>()
                .join(", ");
            let values = table
                .columns
                .iter()
                .map(|c| match c.kind {
                    ColumnType::Binary => format!("unhex(json_extract($1, '$.\"{}\"'))", c.name),
                    _ => format!("json_extract($1, '$.\"{}\"')", c.name),
                })
                .collect::<Vec<_>>()
                .join(", ");
            dialect::placeholders(
                Backend::Sqlite,
                &format!("INSERT INTO \"{}\" ({names}) VALUES ({values})", table.name),
            )
            .into_owned()
        }
    }
}

/// A row read from `backend` in the portable form.
pub fn to_portable(
    table: &Table,
    mut row: Map<String, Value>,
) -> Result<Map<String, Value>, AppError> {
    for column in &table.columns {
        let Some(value) = row.get_mut(&column.name) else {
            return Err(bad(table, &column.name, "missing"));
        };
        if value.is_null() {
            continue;
        }
        *value = match (column.kind, &*value) {
            (ColumnType::Bool, Value::Number(n)) => Value::Bool(n.as_i64() != Some(0)),
            (ColumnType::Timestamp, Value::String(s)) => Value::String(
                parse_time(s)
                    .ok_or_else(|| bad(table, &column.name, s))?
                    .format(PORTABLE_TIME)
                    .to_string(),
            ),
            (ColumnType::Binary, Value::String(s)) => {
                Value::String(s.trim_start_matches("\\x").to_ascii_lowercase())
            }
            (_, other) => other.clone(),
        };
    }
    Ok(row)
}

/// A portable row as `backend` reads it back (see [`insert_row`]).
pub fn for_backend(
    backend: Backend,
    table: &Table,
    mut row: Map<String, Value>,
) -> Result<Map<String, Value>, AppError> {
    for column in &table.columns {
        let value = row
            .get_mut(&column.name)
            .ok_or_else(|| bad(table, &column.name, "missing"))?;
        let Value::String(text) = &*value else {
            continue;
        };
        match (backend, column.kind) {
            (Backend::Sqlite, ColumnType::Timestamp) => {
                let time = parse_time(text).ok_or_else(|| bad(table, &column.name, text))?;
                *value = Value::String(time.format(SQLITE_TIME).to_string());
            }
            (Backend::Postgres, ColumnType::Binary) => {
                *value = Value::String(format!("\\x{text}"));
            }
            _ => {}
        }
    }
    Ok(row)
}

fn parse_time(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f"))
        .ok()
}

fn bad(table: &Table, column: &str, what: &str) -> AppError {
    AppError::internal(anyhow::anyhow!(
        "{}.{column}: cannot carry {what:?} in the portable form",
        table.name
    ))
}
