//! What a database holds, read from its own catalog: its tables in an order that loads
//! (every table after those it refers to), each with its columns, their portable types,
//! its primary key and the columns that refer to the table itself.

use std::collections::{BTreeMap, BTreeSet};

use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl};

use crate::db::{dialect, Backend, DbConnection};
use crate::error::AppError;

/// A column's type as the portable form carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Integer,
    Bool,
    Timestamp,
    Date,
    Binary,
}

impl ColumnType {
    fn of(backend: Backend, declared: &str) -> Result<ColumnType, AppError> {
        let declared = declared.to_ascii_lowercase();
        Ok(match (backend, declared.as_str()) {
            (_, "text") => ColumnType::Text,
            (_, "bigint" | "integer" | "int") => ColumnType::Integer,
            (_, "boolean") => ColumnType::Bool,
            (Backend::Sqlite, "timestamp") | (Backend::Postgres, "timestamp without time zone") => {
                ColumnType::Timestamp
            }
            (_, "date") => ColumnType::Date,
            (Backend::Sqlite, "blob") | (Backend::Postgres, "bytea") => ColumnType::Binary,
            (_, other) => {
                return Err(AppError::internal(anyhow::anyhow!(
                    "a column of type {other:?} has no portable form"
                )))
            }
        })
    }
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: ColumnType,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    /// Columns referring to this same table (a reversal to the entry it reverses, a
    /// document's version to the one it supersedes): a row is loaded after its parent.
    pub self_references: Vec<String>,
}

impl Table {
    /// The order rows are read in: the primary key, so that pages are stable.
    pub fn order_by(&self) -> String {
        self.primary_key
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Declared {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    declared: String,
}

#[derive(QueryableByName)]
struct Reference {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    target: String,
}

/// The tables of the Fund (not diesel's migrations table), parents before children.
pub fn tables(conn: &mut DbConnection) -> Result<Vec<Table>, AppError> {
    let backend = conn.backend();
    let names: Vec<Name> = match backend {
        Backend::Sqlite => diesel::sql_query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '__diesel_schema_migrations' ORDER BY name",
        )
        .load(conn)?,
        Backend::Postgres => diesel::sql_query(
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             AND table_name <> '__diesel_schema_migrations' ORDER BY table_name",
        )
        .load(conn)?,
    };
    let mut found = BTreeMap::new();
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for Name { name } in names {
        let (columns_sql, key_sql, references_sql) = match backend {
            Backend::Sqlite => (
                "SELECT name, type AS declared FROM pragma_table_info($1) ORDER BY cid",
                "SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk",
                "SELECT \"from\" AS name, \"table\" AS target FROM pragma_foreign_key_list($1)",
            ),
            Backend::Postgres => (
                "SELECT column_name::text AS name, data_type::text AS declared \
                 FROM information_schema.columns WHERE table_schema = current_schema() \
                 AND table_name = $1 ORDER BY ordinal_position",
                "SELECT a.attname::text AS name FROM pg_index i JOIN pg_attribute a \
                 ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) \
                 WHERE i.indrelid = $1::regclass AND i.indisprimary \
                 ORDER BY array_position(i.indkey, a.attnum)",
                "SELECT a.attname::text AS name, c.confrelid::regclass::text AS target \
                 FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid \
                 AND a.attnum = c.conkey[1] WHERE c.contype = 'f' AND c.conrelid = $1::regclass",
            ),
        };
        let declared: Vec<Declared> = dialect::sql_query(conn, columns_sql)
            .bind::<Text, _>(&name)
            .load(conn)?;
        let columns = declared
            .into_iter()
            .map(|d| {
                Ok(Column {
                    kind: ColumnType::of(backend, &d.declared)?,
                    name: d.name,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let primary_key: Vec<String> = dialect::sql_query(conn, key_sql)
            .bind::<Text, _>(&name)
            .load::<Name>(conn)?
            .into_iter()
            .map(|n| n.name)
            .collect();
        let references: Vec<Reference> = dialect::sql_query(conn, references_sql)
            .bind::<Text, _>(&name)
            .load(conn)?;
        let self_references = references
            .iter()
            .filter(|r| r.target == name)
            .map(|r| r.name.clone())
            .collect();
        parents.insert(
            name.clone(),
            references
                .into_iter()
                .map(|r| r.target)
                .filter(|t| *t != name)
                .collect(),
        );
        found.insert(
            name.clone(),
            Table {
                name,
                columns,
                primary_key,
                self_references,
            },
        );
    }
    // Parents first: repeatedly take the tables whose parents are all taken.
    let mut ordered = Vec::with_capacity(found.len());
    let mut taken = BTreeSet::new();
    while taken.len() < found.len() {
        let ready: Vec<String> = found
            .keys()
            .filter(|t| !taken.contains(*t))
            .filter(|t| {
                parents[*t]
                    .iter()
                    .all(|p| taken.contains(p) || !found.contains_key(p))
            })
            .cloned()
            .collect();
        if ready.is_empty() {
            return Err(AppError::internal(anyhow::anyhow!(
                "the tables refer to each other in a loop: no order loads them"
            )));
        }
        for name in ready {
            taken.insert(name.clone());
            ordered.push(found[&name].clone());
        }
    }
    Ok(ordered)
}
