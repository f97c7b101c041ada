//! Documents over HTTP: attaching a file to a record (`POST /api/v1/{record}/{id}/documents`,
//! multipart), listing a record's (`GET …/documents`), one document's metadata
//! (`GET /api/v1/documents/{id}`), its bytes (`GET …/content`, an attachment) and a new
//! version (`POST …/versions`). Access is the record's: the use cases decide.

pub mod download;
pub mod upload;

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed, Caller};
use crate::config::DocumentSettings;
use crate::db::Db;
use crate::documents::{self, Attach, DocumentKind, DocumentView, Owner, Supersede};
use crate::domain::{
    ApplicationId, DisbursementId, DocumentId, GrantId, GrantReportId, OrganizationId, RefundId,
    ShortText,
};
use crate::error::{AppError, Problem};

pub use upload::{drain, receive, receive_into, Upload};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(attach_organization_document)
        .service(list_organization_documents)
        .service(attach_application_document)
        .service(list_application_documents)
        .service(attach_grant_document)
        .service(list_grant_documents)
        .service(attach_report_document)
        .service(list_report_documents)
        .service(attach_disbursement_document)
        .service(list_disbursement_documents)
        .service(attach_refund_document)
        .service(list_refund_documents)
        .service(attach_amendment_document)
        .service(list_amendment_documents)
        .service(get_document)
        .service(get_document_content)
        .service(add_document_version);
}

/// A file to keep beside a record (`multipart/form-data`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct DocumentUpload {
    /// One of the kinds the record carries (see `DocumentKind`).
    kind: DocumentKind,
    /// Up to 200 characters.
    #[schema(min_length = 1, max_length = 200)]
    title: String,
    /// The file: PDF, PNG, JPEG, or an Office or OpenDocument file (decided from its
    /// bytes, not its name), at most `documents.max_file_bytes` (20 MB by default).
    #[schema(value_type = String, format = Binary)]
    file: String,
}

/// A new version of a document (`multipart/form-data`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct DocumentVersionUpload {
    /// The new version's title; the superseded version's when absent.
    #[schema(min_length = 1, max_length = 200)]
    title: Option<String>,
    /// As for a first version.
    #[schema(value_type = String, format = Binary)]
    file: String,
}

/// A document's bytes, as its content type says.
#[derive(Debug, ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct DocumentBytes(Vec<u8>);

/// A record's documents: every version, oldest first (`current` marks the versions in
/// force).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DocumentList {
    pub items: Vec<DocumentView>,
}

/// Receives an upload for `owner`, once the caller is seen to may attach there.
async fn attach(
    caller: Caller,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    owner: Owner,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    caller
        .read(&db, move |conn, actor| {
            documents::may_attach_to(conn, actor, owner)
        })
        .await?;
    let limits = **settings;
    let mut upload = receive(multipart, &["kind", "title"], limits.max_file_bytes).await?;
    let kind = parse_kind(upload.text("kind"))?;
    let title = parse_title(upload.text("title"))?
        .ok_or_else(|| AppError::bad_field("title", "a title is required"))?;
    let file = upload.take_file()?;
    let command = Attach {
        owner,
        kind,
        title,
        file,
        limits,
    };
    let kept = caller
        .write(&db, move |tx| documents::attach(tx, command))
        .await?;
    Ok(created(kept))
}

fn created(kept: DocumentView) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/documents/{}", kept.id)))
        .json(kept)
}

async fn list(caller: Caller, db: web::Data<Db>, owner: Owner) -> Result<HttpResponse, AppError> {
    let items = caller
        .read(&db, move |conn, actor| {
            documents::list_documents(conn, actor, owner)
        })
        .await?;
    Ok(HttpResponse::Ok().json(DocumentList { items }))
}

fn parse_kind(text: Option<&str>) -> Result<DocumentKind, AppError> {
    let text = text.ok_or_else(|| AppError::bad_field("kind", "a kind is required"))?;
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|_| AppError::bad_field("kind", format!("{text:?} is not a kind of document")))
}

fn parse_title(text: Option<&str>) -> Result<Option<ShortText>, AppError> {
    text.map(|t| ShortText::parse(t).map_err(|e| AppError::bad_field("title", e.to_string())))
        .transpose()
}

macro_rules! record_documents {
    ($(
        $tag:literal, $path:literal, $id:ty, $owner:expr,
        $attach:ident, $list:ident, $who:literal;
    )+) => {$(
        #[doc = concat!("Keep a file beside ", $who, ": multipart `kind`, `title` and `file`. ",
            "Access as the record's; the file's type is decided from its bytes.\n\n",
            "Rules the schema cannot state: the kind is one the record carries ",
            "(`document-kind`); the file is PDF, PNG, JPEG, an Office or OpenDocument file ",
            "by its content, not empty (`file-type`); the record holds at most ",
            "`documents.max_record_documents` versions of `documents.max_record_bytes` ",
            "bytes (`record-documents-full`); a file over `documents.max_file_bytes` is a 413.")]
        #[utoipa::path(tag = "documents", security(("bearer" = [])),
            params(("id" = Uuid, Path)),
            request_body(content = DocumentUpload, content_type = "multipart/form-data"),
            responses(
                (status = 201, body = DocumentView, headers(("Location" = String))),
                (status = 409, body = Problem, content_type = "application/problem+json", description = "an application no longer a draft (its applicants attach before submitting)"),
                (status = 413, body = Problem, content_type = "application/problem+json", description = "the file is larger than documents.max_file_bytes"),
                (status = 422, body = Problem, content_type = "application/problem+json", description = "document-kind, file-type, record-documents-full"),
            ))]
        #[post($path)]
        async fn $attach(
            caller: Allowed<only::SignedIn>,
            db: web::Data<Db>,
            settings: web::Data<DocumentSettings>,
            id: web::Path<$id>,
            multipart: Multipart,
        ) -> Result<HttpResponse, AppError> {
            let owner = ($owner)(id.into_inner());
            attach(caller.into_inner(), db, settings, owner, multipart).await
        }

        #[doc = concat!("The documents kept beside ", $who, ": every version, oldest first.")]
        #[utoipa::path(tag = "documents", security(("bearer" = [])),
            params(("id" = Uuid, Path)),
            responses((status = 200, body = DocumentList)))]
        #[get($path)]
        async fn $list(
            caller: Allowed<only::SignedIn>,
            db: web::Data<Db>,
            id: web::Path<$id>,
        ) -> Result<HttpResponse, AppError> {
            list(caller.into_inner(), db, ($owner)(id.into_inner())).await
        }
    )+};
}

record_documents! {
    "organizations", "/api/v1/organizations/{id}/documents", OrganizationId, Owner::Organization,
        attach_organization_document, list_organization_documents, "an organisation";
    "applications", "/api/v1/applications/{id}/documents", ApplicationId, Owner::Application,
        attach_application_document, list_application_documents, "an application";
    "grants", "/api/v1/grants/{id}/documents", GrantId, Owner::Grant,
        attach_grant_document, list_grant_documents, "a grant (its agreement)";
    "reports", "/api/v1/reports/{id}/documents", GrantReportId, Owner::Report,
        attach_report_document, list_report_documents, "a grantee's report";
    "disbursements", "/api/v1/disbursements/{id}/documents", DisbursementId, Owner::Disbursement,
        attach_disbursement_document, list_disbursement_documents, "a disbursement";
    "refunds", "/api/v1/refunds/{id}/documents", RefundId, Owner::Refund,
        attach_refund_document, list_refund_documents, "a refund";
}

/// Keep a file beside an amendment of a grant (by its number): as for other records.
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("version" = i32, Path, minimum = 1)),
    request_body(content = DocumentUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = DocumentView, headers(("Location" = String))),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "the file is larger than documents.max_file_bytes"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "document-kind, file-type, record-documents-full"),
    ))]
#[post("/api/v1/grants/{id}/amendments/{version}/documents")]
async fn attach_amendment_document(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    path: web::Path<(GrantId, i32)>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    let (grant, version) = path.into_inner();
    let owner = Owner::Amendment { grant, version };
    attach(caller.into_inner(), db, settings, owner, multipart).await
}

/// The documents kept beside an amendment of a grant: every version, oldest first.
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("version" = i32, Path, minimum = 1)),
    responses((status = 200, body = DocumentList)))]
#[get("/api/v1/grants/{id}/amendments/{version}/documents")]
async fn list_amendment_documents(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    path: web::Path<(GrantId, i32)>,
) -> Result<HttpResponse, AppError> {
    let (grant, version) = path.into_inner();
    list(caller.into_inner(), db, Owner::Amendment { grant, version }).await
}

/// One version of a document: its record, kind, title, file name, type, size, SHA-256,
/// who kept it and when, and the versions before and after it.
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DocumentView)))]
#[get("/api/v1/documents/{id}")]
async fn get_document(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    id: web::Path<DocumentId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let document = caller
        .read(&db, move |conn, actor| {
            documents::show_document(conn, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(document))
}

/// The document's bytes, as an attachment of the type decided when it was kept, with its
/// SHA-256 as the `ETag`; never rendered in the Fund's origin (`nosniff`, a sandboxing
/// content security policy).
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, description = "the bytes, as an attachment",
        headers(("Content-Disposition" = String), ("ETag" = String)),
        content(
            (DocumentBytes = "application/pdf"), (DocumentBytes = "image/png"), (DocumentBytes = "image/jpeg"),
            (DocumentBytes = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (DocumentBytes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (DocumentBytes = "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            (DocumentBytes = "application/msword"), (DocumentBytes = "application/vnd.ms-excel"),
            (DocumentBytes = "application/vnd.ms-powerpoint"),
            (DocumentBytes = "application/vnd.oasis.opendocument.text"),
            (DocumentBytes = "application/vnd.oasis.opendocument.spreadsheet"),
            (DocumentBytes = "application/vnd.oasis.opendocument.presentation"),
        ))))]
#[get("/api/v1/documents/{id}/content")]
async fn get_document_content(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    id: web::Path<DocumentId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let content = caller
        .read(&db, move |conn, actor| {
            documents::open_content(conn, actor, id)
        })
        .await?;
    Ok(download::attachment(db.get_ref().clone(), content))
}

/// Keep a new version of a document, superseding it (multipart `file`, optional `title`):
/// the same kind beside the same record; the superseded version stays, readable.
///
/// Rules the schema cannot state: only the current version is superseded (409 otherwise);
/// the new file differs from it (`document-unchanged`) and is of a kept type
/// (`file-type`); the record's limits hold (`record-documents-full`).
#[utoipa::path(tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content = DocumentVersionUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = DocumentView, headers(("Location" = String))),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "the version is superseded already, or the record is past changing its documents"),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "the file is larger than documents.max_file_bytes"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "document-unchanged, file-type, record-documents-full"),
    ))]
#[post("/api/v1/documents/{id}/versions")]
async fn add_document_version(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    id: web::Path<DocumentId>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    let caller = caller.into_inner();
    let document = id.into_inner();
    caller
        .read(&db, move |conn, actor| {
            documents::may_supersede(conn, actor, document)
        })
        .await?;
    let limits = **settings;
    let mut upload = receive(multipart, &["title"], limits.max_file_bytes).await?;
    // Absent: the superseded version's title. Present, it says something.
    let title = match upload.fields.get("title") {
        None => None,
        Some(text) if text.trim().is_empty() => {
            return Err(AppError::bad_field(
                "title",
                "empty: leave the field out to keep the superseded version's title",
            ))
        }
        Some(_) => parse_title(upload.text("title"))?,
    };
    let file = upload.take_file()?;
    let command = Supersede {
        document,
        title,
        file,
        limits,
    };
    let kept = caller
        .write(&db, move |tx| documents::supersede(tx, command))
        .await?;
    Ok(created(kept))
}
