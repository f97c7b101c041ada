//! Attaching a document to a record and superseding one with a new version, each in the
//! caller's one write transaction with its audit event (carrying the SHA-256).

use diesel::prelude::*;
use serde_json::json;

use super::access::check_attach;
use super::kind::DocumentKind;
use super::model::{self, DocumentRow, DocumentView};
use super::owner::{self, Owner, OwnerRecord};
use super::received::ReceivedFile;
use super::store;
use crate::audit::Change;
use crate::config::DocumentSettings;
use crate::db::schema::documents;
use crate::db::Tx;
use crate::domain::{DocumentId, OrganizationId, ShortText, UserId};
use crate::error::{AppError, Rule};

/// A file to keep beside a record.
#[derive(Debug)]
pub struct Attach {
    pub owner: Owner,
    pub kind: DocumentKind,
    pub title: ShortText,
    pub file: ReceivedFile,
    pub limits: DocumentSettings,
}

/// A new version of a document, superseding it (the same kind, beside the same record).
#[derive(Debug)]
pub struct Supersede {
    pub document: DocumentId,
    /// The new version's title; the superseded one's when absent.
    pub title: Option<ShortText>,
    pub file: ReceivedFile,
    pub limits: DocumentSettings,
}

/// Keeps a file beside a record as the first version of a new document.
pub fn attach(tx: &mut Tx, command: Attach) -> Result<DocumentView, AppError> {
    let Attach {
        owner,
        kind,
        title,
        file,
        limits,
    } = command;
    let record = owner::find(tx.conn(), &owner)?.ok_or(AppError::NotFound)?;
    check_attach(tx.actor(), &record, kind)?;
    if !kind.fits(record.owner_type) {
        return Err(AppError::rule_on_field(
            Rule::DocumentKind,
            "kind",
            format!(
                "a {} carries documents of the kinds {}; not {}",
                record.owner_type.as_str(),
                kinds_text(&record.owner_type.kinds()),
                kind.as_str()
            ),
        ));
    }
    let uploaded_by = tx.actor().user_id;
    first_version(tx, &record, kind, title, file, limits, uploaded_by)
}

/// Keeps `file` as the first version of a new document beside `record`, with its audit
/// event.
fn first_version(
    tx: &mut Tx,
    record: &OwnerRecord,
    kind: DocumentKind,
    title: ShortText,
    file: ReceivedFile,
    limits: DocumentSettings,
    uploaded_by: Option<UserId>,
) -> Result<DocumentView, AppError> {
    let id = DocumentId::new();
    let view = store_version(
        tx,
        record,
        Version {
            id,
            series: id,
            number: 1,
            supersedes: None,
            uploaded_by,
        },
        kind,
        title,
        file,
        limits,
    )?;
    tx.audit(Change::new(
        "document.uploaded",
        "document",
        id,
        audit_facts(&view),
    ))?;
    Ok(view)
}

/// Keeps the registration certificate an organisation sends with its registration, in
/// the registration's own transaction, as uploaded by its first applicant (who cannot
/// sign in yet, so no access check of a signed-in person applies: the registration that
/// just created the record is the right to attach to it). `None`, with nothing kept,
/// when the registration stored no organisation (an email that already has an account
/// gets the same answer as a new one, so the file is dropped as the rest is).
pub fn attach_at_registration(
    tx: &mut Tx,
    organization: OrganizationId,
    applicant: UserId,
    title: ShortText,
    file: ReceivedFile,
    limits: DocumentSettings,
) -> Result<Option<DocumentView>, AppError> {
    let Some(record) = owner::find(tx.conn(), &Owner::Organization(organization))? else {
        return Ok(None);
    };
    first_version(
        tx,
        &record,
        DocumentKind::RegistrationCertificate,
        title,
        file,
        limits,
        Some(applicant),
    )
    .map(Some)
}

/// Keeps a new version of a document; the one it supersedes stays as it was. Only the
/// current version is superseded (409 naming the current one otherwise), so two people
/// replacing the same version at once cannot both succeed.
pub fn supersede(tx: &mut Tx, command: Supersede) -> Result<DocumentView, AppError> {
    let Supersede {
        document,
        title,
        file,
        limits,
    } = command;
    let before = model::find(tx.conn(), document)?.ok_or(AppError::NotFound)?;
    let record = owner::stored(
        tx.conn(),
        before.owner_type,
        &before.owner_id,
        before.organization_id,
    )?;
    check_attach(tx.actor(), &record, before.kind)?;
    if let Some(next) = model::successor(tx.conn(), document)? {
        return Err(AppError::conflict(format!(
            "version {} of this document is superseded already (by {next}): a new version \
             supersedes the current one",
            before.version
        )));
    }
    if file.sha256 == before.sha256 {
        return Err(AppError::rule_on_field(
            Rule::DocumentUnchanged,
            "file",
            "the file is the same as the current version (same SHA-256)",
        ));
    }
    let title = match title {
        Some(title) => title,
        None => ShortText::parse(&before.title).map_err(AppError::internal)?,
    };
    let id = DocumentId::new();
    let uploaded_by = tx.actor().user_id;
    let view = store_version(
        tx,
        &record,
        Version {
            id,
            series: before.series_id,
            number: before.version + 1,
            supersedes: Some(document),
            uploaded_by,
        },
        before.kind,
        title,
        file,
        limits,
    )?;
    let mut facts = audit_facts(&view);
    facts["previous_sha256"] = json!(before.sha256);
    tx.audit(Change::new("document.superseded", "document", id, facts))?;
    Ok(view)
}

/// Where a new version stands in its series, and who sent it.
struct Version {
    id: DocumentId,
    series: DocumentId,
    number: i32,
    supersedes: Option<DocumentId>,
    uploaded_by: Option<UserId>,
}

fn store_version(
    tx: &mut Tx,
    record: &OwnerRecord,
    version: Version,
    kind: DocumentKind,
    title: ShortText,
    mut file: ReceivedFile,
    limits: DocumentSettings,
) -> Result<DocumentView, AppError> {
    let Version {
        id,
        series,
        number: version,
        supersedes,
        uploaded_by,
    } = version;
    let (count, bytes) = model::usage(tx.conn(), record.owner_type, &record.owner_id)?;
    let size = i64::try_from(file.size).map_err(AppError::internal)?;
    if count >= limits.max_record_documents || bytes.saturating_add(size) > limits.max_record_bytes
    {
        return Err(AppError::rule_on_field(
            Rule::RecordDocumentsFull,
            "file",
            format!(
                "this {} holds {count} document versions of {bytes} bytes together; it may hold \
                 at most {} of {} bytes",
                record.owner_type.as_str(),
                limits.max_record_documents,
                limits.max_record_bytes
            ),
        ));
    }
    let row = DocumentRow {
        id,
        series_id: series,
        version,
        supersedes,
        owner_type: record.owner_type,
        owner_id: record.owner_id.clone(),
        organization_id: record.organization_id,
        kind,
        title: title.into_string(),
        file_name: file.file_name.clone(),
        media_type: file.file_type.media_type.to_string(),
        size_bytes: size,
        sha256: file.sha256.clone(),
        chunk_count: store::chunks_for(file.size)?,
        uploaded_by,
        uploaded_at: tx.now(),
    };
    // The record first (the chunks refer to it), then the bytes.
    diesel::insert_into(documents::table)
        .values(&row)
        .execute(tx.conn())
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::conflict(
                "another version of this document was kept a moment ago: read it and try again",
            ),
            other => other.into(),
        })?;
    let written = store::write(tx.conn(), id, &mut file.file)?;
    if written.size != file.size || written.chunks != row.chunk_count {
        return Err(AppError::internal(anyhow::anyhow!(
            "the received file changed before it was stored ({} bytes, then {} in {} chunks)",
            file.size,
            written.size,
            written.chunks
        )));
    }
    Ok(DocumentView::new(row, None))
}

/// What the audit event records: enough to find the file and check its bytes.
fn audit_facts(view: &DocumentView) -> serde_json::Value {
    json!({
        "owner_type": view.owner.owner_type,
        "owner_id": view.owner.id,
        "kind": view.kind,
        "title": view.title,
        "file_name": view.file_name,
        "media_type": view.media_type,
        "size_bytes": view.size_bytes,
        "sha256": view.sha256,
        "series": view.series,
        "version": view.version,
        "supersedes": view.supersedes,
    })
}

fn kinds_text(kinds: &[DocumentKind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
