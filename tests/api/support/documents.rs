//! Documents as the tests keep them: small real files (a PDF, a PNG, an XLSX workbook),
//! each different from the last so that versions differ, and the typed calls that attach,
//! list, read and supersede them.

use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::header::HeaderMap;
use trustfund::api::documents::DocumentList;
use trustfund::documents::{DocumentKind, DocumentView};
use trustfund::domain::{
    ApplicationId, DisbursementId, DocumentId, GrantId, GrantReportId, OrganizationId, RefundId,
};

use super::client::{Client, Reply};
use super::paths;

static SERIAL: AtomicU64 = AtomicU64::new(0);

/// A small, valid PDF whose text names `label` (and a serial, so no two are alike): the
/// demo's own generator.
pub fn pdf(label: &str) -> Vec<u8> {
    let n = SERIAL.fetch_add(1, Ordering::Relaxed);
    trustfund::demo::files::pdf(&format!("{label} #{n}"))
}

/// A PDF of about `size` bytes (a valid header, then filler): for the size limits.
pub fn pdf_of_size(size: usize) -> Vec<u8> {
    let mut out = pdf("large");
    out.resize(size, b' ');
    out
}

/// A record that carries documents, as the paths name it.
#[derive(Debug, Clone, Copy)]
pub enum Record {
    Organization(OrganizationId),
    Application(ApplicationId),
    Grant(GrantId),
    Report(GrantReportId),
    Disbursement(DisbursementId),
    Refund(RefundId),
    Amendment(GrantId, i32),
}

impl Record {
    pub fn documents_path(self) -> String {
        match self {
            Record::Organization(id) => paths::record_documents("organizations", id),
            Record::Application(id) => paths::record_documents("applications", id),
            Record::Grant(id) => paths::record_documents("grants", id),
            Record::Report(id) => paths::record_documents("reports", id),
            Record::Disbursement(id) => paths::record_documents("disbursements", id),
            Record::Refund(id) => paths::record_documents("refunds", id),
            Record::Amendment(grant, version) => paths::amendment_documents(grant, version),
        }
    }
}

impl<'a> Client<'a> {
    /// Attaches `bytes` (named `file_name`) to `record` as a document of `kind`.
    pub async fn attach(
        &self,
        record: Record,
        kind: DocumentKind,
        title: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Reply<DocumentView> {
        self.post_multipart(
            record.documents_path(),
            &[("kind", kind.as_str()), ("title", title)],
            Some((file_name, bytes)),
        )
        .await
    }

    /// Attaches a fresh small PDF of `kind` to `record`: 201 expected.
    pub async fn attach_pdf(&self, record: Record, kind: DocumentKind) -> DocumentView {
        let title = kind.as_str().replace('_', " ");
        self.attach(
            record,
            kind,
            &title,
            &format!("{}.pdf", kind.as_str()),
            pdf(&title),
        )
        .await
        .created()
    }

    pub async fn documents(&self, record: Record) -> Reply<DocumentList> {
        self.get(record.documents_path()).await
    }

    pub async fn document(&self, id: DocumentId) -> Reply<DocumentView> {
        self.get(paths::document(id)).await
    }

    /// A document's bytes: status, headers and body.
    pub async fn document_content(&self, id: DocumentId) -> (u16, HeaderMap, Vec<u8>) {
        self.get_bytes(paths::document_content(id)).await
    }

    /// A new version of a document, with an optional new title.
    pub async fn supersede(
        &self,
        id: DocumentId,
        title: Option<&str>,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Reply<DocumentView> {
        let fields: Vec<(&str, &str)> = title.map(|t| ("title", t)).into_iter().collect();
        self.post_multipart(
            paths::document_versions(id),
            &fields,
            Some((file_name, bytes)),
        )
        .await
    }
}
