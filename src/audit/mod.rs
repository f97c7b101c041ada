//! The audit trail: append-only, hash-chained events written in the same transaction as
//! the change they describe, the check that walks the chain, and the signed checkpoints
//! that anchor it outside the database.

pub mod anchor;
mod chain;
pub mod checkpoint;
pub mod cli;
mod handlers;
pub mod key;
mod record;

use actix_web::web;
use utoipa::OpenApi;

pub use chain::{verify_chain, ChainReport, Mismatch};
pub use checkpoint::{Checkpoint, Signer};
pub use record::{AuditEvent, Change};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/audit").route(web::get().to(handlers::list)))
        .service(web::resource("/api/v1/audit/verify").route(web::get().to(handlers::verify)));
}

#[derive(OpenApi)]
#[openapi(
    paths(handlers::list, handlers::verify),
    components(schemas(handlers::AuditEventView, handlers::AuditPage, ChainReport, Mismatch))
)]
pub struct AuditApi;
