//! Ledger exports (issue 12 items 1 and 3): the ledger's entries for a period, with the
//! opening balance, the movements and the closing balance, as CSV, JSON, Excel or IATI
//! activity XML, over HTTP (`GET /api/v1/ledger/export`) and on the command line
//! (`trustfund export`).

pub mod checkpoint;
pub mod cli;
pub mod filter;
pub mod handler;
pub mod iati;
pub mod rows;
pub mod stream;
pub mod writer;
pub mod xlsx;

use actix_web::web;
use utoipa::OpenApi;

pub use filter::{ExportFilter, ExportFormat, ExportKind, ExportQuery};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/ledger/export").route(web::get().to(handler::export)));
}

#[derive(OpenApi)]
#[openapi(
    paths(handler::export),
    components(schemas(ExportFormat, ExportKind, handler::LedgerExportDocument))
)]
pub struct ExportsApi;
