//! Grants: what an approved application becomes, with its award committed in the ledger;
//! then its agreement and tranche schedule, the disbursements that pay it, the refunds
//! that come back, reversals of either, and its closure (money out, issue 11). The rules
//! over a grant's money are pure ([`book`]); every change runs in one write transaction
//! with its ledger entry and audit event.

mod agreement;
pub mod book;
mod closure;
mod disbursements;
mod handlers;
mod ledger_book;
mod model;
mod money_handlers;
pub mod notices;
mod payee;
pub mod reconcile;
mod refunds;
mod reports_link;
mod reversal;
mod rows;

use actix_web::web;
use utoipa::OpenApi;

pub use agreement::{sign as sign_agreement, tranche_count, NewAgreement};
pub use closure::close;
pub use disbursements::{disburse, DisbursementView, EntryState, NewDisbursement};
pub use model::{
    create, find, list, AgreementView, GrantState, GrantView, TrancheState, TrancheView,
};
#[cfg(feature = "fuzz")]
pub(crate) use money_handlers::{AgreementRequest, DisbursementRequest, RefundRequest};
pub use payee::ensure_may_receive_money;
pub use refunds::{refund, NewRefund, RefundView};
pub use reversal::reverse_entry;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/grants").route(web::get().to(handlers::list)))
        .service(web::resource("/api/v1/grants/{id}").route(web::get().to(handlers::get)))
        .service(
            web::resource("/api/v1/grants/{id}/agreement")
                .route(web::post().to(money_handlers::sign_agreement)),
        )
        .service(
            web::resource("/api/v1/grants/{id}/disbursements")
                .route(web::get().to(money_handlers::list_disbursements))
                .route(web::post().to(money_handlers::disburse)),
        )
        .service(
            web::resource("/api/v1/grants/{id}/disbursements/{disbursement_id}")
                .route(web::get().to(money_handlers::get_disbursement)),
        )
        .service(
            web::resource("/api/v1/grants/{id}/refunds")
                .route(web::get().to(money_handlers::list_refunds))
                .route(web::post().to(money_handlers::refund)),
        );
}

#[derive(OpenApi)]
#[openapi(
    paths(
        handlers::list,
        handlers::get,
        money_handlers::sign_agreement,
        money_handlers::disburse,
        money_handlers::list_disbursements,
        money_handlers::get_disbursement,
        money_handlers::refund,
        money_handlers::list_refunds
    ),
    components(schemas(
        GrantView,
        GrantState,
        AgreementView,
        TrancheView,
        TrancheState,
        DisbursementView,
        RefundView,
        EntryState,
        handlers::GrantPage,
        money_handlers::DisbursementPage,
        money_handlers::AgreementRequest,
        money_handlers::TrancheRequest,
        money_handlers::DisbursementRequest,
        money_handlers::RefundRequest
    ))
)]
pub struct GrantsApi;
