//! Reading every row of a Fund, table by table, parents first, in pages, inside the
//! caller's snapshot: the service keeps serving and writing meanwhile, and what is read
//! is the Fund at one moment.

use diesel::sql_types::{BigInt, Text};
use diesel::{QueryableByName, RunQueryDsl};
use serde_json::{Map, Value};

use super::catalog::{ColumnType, Table};
use super::portable;
use crate::db::{dialect, DbConnection};
use crate::error::AppError;

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Rows in a table.
pub fn count(conn: &mut DbConnection, table: &Table) -> Result<u64, AppError> {
    let found: Count = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM \"{}\"", table.name))
        .get_result(conn)?;
    Ok(u64::try_from(found.n).unwrap_or_default())
}

/// Hands each row of `table`, in the portable form, to `each`.
pub fn rows(
    conn: &mut DbConnection,
    table: &Table,
    mut each: impl FnMut(Map<String, Value>) -> Result<(), AppError>,
) -> Result<u64, AppError> {
    // Pages of about 4 MB at most: a document chunk is 256 KiB, twice that in hex.
    let page: i64 = if table.columns.iter().any(|c| c.kind == ColumnType::Binary) {
        8
    } else {
        1000
    };
    let sql = portable::select_page(conn.backend(), table);
    let mut offset = 0i64;
    loop {
        let lines: Vec<Line> = dialect::sql_query(conn, &sql)
            .bind::<BigInt, _>(page)
            .bind::<BigInt, _>(offset)
            .load(conn)?;
        let fetched = lines.len() as i64;
        for Line { line } in lines {
            let row: Map<String, Value> =
                serde_json::from_str(&line).map_err(AppError::internal)?;
            each(portable::to_portable(table, row)?)?;
        }
        offset += fetched;
        if fetched < page {
            return Ok(u64::try_from(offset).unwrap_or_default());
        }
    }
}
