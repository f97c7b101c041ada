//! The export lane, and the HTTP answer of a CSV, JSON or Excel export in it: a place in
//! the lane is taken first (none free: 429), the header is read with the caller's account
//! check in one snapshot (so a database that is down answers a proper 503), then the
//! writer runs on the blocking pool and sends its chunks through a
//! bounded channel to the response body. A slow client slows the writer (the channel is
//! full), a client that goes away stops it (the channel is closed), and a client that
//! stops reading for the write timeout is cut off (the writer gives up, its connection
//! goes back): memory stays flat whatever the period holds, and a stalled client holds a
//! connection for the write timeout at most.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use futures_util::Stream;
use tokio::runtime::Handle;
use tokio::sync::mpsc;

use crate::api::Caller;
use crate::audit::Signer;
use crate::db::Db;
use crate::error::AppError;
use crate::exports::{self, writer, ExportFilter};

/// Chunks in flight between the writer and the response body.
const CHUNKS: usize = 4;
/// A chunk is sent when this much is buffered (and at the end of every page).
const CHUNK: usize = 64 * 1024;

/// How long an export's writer waits for its client to take the next chunk
/// (`exports.write_timeout_secs`).
#[derive(Debug, Clone, Copy)]
pub struct WriteTimeout(pub Duration);

/// A blocking writer's way to hand chunks to the response body, waiting at most the write
/// timeout for room in the channel.
pub struct ChunkSender<T> {
    sender: mpsc::Sender<T>,
    runtime: Handle,
    timeout: Duration,
}

impl<T> ChunkSender<T> {
    /// Called on the request's runtime; used from a blocking thread of it.
    pub fn new(sender: mpsc::Sender<T>, timeout: WriteTimeout) -> ChunkSender<T> {
        ChunkSender {
            sender,
            runtime: Handle::current(),
            timeout: timeout.0,
        }
    }

    /// Sends `item`; an error if the client went away or took nothing for the timeout.
    pub fn send(&self, item: T) -> io::Result<()> {
        let sent = self
            .runtime
            .block_on(tokio::time::timeout(self.timeout, self.sender.send(item)));
        match sent {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the client went away",
            )),
            Err(_) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("the client read nothing for {:?}", self.timeout),
            )),
        }
    }

    /// Sends `item` if there is room now (the last word of a failed export: a writer that
    /// gave up must not wait again).
    pub fn try_send(&self, item: T) {
        let _ = self.sender.try_send(item);
    }
}

/// The response body of a channel whose writer sets `complete` when it wrote everything:
/// if the channel closes without it, the body ends in an error, so the client sees a
/// broken transfer rather than a file that looks whole.
pub fn body<T, E>(
    receiver: mpsc::Receiver<Result<T, E>>,
    complete: Arc<AtomicBool>,
    broken: impl Fn() -> E,
) -> impl Stream<Item = Result<T, E>> {
    futures_util::stream::unfold(
        (receiver, Some(complete), broken),
        |(mut receiver, complete, broken)| async move {
            match receiver.recv().await {
                Some(chunk) => Some((chunk, (receiver, complete, broken))),
                None => match complete {
                    Some(done) if !done.load(Ordering::SeqCst) => {
                        Some((Err(broken()), (receiver, None, broken)))
                    }
                    _ => None,
                },
            }
        },
    )
}

/// A `Write` that sends what it is given, in chunks, to the response body.
pub struct ChannelWriter {
    sender: ChunkSender<Result<Bytes, io::Error>>,
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
        self.sender.send(Ok(chunk))
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

/// Streams the export of `filter` (CSV, JSON or Excel) for `caller`.
pub async fn respond(
    caller: &Caller,
    db: &Db,
    timeout: WriteTimeout,
    filter: ExportFilter,
    signer: &Signer,
) -> Result<HttpResponse, AppError> {
    let permit = db.export_permit()?;
    let signer = signer.clone();
    let header = caller
        .read(db, {
            let filter = filter.clone();
            move |conn, actor| exports::open_export(conn, actor, &filter)
        })
        .await?;
    let (sender, receiver) = mpsc::channel(CHUNKS);
    let sender = ChunkSender::new(sender, timeout);
    let complete = Arc::new(AtomicBool::new(false));
    let content_type = filter.format.content_type();
    let file = filter.file_name();
    let db = db.clone();
    let done = complete.clone();
    // Detached: it ends when the export is written, the client has gone, or the client
    // stopped reading for the write timeout; the permit and the connection go with it.
    drop(actix_web::rt::task::spawn_blocking(move || {
        let written = db.export_connection(&permit).and_then(|mut conn| {
            let out = ChannelWriter {
                sender,
                buffer: Vec::with_capacity(CHUNK),
            };
            let mut out =
                writer::write_export(&mut conn, &filter, &header, &signer, out, &mut |_| {})?;
            out.flush().map_err(AppError::internal)?;
            Ok(out)
        });
        match written {
            Ok(out) => {
                done.store(true, Ordering::SeqCst);
                drop(out);
            }
            Err(error) => {
                tracing::warn!(error = %error, "ledger export stopped before its end");
            }
        }
        drop(permit);
    }));
    let body = body(receiver, complete, || {
        io::Error::other("the export stopped before its end")
    });
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file}\""),
        ))
        .streaming(body))
}
