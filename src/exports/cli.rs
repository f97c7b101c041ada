//! `trustfund export`: the ledger export on the command line, written by the same writer
//! as `GET /api/v1/ledger/export`, so a file made here and one downloaded there hold the
//! same bytes but the signed audit checkpoint, which carries its own time (an Excel
//! workbook also differs in its creation time). A progress bar goes
//! to standard error when it is a terminal, never into a pipe or a log.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use strum::VariantArray;
use uuid::Uuid;

use super::filter::{ExportFilter, ExportFormat, ExportKind, ExportQuery};
use super::{iati, rows, writer};
use crate::audit::Signer;
use crate::clock::Clock;
use crate::config::IatiSettings;
use crate::db::{read_snapshot, Db, DbConnection};
use crate::domain::{CountryCode, QueryDate, RegionalGroup};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv, json, xlsx, iati (IATI activity XML 2.03: the Fund's activity and one per
    /// grant) or iati-organisation (IATI organisation XML 2.03). The IATI files need
    /// iati.reporting_org_ref set (TRUSTFUND__IATI__REPORTING_ORG_REF).
    #[arg(long, value_parser = parse_format)]
    format: ExportFormat,
    /// First value date, YYYY-MM-DD, inclusive (default: 1 January of the year of --to).
    #[arg(long)]
    from: Option<QueryDate>,
    /// Last value date, YYYY-MM-DD, inclusive (default: today, UTC).
    #[arg(long)]
    to: Option<QueryDate>,
    /// disbursements (the default) or all.
    #[arg(long, value_parser = parse_kind, default_value = "disbursements")]
    kind: ExportKind,
    /// Only this grant's entries.
    #[arg(long)]
    grant: Option<Uuid>,
    /// Only the entries of this organisation's grants.
    #[arg(long)]
    organization: Option<Uuid>,
    /// Only the entries of grants to organisations of this country (ISO alpha-2).
    #[arg(long, value_parser = parse_country)]
    country: Option<CountryCode>,
    /// Only the entries of grants to organisations of this regional group (african,
    /// asia_pacific, eastern_european, latin_american_caribbean, western_european_other).
    #[arg(long, value_parser = parse_group)]
    regional_group: Option<RegionalGroup>,
    /// Where to write; `-` for standard output. Default: the export's own file name
    /// (trustfund-ledger-<kind>-<from>-<to>.<ext>) in the current directory.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

fn parse_format(text: &str) -> Result<ExportFormat, String> {
    text.parse()
        .map_err(|_| one_of(text, ExportFormat::VARIANTS))
}

fn parse_kind(text: &str) -> Result<ExportKind, String> {
    text.parse().map_err(|_| one_of(text, ExportKind::VARIANTS))
}

/// "\"x\" is not one of a, b, c", naming every variant by its derived name.
fn one_of<T: Copy + Into<&'static str>>(text: &str, variants: &[T]) -> String {
    let names: Vec<&str> = variants.iter().map(|v| (*v).into()).collect();
    format!("{text:?} is not one of {}", names.join(", "))
}

fn parse_country(text: &str) -> Result<CountryCode, String> {
    CountryCode::parse(text).map_err(|e| e.to_string())
}

fn parse_group(text: &str) -> Result<RegionalGroup, String> {
    RegionalGroup::VARIANTS
        .iter()
        .copied()
        .find(|g| rows::group_code(*g) == text)
        .ok_or_else(|| format!("{text:?} is not a regional group"))
}

pub fn run(
    args: ExportArgs,
    database_url: &str,
    iati: &IatiSettings,
    signer: &Signer,
) -> anyhow::Result<ExitCode> {
    let filter = ExportQuery {
        format: args.format,
        from: args.from,
        to: args.to,
        kind: args.kind,
        grant: args.grant,
        organization: args.organization,
        country: args.country,
        regional_group: args.regional_group,
    }
    .filter(Clock::system())
    .context("--from/--to")?;
    let db = Db::connect(database_url, 1)?;
    let mut conn = db.get().context("connecting to the database")?;
    let to_stdout = args.output.as_deref() == Some(Path::new("-"));
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(filter.file_name()));
    let mut out: Box<dyn Write> = if to_stdout {
        Box::new(BufWriter::new(std::io::stdout().lock()))
    } else {
        Box::new(BufWriter::new(
            File::create(&path).with_context(|| format!("creating {}", path.display()))?,
        ))
    };
    let written = if matches!(
        filter.format,
        ExportFormat::Iati | ExportFormat::IatiOrganisation
    ) {
        write_iati(&mut conn, iati, &filter, signer, &mut out)
    } else {
        write_rows(&mut conn, &filter, signer, &mut out)
    };
    drop(out);
    match written {
        Ok(()) => {
            if !to_stdout {
                eprintln!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            // A half-written or empty file must not pass for an export.
            if !to_stdout {
                let _ = std::fs::remove_file(&path);
            }
            Err(error)
        }
    }
}

/// The IATI document: one activity per grant, read in one snapshot. No progress bar: the
/// activities are counted only as they are written.
fn write_iati(
    conn: &mut DbConnection,
    settings: &IatiSettings,
    filter: &ExportFilter,
    signer: &Signer,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let activities = read_snapshot(conn, |conn| {
        iati::write_file(conn, settings, filter, Clock::system(), signer, out)
    })
    .context("writing the IATI export")?;
    if std::io::stderr().is_terminal() {
        eprintln!("{activities} activities");
    }
    Ok(())
}

/// The row formats (csv, json, xlsx), with a progress bar over the entries on a terminal.
fn write_rows(
    conn: &mut DbConnection,
    filter: &ExportFilter,
    signer: &Signer,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let terminal = std::io::stderr().is_terminal();
    let header = read_snapshot(conn, |conn| rows::header(conn, filter, terminal))
        .context("reading the ledger")?;
    let bar = match header.rows {
        Some(total) if terminal => {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} entries ({eta} left)",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        }
        _ => ProgressBar::hidden(),
    };
    writer::write_export(conn, filter, &header, signer, &mut *out, &mut |n| {
        bar.set_position(n)
    })
    .context("writing the export")?;
    out.flush().context("writing the export")?;
    bar.finish_and_clear();
    Ok(())
}
