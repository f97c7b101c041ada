//! The HTTP answer of `format=iati`: the file is read and written on a connection of the
//! export share, in one snapshot that also checks the caller's account, and streamed
//! through a bounded channel; the first chunk (or the first error, such as 422
//! `nothing-to-export` or a disabled account) decides the answer before any byte is sent.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use futures_util::stream;
use tokio::sync::mpsc;

use super::lane::{self, ChunkSender, WriteTimeout};
use crate::api::Caller;
use crate::audit::Signer;
use crate::config::IatiSettings;
use crate::db::Db;
use crate::error::AppError;
use crate::exports::{iati, ExportFilter};

/// Chunks in flight between the reading task and the response body.
const IN_FLIGHT: usize = 8;

type Sender = ChunkSender<Result<Bytes, AppError>>;

/// Answers `GET /api/v1/ledger/export?format=iati` for `caller`: the file for `filter`.
pub async fn respond(
    caller: &Caller,
    db: &Db,
    settings: &IatiSettings,
    timeout: WriteTimeout,
    filter: ExportFilter,
    signer: &Signer,
) -> Result<HttpResponse, AppError> {
    let permit = db.export_permit()?;
    let (tx, mut rx) = mpsc::channel(IN_FLIGHT);
    // For a refusal before the work starts (the account check, no connection).
    let refusal = tx.clone();
    let sender = ChunkSender::new(tx, timeout);
    let complete = Arc::new(AtomicBool::new(false));
    let done = complete.clone();
    let (caller, db, settings, signer) =
        (caller.clone(), db.clone(), settings.clone(), signer.clone());
    let file_name = filter.file_name();
    actix_web::rt::spawn(async move {
        let read = caller
            .export_read(&db, permit, move |conn, actor| {
                let clock = actor.clock;
                let written =
                    iati::stream_file(conn, &settings, &filter, clock, &signer, |bytes| {
                        send(&sender, bytes)
                    });
                match written {
                    Ok(_) => done.store(true, Ordering::SeqCst),
                    // Either the first message (the handler answers it as a problem) or
                    // a failure mid-file, which aborts the body; if the client left or
                    // stopped reading, there is no room and no one to tell.
                    Err(e) => sender.try_send(Err(e)),
                }
                Ok(())
            })
            .await;
        if let Err(e) = read {
            tracing::warn!(error = %e, "iati export stopped before its end");
            let _ = refusal.try_send(Err(e));
        }
    });
    let first = match rx.recv().await {
        Some(Ok(bytes)) => bytes,
        Some(Err(e)) => return Err(e),
        None => return Err(iati::nothing_to_export()),
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
