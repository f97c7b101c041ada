//! The IATI activity XML 2.03 export (owned by the IATI feature).

use actix_web::HttpResponse;

use crate::db::Db;
use crate::error::AppError;
use crate::exports::filter::ExportFilter;

/// Answers `GET /api/v1/ledger/export?format=iati`.
pub async fn respond(db: &Db, filter: ExportFilter) -> Result<HttpResponse, AppError> {
    let _ = (db, filter);
    Err(AppError::bad_field("format", "iati export is being built"))
}
