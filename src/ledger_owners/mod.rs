//! Above the ledger: the features that own ledger entries, brought together. A reversal
//! request is sent to the feature that owns the entry (a receipt to contributions, which
//! records that its receipt is reversed; a grant's commitment is refused, released only
//! by the grant's own lifecycle), and the integrity check reconciles every owner (each
//! receipt, each grant) against its postings on top of the ledger's own invariants.
//!
//! `GET /api/v1/ledger/check`, `POST /api/v1/ledger/transactions/{id}/reversal`,
//! `trustfund ledger check`.

mod check;
pub mod cli;
mod handlers;
mod reconcile;
mod reverse;

use actix_web::web;
use utoipa::OpenApi;

pub use check::{run_check, CheckReport};
pub use reverse::reverse;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/ledger/check").route(web::get().to(handlers::check)))
        .service(
            web::resource("/api/v1/ledger/transactions/{id}/reversal")
                .route(web::post().to(handlers::reverse)),
        );
}

#[derive(OpenApi)]
#[openapi(
    paths(handlers::check, handlers::reverse),
    components(schemas(CheckReport, handlers::ReversalRequest))
)]
pub struct LedgerOwnersApi;
