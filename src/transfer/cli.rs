//! `trustfund backup`, `trustfund restore` and `trustfund migrate-data`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use diesel::Connection;
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::catalog::{self, Table};
use super::facts::{self, Counts, Facts};
use super::{dump, load};
use crate::db::{read_snapshot, run_migrations, DbConnection};
use crate::error::AppError;

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The file to write (replaced only once the backup is complete).
    #[arg(long)]
    pub output: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// A file `trustfund backup` wrote.
    #[arg(long)]
    pub input: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct MigrateDataArgs {
    /// The empty database to move the Fund to (sqlite://… or postgres://…); the Fund is
    /// read from --database-url.
    #[arg(long)]
    pub to: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    trustfund_data: u32,
    facts: Facts,
    tables: Counts,
}

#[derive(Debug, Serialize, Deserialize)]
struct RowLine {
    t: String,
    r: Map<String, Value>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Trailer {
    end: Counts,
}

const FORMAT: u32 = 1;

/// Writes the Fund at `url` to `output`, consistent as of one moment while it serves.
pub fn backup(url: &str, args: &BackupArgs) -> anyhow::Result<ExitCode> {
    let mut conn = connect(url)?;
    let partial = args.output.with_extension("partial");
    let file =
        File::create(&partial).with_context(|| format!("cannot write {}", partial.display()))?;
    let mut out = BufWriter::new(file);
    let (facts, counts) = read_snapshot(&mut conn, |conn| {
        let tables = catalog::tables(conn)?;
        let facts = facts::of(conn)?;
        let mut counts = Counts::new();
        for table in &tables {
            counts.insert(table.name.clone(), dump::count(conn, table)?);
        }
        write_line(
            &mut out,
            &Header {
                trustfund_data: FORMAT,
                facts: facts.clone(),
                tables: counts.clone(),
            },
        )?;
        let bar = progress(counts.values().sum(), "rows written");
        for table in &tables {
            dump::rows(conn, table, |row| {
                bar.inc(1);
                write_line(
                    &mut out,
                    &RowLine {
                        t: table.name.clone(),
                        r: row,
                    },
                )
            })?;
        }
        bar.finish_and_clear();
        write_line(
            &mut out,
            &Trailer {
                end: counts.clone(),
            },
        )?;
        Ok((facts, counts))
    })
    .context("reading the Fund")?;
    out.into_inner()
        .map_err(|e| e.into_error())
        .and_then(|f| f.sync_all())
        .context("writing the backup")?;
    std::fs::rename(&partial, &args.output).context("writing the backup")?;
    println!(
        "backup written to {}: {} rows in {} tables; audit head {} ({} events); cash {}",
        args.output.display(),
        counts.values().sum::<u64>(),
        counts.len(),
        facts.audit_head,
        facts.audit_events,
        facts.balances.cash
    );
    Ok(ExitCode::SUCCESS)
}

/// Loads a backup into the empty database at `url`, then checks it arrived whole.
pub fn restore(url: &str, args: &RestoreArgs) -> anyhow::Result<ExitCode> {
    let file =
        File::open(&args.input).with_context(|| format!("cannot read {}", args.input.display()))?;
    let mut lines = BufReader::new(file).lines();
    let header: Header = match lines.next() {
        Some(line) => serde_json::from_str(&line?).context("not a trustfund backup")?,
        None => bail!("{} is empty", args.input.display()),
    };
    if header.trustfund_data != FORMAT {
        bail!(
            "a backup of format {} (this version reads {FORMAT})",
            header.trustfund_data
        );
    }
    let source = match header.facts.backend.as_str() {
        "postgres" => crate::db::Backend::Postgres,
        "sqlite" => crate::db::Backend::Sqlite,
        other => bail!("a backup of a {other:?} database"),
    };
    check_current(source, &header.facts.migrations)?;
    let mut conn = prepare_target(url)?;
    let tables = catalog::tables(&mut conn)?;
    let bar = progress(header.tables.values().sum(), "rows restored");
    let loaded = conn.transaction::<_, anyhow::Error, _>(|conn| {
        load::check_empty(conn, &tables)?;
        let mut loader = load::Loader::new(conn.backend(), &tables);
        let mut ended = None;
        for line in lines.by_ref() {
            let line = line?;
            if let Ok(row) = serde_json::from_str::<RowLine>(&line) {
                loader.row(conn, &row.t, row.r)?;
                bar.inc(1);
            } else {
                let trailer: Trailer = serde_json::from_str(&line)
                    .context("a line that is neither a row nor the end")?;
                ended = Some(trailer.end);
                break;
            }
        }
        let Some(end) = ended else {
            bail!("the backup is cut short: it has no end line");
        };
        loader.finish()?;
        if end != header.tables {
            bail!("the backup's end does not match its header");
        }
        Ok(loader.counts)
    })?;
    bar.finish_and_clear();
    report(
        "restored",
        &mut conn,
        &header.facts,
        &header.tables,
        &loaded,
    )
}

/// Moves the Fund at `from` into the empty database at `args.to`, in one snapshot of the
/// source and one transaction of the target.
pub fn migrate_data(from: &str, args: &MigrateDataArgs) -> anyhow::Result<ExitCode> {
    let mut source = connect(from)?;
    let migrations = crate::db::applied_migrations(&mut source)?;
    check_current(source.backend(), &migrations)?;
    let mut target = prepare_target(&args.to)?;
    let targets = catalog::tables(&mut target)?;
    let (taken, counts, loaded) = target.transaction::<_, anyhow::Error, _>(|target| {
        load::check_empty(target, &targets)?;
        let mut loader = load::Loader::new(target.backend(), &targets);
        let (facts, counts) = read_snapshot(&mut source, |source| {
            let tables = catalog::tables(source)?;
            same_tables(&tables, &targets)?;
            let facts = facts::of(source)?;
            let mut counts = Counts::new();
            for table in &tables {
                counts.insert(table.name.clone(), dump::count(source, table)?);
            }
            let bar = progress(counts.values().sum(), "rows moved");
            for table in &tables {
                dump::rows(source, table, |row| {
                    bar.inc(1);
                    loader.row(target, &table.name, row)
                })?;
            }
            bar.finish_and_clear();
            Ok((facts, counts))
        })?;
        loader.finish()?;
        Ok((facts, counts, loader.counts))
    })?;
    report("moved", &mut target, &taken, &counts, &loaded)
}

fn connect(url: &str) -> anyhow::Result<DbConnection> {
    crate::db::prepare_sqlite_file(url)
        .with_context(|| format!("cannot open {}", crate::db::redact_url(url)))?;
    DbConnection::open(url)
        .with_context(|| format!("cannot connect to {}", crate::db::redact_url(url)))
}

/// The data was taken from a database at every migration this version holds for it
/// (and no other), so that its tables are the ones this version writes.
fn check_current(backend: crate::db::Backend, migrations: &[String]) -> anyhow::Result<()> {
    let known = crate::db::known_migrations(backend)?;
    if migrations != known {
        bail!(
            "the data was taken at other migrations than this version runs (the last {} there, \
             {} here): move or restore it with the version that took it, then upgrade",
            migrations.last().map_or("none", String::as_str),
            known.last().map_or("none", String::as_str)
        );
    }
    Ok(())
}

/// The target, migrated by this version.
fn prepare_target(url: &str) -> anyhow::Result<DbConnection> {
    let mut conn = connect(url)?;
    run_migrations(&mut conn)?;
    Ok(conn)
}

fn same_tables(source: &[Table], target: &[Table]) -> Result<(), AppError> {
    let names = |tables: &[Table]| {
        tables
            .iter()
            .map(|t| t.name.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    if names(source) != names(target) {
        return Err(AppError::internal(anyhow::anyhow!(
            "the two databases have different tables"
        )));
    }
    Ok(())
}

/// Checks the arrival against what was taken; prints the outcome.
fn report(
    what: &str,
    conn: &mut DbConnection,
    taken: &Facts,
    counts: &Counts,
    loaded: &Counts,
) -> anyhow::Result<ExitCode> {
    let arrived = read_snapshot(conn, facts::of).context("checking the Fund as it arrived")?;
    let documents =
        read_snapshot(conn, crate::documents::verify_all).context("checking the documents")?;
    let mut differences = facts::differences(taken, counts, &arrived, loaded);
    for damage in &documents.damaged {
        differences.push(format!("document {}: {}", damage.document, damage.detail));
    }
    if differences.is_empty() {
        println!(
            "Fund {what}: {} rows in {} tables; audit chain verified, head {} ({} events); \
             ledger check passed, cash {}; {} documents match their hashes",
            loaded.values().sum::<u64>(),
            loaded.len(),
            arrived.audit_head,
            arrived.audit_events,
            arrived.balances.cash,
            documents.documents_checked
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("Fund {what}, but it does NOT match what was taken:");
    for difference in differences {
        println!("  {difference}");
    }
    Ok(ExitCode::FAILURE)
}

fn write_line(out: &mut impl Write, value: &impl Serialize) -> Result<(), AppError> {
    serde_json::to_writer(&mut *out, value).map_err(AppError::internal)?;
    out.write_all(b"\n").map_err(AppError::internal)
}

fn progress(total: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} [{{elapsed_precise}}] {{bar:40}} {{pos}}/{{len}} {what} ({{eta}} left)"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
