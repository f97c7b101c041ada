//! `format=iati`: the ledger export as an IATI activity XML 2.03 file (issue 12): the
//! Fund's own activity with its incoming funds ([`fund`]) and one `iati-activity` per
//! grant with entries in the period, for the Fund's publication to the International Aid
//! Transparency Initiative; `format=iati-organisation`: the organisation file
//! ([`organisation`]). Both name their publisher, `iati.reporting_org_ref`, and are
//! refused while it is unset ([`check_publisher`]). They validate against the schemas in
//! `tests/data/iati-2.03/` (the tests run `xmllint`).
//!
//! Streamed: a task on the blocking pool reads grants a page at a time in one read
//! snapshot, writes each activity as it is read and sends the bytes through a bounded
//! channel to the response body, so memory holds a page of grant ids and one chunk of
//! XML whatever the size of the ledger, and the first bytes leave before the last grant
//! is read. Like the other formats it runs in the export lane (the API face's
//! `exports::lane`): a place taken first (429 when none is free), a connection of the
//! export share, and a client that reads nothing for the write timeout cut off. The schema wants at least one `iati-activity`, so a filter that selects no
//! grant is refused (422 `nothing-to-export`) before any byte is sent: the task looks
//! for the first activity before it writes the document's opening.

pub mod activity;
pub mod fund;
pub mod load;
mod mapping;
pub mod organisation;
pub mod writer;

use self::load::Scope;
use self::writer::ReportingOrg;
use crate::audit::Signer;
use crate::clock::Clock;
use crate::config::IatiSettings;
use crate::db::DbConnection;
use crate::error::{AppError, Rule};
use crate::exports::filter::{ExportFilter, ExportFormat, ExportKind};

/// Bytes gathered before a chunk is sent (the first activity goes at once).
const CHUNK: usize = 32 * 1024;

fn reporting_org(iati: &IatiSettings) -> ReportingOrg {
    ReportingOrg {
        reference: iati.reporting_org_ref.clone(),
        name: iati.reporting_org_name.clone(),
    }
}

fn scope(filter: &ExportFilter, clock: Clock) -> Scope {
    Scope {
        from: filter.from,
        to: filter.to,
        all_kinds: filter.kind == ExportKind::All,
        grant: filter.grant,
        organization: filter.organization,
        country: filter.country,
        regional_group: filter.regional_group,
        at: clock.now_utc(),
        audience: load::Audience::Finance,
    }
}

/// UNODC's IATI organisation identifier in its DAC channel code form (CRS channel code
/// 41128, "United Nations Office on Drugs and Crime", on IATI's CRSChannelCode codelist).
/// Only the demo (`serve --demo`) uses it unasked; a deployment sets `iati.reporting_org_ref`.
pub const UNODC_DAC_REF: &str = "XM-DAC-41128";

/// 422 `iati-publisher-unset` while `iati.reporting_org_ref` is empty.
pub fn check_publisher(iati: &IatiSettings) -> Result<(), AppError> {
    if iati.reporting_org_ref.trim().is_empty() {
        return Err(AppError::rule(
            Rule::IatiPublisherUnset,
            "the IATI publisher is not set: set iati.reporting_org_ref (environment \
             TRUSTFUND__IATI__REPORTING_ORG_REF) to the publishing organisation's IATI \
             identifier, e.g. XM-DAC-41128 for UNODC",
        ));
    }
    Ok(())
}

/// 422 `nothing-to-export`: the IATI schema wants at least one activity.
pub fn nothing_to_export() -> AppError {
    AppError::rule(
        Rule::NothingToExport,
        "no grant has ledger entries matching the filter in the period, and an IATI activity \
         file must hold at least one activity",
    )
}

/// The IATI file for `filter`, published by the organisation `[iati]` in the
/// configuration names, a chunk at a time to `sink` (the first chunk as soon as the first
/// activity is written, so a face can answer [`nothing_to_export`] before any byte is
/// sent when none is). Returns the number of activities.
pub fn stream_file(
    conn: &mut DbConnection,
    iati: &IatiSettings,
    filter: &ExportFilter,
    clock: Clock,
    signer: &Signer,
    sink: impl FnMut(Vec<u8>) -> Result<(), AppError>,
) -> Result<usize, AppError> {
    check_publisher(iati)?;
    let mut sink = sink;
    if filter.format == ExportFormat::IatiOrganisation {
        let file = organisation::write(conn, &reporting_org(iati), filter, clock.now_utc())?;
        sink(file)?;
        return Ok(1);
    }
    write_all(
        conn,
        &scope(filter, clock),
        &reporting_org(iati),
        signer,
        sink,
    )
}

/// The command line's IATI export (`trustfund export --format iati`): writes the same
/// document as the HTTP export to `out`, reading through `conn` (run it in one read
/// snapshot, `crate::db::read_snapshot`). Returns the number of activities written; 422
/// `nothing-to-export`, with nothing written, when no grant is in the filter's scope.
pub fn write_file(
    conn: &mut DbConnection,
    iati: &IatiSettings,
    filter: &ExportFilter,
    clock: Clock,
    signer: &Signer,
    out: &mut dyn std::io::Write,
) -> Result<usize, AppError> {
    check_publisher(iati)?;
    if filter.format == ExportFormat::IatiOrganisation {
        let file = organisation::write(conn, &reporting_org(iati), filter, clock.now_utc())?;
        out.write_all(&file).map_err(AppError::internal)?;
        out.flush().map_err(AppError::internal)?;
        return Ok(1);
    }
    let written = write_all(
        conn,
        &scope(filter, clock),
        &reporting_org(iati),
        signer,
        |bytes| out.write_all(&bytes).map_err(AppError::internal),
    )?;
    if written == 0 {
        return Err(nothing_to_export());
    }
    out.flush().map_err(AppError::internal)?;
    Ok(written)
}

/// The Fund's IATI files for anyone (`/api/v1/public/iati/…`), over its whole life to
/// today: every grant's activity and the Fund's own, its donors named as the public page
/// names them; and the organisation file for the same years.
#[derive(Debug)]
pub struct PublicFiles {
    /// `None` while no grant and no receipt has a ledger entry (the schema wants one
    /// activity at least).
    pub activities: Option<bytes::Bytes>,
    pub organisation: bytes::Bytes,
}

/// Both public files, read in `conn`'s snapshot (run it in one, `crate::db::read_snapshot`).
pub fn public_files(
    conn: &mut DbConnection,
    iati: &IatiSettings,
    clock: Clock,
    signer: &Signer,
) -> Result<PublicFiles, AppError> {
    check_publisher(iati)?;
    let started: chrono::NaiveDate = fund::STARTED.parse().map_err(AppError::internal)?;
    let lifetime = ExportFilter {
        format: ExportFormat::IatiOrganisation,
        from: started,
        to: clock.today(),
        kind: ExportKind::All,
        grant: None,
        organization: None,
        country: None,
        regional_group: None,
    };
    let org = reporting_org(iati);
    let organisation = organisation::write(conn, &org, &lifetime, clock.now_utc())?;
    let scope = Scope {
        audience: load::Audience::Public,
        ..scope(&lifetime, clock)
    };
    let mut file = Vec::new();
    let written = write_all(conn, &scope, &org, signer, |bytes| {
        file.extend_from_slice(&bytes);
        Ok(())
    })?;
    Ok(PublicFiles {
        activities: (written > 0).then(|| file.into()),
        organisation: organisation.into(),
    })
}

/// Writes the whole document, a chunk at a time, to `sink` (the first chunk as soon as
/// the first activity is written, then about every [`CHUNK`] bytes); writes nothing when no
/// grant is in scope. Returns the number of activities.
fn write_all(
    conn: &mut DbConnection,
    scope: &Scope,
    org: &ReportingOrg,
    signer: &Signer,
    mut sink: impl FnMut(Vec<u8>) -> Result<(), AppError>,
) -> Result<usize, AppError> {
    let mut buf = Vec::with_capacity(CHUNK * 2);
    let mut written = 0_usize;
    let mut after: Option<String> = None;
    let (incoming, updated) = fund::incoming(conn, scope)?;
    if let (false, Some(updated)) = (incoming.is_empty(), updated) {
        writer::open_document(&mut buf, scope.at).map_err(AppError::internal)?;
        fund::write_activity(&mut buf, org, &incoming, updated).map_err(AppError::internal)?;
        written += 1;
        sink(std::mem::replace(&mut buf, Vec::with_capacity(CHUNK * 2)))?;
    }
    loop {
        let (ids, last) = load::next_grants(conn, scope, after.as_deref())?;
        for id in &ids {
            let Some(activity) = load::activity(conn, scope, id)? else {
                continue;
            };
            if written == 0 {
                writer::open_document(&mut buf, scope.at).map_err(AppError::internal)?;
            }
            writer::write_activity(&mut buf, org, &activity).map_err(AppError::internal)?;
            written += 1;
            if written == 1 || buf.len() >= CHUNK {
                sink(std::mem::replace(&mut buf, Vec::with_capacity(CHUNK * 2)))?;
            }
        }
        match last {
            Some(last) => after = Some(last),
            None => break,
        }
    }
    if written > 0 {
        // The signed audit head of this snapshot (see `crate::exports::checkpoint`).
        crate::exports::checkpoint::iati_comment(&mut buf, &signer.sign_head(conn)?);
        writer::close_document(&mut buf).map_err(AppError::internal)?;
        sink(buf)?;
    }
    Ok(written)
}
