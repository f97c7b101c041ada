//! The HTTP answer of a CSV, JSON or Excel export: the header is read first (so a database
//! that is down answers a proper 503), then the writer runs on the blocking pool and sends
//! its chunks through a bounded channel to the response body. A slow client slows the
//! writer (the channel is full), and a client that goes away stops it (the channel is
//! closed), so memory stays flat whatever the period holds.

use std::io::{self, Write};

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use tokio::sync::mpsc;

use super::filter::ExportFilter;
use super::{rows, writer};
use crate::db::Db;
use crate::error::AppError;

/// Chunks in flight between the writer and the response body.
const CHUNKS: usize = 4;
/// A chunk is sent when this much is buffered (and at the end of every page).
const CHUNK: usize = 64 * 1024;

/// A `Write` that sends what it is given, in chunks, to the response body.
pub struct ChannelWriter {
    sender: mpsc::Sender<Result<Bytes, io::Error>>,
    buffer: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// Streams the export of `filter` (CSV, JSON or Excel).
pub async fn respond(
    db: &Db,
    filter: ExportFilter,
    signer: &crate::audit::Signer,
) -> Result<HttpResponse, AppError> {
    let signer = signer.clone();
    let header = db
        .read({
            let filter = filter.clone();
            move |conn| rows::header(conn, &filter, false)
        })
        .await?;
    let (sender, receiver) = mpsc::channel(CHUNKS);
    let content_type = filter.format.content_type();
    let file = filter.file_name();
    let db = db.clone();
    // Detached: it ends when the export is written or the client has gone.
    drop(actix_web::rt::task::spawn_blocking(move || {
        let out = ChannelWriter {
            sender: sender.clone(),
            buffer: Vec::with_capacity(CHUNK),
        };
        let written = db.get().and_then(|mut conn| {
            writer::write_export(&mut conn, &filter, &header, &signer, out, &mut |_| {}).map(drop)
        });
        if let Err(error) = written {
            tracing::warn!(error = %error, "ledger export stopped before its end");
            // The body ends in an error, so the client sees a broken transfer rather than
            // a file that looks whole.
            let _ = sender.blocking_send(Err(io::Error::other("the export failed")));
        }
    }));
    let body = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file}\""),
        ))
        .streaming(body))
}
