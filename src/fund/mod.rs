//! The Fund: its legal basis, administrator, settings (and, from the ledger, its balances).

pub mod handlers;
pub mod model;

use actix_web::web;
use utoipa::OpenApi;

pub use model::{load, Fund, FundSettings};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/fund").route(web::get().to(handlers::get)))
        .service(
            web::resource("/api/v1/fund/settings")
                .route(web::patch().to(handlers::update_settings)),
        );
}

#[derive(OpenApi)]
#[openapi(
    paths(handlers::get, handlers::update_settings),
    components(schemas(
        handlers::FundView,
        handlers::SettingsView,
        handlers::UpdateSettingsRequest
    ))
)]
pub struct FundApi;
