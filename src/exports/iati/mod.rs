//! `format=iati`: the ledger export as an IATI activity XML 2.03 file (issue 12), one
//! `iati-activity` per grant with entries in the period, for the Fund's publication to the
//! International Aid Transparency Initiative. It validates against
//! `../shared/data/iati-2.03/iati-activities-schema.xsd` (the tests run `xmllint`).
//!
//! Streamed: a task on the blocking pool reads grants a page at a time in one read
//! snapshot, writes each activity as it is read and sends the bytes through a bounded
//! channel to the response body, so memory holds a page of grant ids and one chunk of
//! XML whatever the size of the ledger, and the first bytes leave before the last grant
//! is read. Like the other formats it runs in the export lane (`crate::exports::stream`):
//! a place taken first (429 when none is free), a connection of the export share, and a
//! client that reads nothing for the write timeout cut off. The schema wants at least one `iati-activity`, so a filter that selects no
//! grant is refused (422 `nothing-to-export`) before any byte is sent: the task looks
//! for the first activity before it writes the document's opening.

pub mod activity;
pub mod load;
mod mapping;
pub mod writer;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use futures_util::stream;
use tokio::sync::mpsc;

use self::load::Scope;
use self::writer::ReportingOrg;
use crate::audit::Signer;
use crate::config::IatiSettings;
use crate::db::{Db, DbConnection};
use crate::error::{AppError, Rule};
use crate::exports::filter::{ExportFilter, ExportKind};
use crate::exports::stream::{self as lane, ChunkSender, WriteTimeout};

/// Bytes gathered before a chunk is sent (the first activity goes at once).
const CHUNK: usize = 32 * 1024;
/// Chunks in flight between the reading task and the response body.
const IN_FLIGHT: usize = 8;

type Sender = ChunkSender<Result<Bytes, AppError>>;

/// Answers `GET /api/v1/ledger/export?format=iati`: the file for `filter`, published by
/// the organisation `[iati]` in the configuration names.
pub async fn respond(
    db: &Db,
    iati: &IatiSettings,
    timeout: WriteTimeout,
    filter: ExportFilter,
    signer: &Signer,
) -> Result<HttpResponse, AppError> {
    let org = reporting_org(iati);
    let signer = signer.clone();
    stream_file(db, timeout, scope(&filter), org, filter.file_name(), signer).await
}

fn reporting_org(iati: &IatiSettings) -> ReportingOrg {
    ReportingOrg {
        reference: iati.reporting_org_ref.clone(),
        name: iati.reporting_org_name.clone(),
    }
}

fn scope(filter: &ExportFilter) -> Scope {
    Scope {
        from: filter.from,
        to: filter.to,
        all_kinds: filter.kind == ExportKind::All,
        grant: filter.grant,
        organization: filter.organization,
        country: filter.country,
        regional_group: filter.regional_group,
    }
}

async fn stream_file(
    db: &Db,
    timeout: WriteTimeout,
    scope: Scope,
    org: ReportingOrg,
    file_name: String,
    signer: Signer,
) -> Result<HttpResponse, AppError> {
    let permit = db.export_permit()?;
    let (tx, mut rx) = mpsc::channel(IN_FLIGHT);
    let sender = ChunkSender::new(tx, timeout);
    let complete = Arc::new(AtomicBool::new(false));
    let done = complete.clone();
    let db = db.clone();
    actix_web::rt::spawn(async move {
        let read = db
            .export_read(permit, move |conn| {
                let written = write_all(conn, &scope, &org, &signer, |bytes| send(&sender, bytes));
                match written {
                    Ok(_) => done.store(true, Ordering::SeqCst),
                    // Either the first message (the caller answers it as a problem) or a
                    // failure mid-file, which aborts the body; if the client left or
                    // stopped reading, there is no room and no one to tell.
                    Err(e) => sender.try_send(Err(e)),
                }
                Ok(())
            })
            .await;
        if let Err(e) = read {
            tracing::warn!(error = %e, "iati export stopped before its end");
        }
    });
    let first = match rx.recv().await {
        Some(Ok(bytes)) => bytes,
        Some(Err(e)) => return Err(e),
        None => return Err(nothing_to_export()),
    };
    let rest = futures_util::StreamExt::map(
        lane::body(rx, complete, || {
            AppError::internal(anyhow::anyhow!("the IATI export stopped before its end"))
        }),
        |item| {
            item.map_err(|e| {
                tracing::error!(error = ?e, "iati export failed after its first bytes");
                std::io::Error::other("the IATI export failed part way")
            })
        },
    );
    let body = futures_util::StreamExt::chain(stream::once(async { Ok(first) }), rest);
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/xml; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .streaming(body))
}

fn send(tx: &Sender, bytes: Vec<u8>) -> Result<(), AppError> {
    tx.send(Ok(Bytes::from(bytes)))
        .map_err(|e| AppError::internal(anyhow::anyhow!("the IATI export's client is gone: {e}")))
}

fn nothing_to_export() -> AppError {
    AppError::rule(
        Rule::NothingToExport,
        "no grant has ledger entries matching the filter in the period, and an IATI activity \
         file must hold at least one activity",
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
    signer: &Signer,
    out: &mut dyn std::io::Write,
) -> Result<usize, AppError> {
    let written = write_all(
        conn,
        &scope(filter),
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
    loop {
        let (ids, last) = load::next_grants(conn, scope, after.as_deref())?;
        for id in &ids {
            let Some(activity) = load::activity(conn, scope, id)? else {
                continue;
            };
            if written == 0 {
                writer::open_document(&mut buf, chrono::Utc::now()).map_err(AppError::internal)?;
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
