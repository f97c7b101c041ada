//! Grants: what an approved application becomes, with its award committed in the ledger.
//! (Agreements, tranches, disbursements, reports and refunds build on this.)

mod handlers;
mod model;
mod payee;
pub mod reconcile;

use actix_web::web;
use utoipa::OpenApi;

pub use model::{create, GrantState, GrantView};
pub use payee::ensure_may_receive_money;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/grants").route(web::get().to(handlers::list)))
        .service(web::resource("/api/v1/grants/{id}").route(web::get().to(handlers::get)));
}

#[derive(OpenApi)]
#[openapi(
    paths(handlers::list, handlers::get),
    components(schemas(GrantView, GrantState, handlers::GrantPage))
)]
pub struct GrantsApi;
