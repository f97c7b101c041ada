//! The documents' table: rows, the view clients read, and the queries over them.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::kind::{DocumentKind, OwnerType};
use crate::db::schema::documents;
use crate::db::DbConnection;
use crate::domain::{DocumentId, OrganizationId, UserId};
use crate::error::AppError;

/// One version of a document as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = documents)]
pub struct DocumentRow {
    pub id: DocumentId,
    pub series_id: DocumentId,
    pub version: i32,
    pub supersedes: Option<DocumentId>,
    pub owner_type: OwnerType,
    pub owner_id: String,
    pub organization_id: OrganizationId,
    pub kind: DocumentKind,
    pub title: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub chunk_count: i32,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: NaiveDateTime,
}

/// The record a document is kept beside.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DocumentOwnerView {
    #[serde(rename = "type")]
    pub owner_type: OwnerType,
    /// The record's id (for an amendment, the amendment's own id).
    pub id: String,
}

/// One version of a document: what it is, who put it there and when, and the SHA-256 of
/// its bytes (which `GET /api/v1/documents/{id}/content` returns as an attachment).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DocumentView {
    pub id: DocumentId,
    /// The id of the document's first version: every version of it shares it.
    pub series: DocumentId,
    /// 1 for the first version, then 2, 3, …
    pub version: i32,
    /// The version this one supersedes.
    pub supersedes: Option<DocumentId>,
    /// The version that supersedes this one; absent on the current version.
    pub superseded_by: Option<DocumentId>,
    /// Whether this is the document's current version.
    pub current: bool,
    pub owner: DocumentOwnerView,
    pub kind: DocumentKind,
    pub title: String,
    /// Cleaned, with the extension of what the file really is.
    pub file_name: String,
    /// Decided from the bytes, never from the name.
    pub media_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// Absent when the service itself attached it (the demo data set).
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: DateTime<Utc>,
    /// Where its bytes are read.
    pub content: String,
}

impl DocumentView {
    pub fn new(row: DocumentRow, superseded_by: Option<DocumentId>) -> DocumentView {
        DocumentView {
            content: format!("/api/v1/documents/{}/content", row.id),
            id: row.id,
            series: row.series_id,
            version: row.version,
            supersedes: row.supersedes,
            current: superseded_by.is_none(),
            superseded_by,
            owner: DocumentOwnerView {
                owner_type: row.owner_type,
                id: row.owner_id,
            },
            kind: row.kind,
            title: row.title,
            file_name: row.file_name,
            media_type: row.media_type,
            size_bytes: row.size_bytes,
            sha256: row.sha256,
            uploaded_by: row.uploaded_by,
            uploaded_at: crate::db::to_utc(row.uploaded_at),
        }
    }
}

pub fn find(conn: &mut DbConnection, id: DocumentId) -> Result<Option<DocumentRow>, AppError> {
    Ok(documents::table
        .find(id)
        .select(DocumentRow::as_select())
        .get_result(conn)
        .optional()?)
}

/// The version that supersedes `id`, if any.
pub fn successor(conn: &mut DbConnection, id: DocumentId) -> Result<Option<DocumentId>, AppError> {
    Ok(documents::table
        .filter(documents::supersedes.eq(id))
        .select(documents::id)
        .get_result(conn)
        .optional()?)
}

/// The view of a stored row.
pub fn view(conn: &mut DbConnection, row: DocumentRow) -> Result<DocumentView, AppError> {
    let next = successor(conn, row.id)?;
    Ok(DocumentView::new(row, next))
}

/// Every version of every document of one record, by kind, then series, then version.
pub fn of_owner(
    conn: &mut DbConnection,
    owner_type: OwnerType,
    owner_id: &str,
) -> Result<Vec<DocumentView>, AppError> {
    let rows: Vec<DocumentRow> = documents::table
        .filter(documents::owner_type.eq(owner_type))
        .filter(documents::owner_id.eq(owner_id))
        .order((documents::uploaded_at.asc(), documents::version.asc()))
        .select(DocumentRow::as_select())
        .load(conn)?;
    let superseded: std::collections::HashMap<DocumentId, DocumentId> = rows
        .iter()
        .filter_map(|row| row.supersedes.map(|old| (old, row.id)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let next = superseded.get(&row.id).copied();
            DocumentView::new(row, next)
        })
        .collect())
}

/// How many versions a record holds, and their bytes together.
pub fn usage(
    conn: &mut DbConnection,
    owner_type: OwnerType,
    owner_id: &str,
) -> Result<(i64, i64), AppError> {
    let sizes: Vec<i64> = documents::table
        .filter(documents::owner_type.eq(owner_type))
        .filter(documents::owner_id.eq(owner_id))
        .select(documents::size_bytes)
        .load(conn)?;
    Ok((sizes.len() as i64, sizes.iter().sum()))
}

/// The current versions' kinds on one record.
pub fn current_kinds(
    conn: &mut DbConnection,
    owner_type: OwnerType,
    owner_id: &str,
) -> Result<Vec<DocumentKind>, AppError> {
    Ok(of_owner(conn, owner_type, owner_id)?
        .into_iter()
        .filter(|d| d.current)
        .map(|d| d.kind)
        .collect())
}

/// Every document's id and chunk count, oldest first, for the verification.
pub fn all(conn: &mut DbConnection) -> Result<Vec<DocumentRow>, AppError> {
    Ok(documents::table
        .order((documents::uploaded_at.asc(), documents::id.asc()))
        .select(DocumentRow::as_select())
        .load(conn)?)
}
