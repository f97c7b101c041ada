//! The ledger export's query plans on SQLite, under the statistics of a Fund with a long
//! history (issue 14). Once a database has statistics (`ANALYZE`, `PRAGMA optimize`),
//! SQLite counts the NULLs of an index as one value shared by every row: an index over
//! "the entry that reversed this receipt", NULL for nearly every receipt, then looks
//! useless, and the export scanned every receipt for every entry it wrote (254 s for a
//! year of disbursements at a million postings). The statistics are written here as such a
//! database has them, and no step of any export query may be a full scan.

use diesel::connection::SimpleConnection;
use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl};
use trustfund::db::{DbConnection, Sql};
use trustfund::exports::{rows, ExportFilter, ExportFormat, ExportKind};

use crate::helpers::{Backend, TestApp};

#[derive(QueryableByName)]
struct PlanStep {
    #[diesel(sql_type = Text)]
    detail: String,
}

/// A million rows in every table; one row per value in every index, but for the columns
/// naming a reversal, NULL in all but a few rows; a partial index holds those few.
const LONG_HISTORY_STATISTICS: &str = "
    ANALYZE;
    DELETE FROM sqlite_stat1;
    INSERT INTO sqlite_stat1 (tbl, idx, stat)
    SELECT m.name, il.name,
           CASE WHEN il.partial THEN '10' ELSE '1000000' END ||
           (SELECT group_concat(
                       CASE WHEN ii.name IN ('reversal_transaction_id', 'reverses_id')
                             AND NOT il.partial
                            THEN ' 1000000' ELSE ' 1' END, '')
              FROM pragma_index_info(il.name) ii)
      FROM sqlite_schema m, pragma_index_list(m.name) il
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%';
    INSERT INTO sqlite_stat1 (tbl, idx, stat)
    SELECT name, NULL, '1000000' FROM sqlite_schema
     WHERE type = 'table' AND name NOT LIKE 'sqlite_%';
    ANALYZE sqlite_schema;
";

fn plan(conn: &mut DbConnection, sql: Sql) -> Vec<String> {
    sql.wrapped("EXPLAIN QUERY PLAN ", "")
        .query()
        .load::<PlanStep>(conn)
        .expect("a plan")
        .into_iter()
        .map(|step| step.detail)
        .collect()
}

fn filter(kind: ExportKind) -> ExportFilter {
    ExportFilter {
        format: ExportFormat::Csv,
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        kind,
        grant: None,
        organization: None,
        country: None,
        regional_group: None,
    }
}

#[tokio::test]
async fn no_export_query_scans_a_table_on_sqlite_with_a_long_history() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let scans = app
        .with_db(|conn| {
            conn.batch_execute(LONG_HISTORY_STATISTICS)
                .expect("statistics");
            let mut scans = Vec::new();
            for kind in [ExportKind::Disbursements, ExportKind::All] {
                let mut by_country = filter(kind);
                by_country.country = Some(trustfund::domain::CountryCode::parse("KE").unwrap());
                for filter in [filter(kind), by_country] {
                    for sql in [
                        rows::page_sql(
                            conn,
                            &filter,
                            chrono::NaiveDate::from_ymd_opt(2026, 6, 1).map(|d| (d, 1000)),
                            1_000_000,
                            1000,
                        ),
                        rows::opening_sql(conn, &filter, 1_000_000),
                    ] {
                        let steps = plan(conn, sql);
                        assert!(!steps.is_empty());
                        scans.extend(
                            steps
                                .into_iter()
                                .filter(|step| step.starts_with("SCAN"))
                                .map(|step| format!("{kind:?}: {step}")),
                        );
                    }
                }
            }
            scans
        })
        .await;
    assert!(scans.is_empty(), "full scans in the export: {scans:?}");
}
