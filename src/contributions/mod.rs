//! Contributions: donors, their pledges, and the money received against them, each
//! receipt posted to the ledger in USD at the UN operational rate of its month.

mod bounds;
mod donor;
mod handlers;
mod model;
mod receipts;
mod rows;
mod summary;
mod view;

use actix_web::web;
use utoipa::OpenApi;

/// The money bodies, for the fuzz targets (`crate::ops::fuzz`).
#[cfg(feature = "fuzz")]
pub(crate) use handlers::{CreateContributionRequest, ReceiptRequest};
pub use model::{count, create, Donor, DonorType, NewReceipt};
pub use receipts::{add_receipt, receipt_records, reverse_receipt, ReceiptRecord};
pub use summary::{ContributionSummary, RecordedReceiptView};
pub use view::{ContributionView, ReceiptView};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/contributions")
            .route(web::get().to(handlers::list))
            .route(web::post().to(handlers::create)),
    )
    .service(web::resource("/api/v1/contributions/{id}").route(web::get().to(handlers::get)))
    .service(
        web::resource("/api/v1/contributions/{id}/receipts")
            .route(web::post().to(handlers::add_receipt)),
    );
}

#[derive(OpenApi)]
#[openapi(
    paths(handlers::create, handlers::list, handlers::get, handlers::add_receipt),
    components(schemas(
        ContributionView,
        ReceiptView,
        ContributionSummary,
        RecordedReceiptView,
        view::DonorView,
        DonorType,
        handlers::CreateContributionRequest,
        handlers::DonorRequest,
        handlers::ReceiptRequest
    ))
)]
pub struct ContributionsApi;
