//! Writing rows into an empty Fund, in one transaction the caller holds: each row as its
//! database reads it, a row that refers to another of its own table held back until
//! that one is in.

use std::collections::{BTreeMap, HashSet};

use diesel::sql_types::{BigInt, Text};
use diesel::{QueryableByName, RunQueryDsl};
use serde_json::{Map, Value};

use super::catalog::Table;
use super::facts::Counts;
use super::portable;
use crate::db::{dialect, Backend, DbConnection};
use crate::error::AppError;

/// Tables the migrations fill (the audit chain's head, the Fund's own row): an empty Fund
/// has these rows, which a load replaces.
const SEEDED: &[&str] = &["audit_head", "fund"];

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// 409-like refusal unless the target holds no Fund yet: no table has rows but the ones
/// the migrations fill, and no audit event was ever written.
pub fn check_empty(conn: &mut DbConnection, tables: &[Table]) -> Result<(), AppError> {
    for table in tables.iter().filter(|t| !SEEDED.contains(&t.name.as_str())) {
        let found: Count =
            diesel::sql_query(format!("SELECT COUNT(*) AS n FROM \"{}\"", table.name))
                .get_result(conn)?;
        if found.n > 0 {
            return Err(AppError::conflict(format!(
                "the target database is not empty ({} holds {} rows): a Fund is moved or \
                 restored only into an empty one",
                table.name, found.n
            )));
        }
    }
    let head: Count =
        diesel::sql_query("SELECT last_seq AS n FROM audit_head WHERE id = 1").get_result(conn)?;
    if head.n != 0 {
        return Err(AppError::conflict(
            "the target database has an audit trail: a Fund is moved or restored only into an empty one",
        ));
    }
    Ok(())
}

/// Loads rows table by table (in the catalog's order: parents first).
pub struct Loader {
    backend: Backend,
    tables: BTreeMap<String, (Table, String)>,
    cleared: HashSet<String>,
    /// Ids in, for tables that refer to themselves.
    present: HashSet<(String, String)>,
    /// Rows waiting for their parent row, by table.
    waiting: BTreeMap<String, Vec<Map<String, Value>>>,
    pub counts: Counts,
}

impl Loader {
    pub fn new(backend: Backend, tables: &[Table]) -> Loader {
        Loader {
            backend,
            tables: tables
                .iter()
                .map(|t| {
                    (
                        t.name.clone(),
                        (t.clone(), portable::insert_row(backend, t)),
                    )
                })
                .collect(),
            cleared: HashSet::new(),
            present: HashSet::new(),
            waiting: BTreeMap::new(),
            counts: Counts::new(),
        }
    }

    /// One row of `table`, in the portable form.
    pub fn row(
        &mut self,
        conn: &mut DbConnection,
        table: &str,
        row: Map<String, Value>,
    ) -> Result<(), AppError> {
        let (spec, _) = self
            .tables
            .get(table)
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("no table {table} here")))?;
        if SEEDED.contains(&table) && self.cleared.insert(table.to_string()) {
            diesel::sql_query(format!("DELETE FROM \"{table}\"")).execute(conn)?;
        }
        let waits_for = spec.self_references.iter().find_map(|column| {
            row.get(column)
                .and_then(Value::as_str)
                .filter(|parent| {
                    !self
                        .present
                        .contains(&(table.to_string(), parent.to_string()))
                })
                .map(str::to_string)
        });
        if waits_for.is_some() {
            self.waiting.entry(table.to_string()).or_default().push(row);
            return Ok(());
        }
        self.insert(conn, table, row)?;
        self.release(conn, table)
    }

    fn insert(
        &mut self,
        conn: &mut DbConnection,
        table: &str,
        row: Map<String, Value>,
    ) -> Result<(), AppError> {
        let (spec, sql) = &self.tables[table];
        if !spec.self_references.is_empty() {
            if let Some(id) = spec
                .primary_key
                .first()
                .and_then(|k| row.get(k))
                .and_then(Value::as_str)
            {
                self.present.insert((table.to_string(), id.to_string()));
            }
        }
        let row = portable::for_backend(self.backend, spec, row)?;
        let text = serde_json::to_string(&row).map_err(AppError::internal)?;
        dialect::sql_query(conn, sql)
            .bind::<Text, _>(text)
            .execute(conn)?;
        *self.counts.entry(table.to_string()).or_default() += 1;
        Ok(())
    }

    /// Inserts the waiting rows of `table` whose parent is now in, until none is.
    fn release(&mut self, conn: &mut DbConnection, table: &str) -> Result<(), AppError> {
        loop {
            let Some(waiting) = self.waiting.get_mut(table) else {
                return Ok(());
            };
            let spec = &self.tables[table].0;
            let present = &self.present;
            let ready = waiting.iter().position(|row| {
                spec.self_references.iter().all(|column| {
                    row.get(column)
                        .and_then(Value::as_str)
                        .is_none_or(|parent| {
                            present.contains(&(table.to_string(), parent.to_string()))
                        })
                })
            });
            let Some(at) = ready else { return Ok(()) };
            let row = waiting.swap_remove(at);
            self.insert(conn, table, row)?;
        }
    }

    /// Every row placed: refuses rows still waiting for a parent that never came.
    pub fn finish(&self) -> Result<(), AppError> {
        for (table, rows) in &self.waiting {
            if !rows.is_empty() {
                return Err(AppError::internal(anyhow::anyhow!(
                    "{} rows of {table} refer to rows of it that are not in the data",
                    rows.len()
                )));
            }
        }
        Ok(())
    }
}
