//! Reading documents: a record's list, one document, and its bytes a chunk at a time, as
//! [`super::access`] allows.

use super::access::check_read;
use super::model::{self, DocumentView};
use super::owner::{self, Owner};
use super::store;
use crate::db::{Actor, DbConnection};
use crate::domain::DocumentId;
use crate::error::AppError;

/// Every version of every document of a record, oldest first.
pub fn list_documents(
    conn: &mut DbConnection,
    actor: &Actor,
    owner: Owner,
) -> Result<Vec<DocumentView>, AppError> {
    let record = owner::find(conn, &owner)?.ok_or(AppError::NotFound)?;
    check_read(actor, &record)?;
    model::of_owner(conn, record.owner_type, &record.owner_id)
}

/// One version of a document.
pub fn show_document(
    conn: &mut DbConnection,
    actor: &Actor,
    id: DocumentId,
) -> Result<DocumentView, AppError> {
    let row = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    let record = owner::stored(conn, row.owner_type, &row.owner_id, row.organization_id)?;
    check_read(actor, &record)?;
    model::view(conn, row)
}

/// A document about to be read: its record, and how many chunks hold its bytes.
#[derive(Debug, Clone)]
pub struct Content {
    pub document: DocumentView,
    pub chunks: i32,
}

/// The document's record and chunk count, once the actor is seen to may read it. The
/// chunks are then read one at a time ([`chunk`]): a document never changes, so reading
/// them in separate snapshots still returns the bytes its hash was taken of.
pub fn open_content(
    conn: &mut DbConnection,
    actor: &Actor,
    id: DocumentId,
) -> Result<Content, AppError> {
    let row = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    let record = owner::stored(conn, row.owner_type, &row.owner_id, row.organization_id)?;
    check_read(actor, &record)?;
    let chunks = row.chunk_count;
    Ok(Content {
        document: model::view(conn, row)?,
        chunks,
    })
}

/// Chunk `seq` of a document [`open_content`] let through; a missing chunk is an
/// internal error (the stored file is damaged: `trustfund documents verify` names it).
pub fn chunk(conn: &mut DbConnection, id: DocumentId, seq: i32) -> Result<Vec<u8>, AppError> {
    store::read(conn, id, seq)?.ok_or_else(|| {
        AppError::internal(anyhow::anyhow!("chunk {seq} of document {id} is missing"))
    })
}

/// Whether the actor may attach documents to the record at all (404, 403 or 409 as
/// [`super::access::check_attach`] says), asked before a file is received, so that
/// nobody uploads megabytes to be refused afterwards. The kind is checked again, with
/// the file, in the write.
pub fn may_attach_to(conn: &mut DbConnection, actor: &Actor, owner: Owner) -> Result<(), AppError> {
    let record = owner::find(conn, &owner)?.ok_or(AppError::NotFound)?;
    super::access::check_attach(actor, &record, super::kind::DocumentKind::Other)
}

/// Whether the actor may add a version to the document, asked before its file is
/// received (see [`may_attach_to`]).
pub fn may_supersede(
    conn: &mut DbConnection,
    actor: &Actor,
    id: DocumentId,
) -> Result<(), AppError> {
    let row = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    let record = owner::stored(conn, row.owner_type, &row.owner_id, row.organization_id)?;
    super::access::check_attach(actor, &record, row.kind)
}
