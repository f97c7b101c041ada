//! The bytes, in the database: a file is a run of chunks of [`CHUNK`] bytes, written and
//! read one at a time. Every instance sees them, every backup of the database holds them,
//! and they are written in the same transaction as the document's record.
//!
//! This is the one place that knows where bytes live: an object store would take its
//! place behind the same three functions (write while the record's transaction is open,
//! read a chunk, hash what is stored), keyed by the document's id.

use std::io::Read;

use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::schema::document_chunks;
use crate::db::DbConnection;
use crate::domain::DocumentId;
use crate::error::AppError;

/// Bytes per stored chunk: large enough that a 20 MB file is 80 rows, small enough that
/// a download holds little in memory.
pub const CHUNK: usize = 256 * 1024;

/// What was written: the number of chunks, the size and the SHA-256 (lowercase hex) of
/// the bytes as they went in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub chunks: i32,
    pub size: u64,
    pub sha256: String,
}

/// How many chunks a file of `size` bytes is stored in.
pub fn chunks_for(size: u64) -> Result<i32, AppError> {
    i32::try_from(size.div_ceil(CHUNK as u64)).map_err(AppError::internal)
}

/// Writes `source` (read to its end) as the document's chunks.
pub fn write(
    conn: &mut DbConnection,
    document: DocumentId,
    source: &mut impl Read,
) -> Result<Written, AppError> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; CHUNK];
    let (mut seq, mut size) = (0i32, 0u64);
    loop {
        let filled = fill(source, &mut buffer)?;
        if filled == 0 {
            break;
        }
        let bytes = &buffer[..filled];
        hasher.update(bytes);
        diesel::insert_into(document_chunks::table)
            .values((
                document_chunks::document_id.eq(document),
                document_chunks::seq.eq(seq),
                document_chunks::bytes.eq(bytes),
            ))
            .execute(conn)?;
        seq += 1;
        size += filled as u64;
        if filled < CHUNK {
            break;
        }
    }
    Ok(Written {
        chunks: seq,
        size,
        sha256: hex::encode(hasher.finalize()),
    })
}

/// Chunk `seq` of a document, if stored.
pub fn read(
    conn: &mut DbConnection,
    document: DocumentId,
    seq: i32,
) -> Result<Option<Vec<u8>>, AppError> {
    Ok(document_chunks::table
        .find((document, seq))
        .select(document_chunks::bytes)
        .get_result(conn)
        .optional()?)
}

/// The size and SHA-256 of the bytes stored for a document, read a chunk at a time, and
/// whether its chunks run without a gap from 0 to `chunks - 1`.
pub fn hash_stored(
    conn: &mut DbConnection,
    document: DocumentId,
    chunks: i32,
) -> Result<(u64, String, bool), AppError> {
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut whole = true;
    for seq in 0..chunks {
        match read(conn, document, seq)? {
            Some(bytes) => {
                size += bytes.len() as u64;
                hasher.update(&bytes);
            }
            None => whole = false,
        }
    }
    let extra: i64 = document_chunks::table
        .filter(document_chunks::document_id.eq(document))
        .filter(document_chunks::seq.ge(chunks))
        .count()
        .get_result(conn)?;
    Ok((size, hex::encode(hasher.finalize()), whole && extra == 0))
}

/// Reads until `buffer` is full or `source` ends.
fn fill(source: &mut impl Read, buffer: &mut [u8]) -> Result<usize, AppError> {
    let mut filled = 0;
    while filled < buffer.len() {
        match source.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(AppError::internal(e)),
        }
    }
    Ok(filled)
}
