//! Grant applications: drafts, submission, withdrawal, screening, the state machine and
//! its history.

mod access;
mod actions;
mod content;
mod facts;
mod handlers;
mod history;
mod model;
mod rules;
mod state;
mod view;

use actix_web::web;
use utoipa::OpenApi;

pub use access::{find_visible, may_read, visible_to};
pub use content::{Beneficiaries, BudgetLine, Content};
pub use facts::{facts_for_decision, DecisionFacts};
/// An application's body carries money, for the fuzz targets (`crate::ops::fuzz`).
pub(crate) use handlers::CreateRequest as CreateApplicationRequest;
pub use history::{create_draft, history, move_to, transition, TransitionView};
pub use model::{find, list, Application, Filter};
pub use state::{can_move, ApplicationState};
pub use view::{ApplicationSummary, ApplicationView};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/applications")
            .route(web::get().to(handlers::list))
            .route(web::post().to(handlers::create)),
    )
    .service(
        web::resource("/api/v1/applications/{id}")
            .route(web::get().to(handlers::get))
            .route(web::patch().to(handlers::patch)),
    )
    .service(
        web::resource("/api/v1/applications/{id}/submit").route(web::post().to(actions::submit)),
    )
    .service(
        web::resource("/api/v1/applications/{id}/withdraw")
            .route(web::post().to(actions::withdraw)),
    )
    .service(
        web::resource("/api/v1/applications/{id}/screening").route(web::post().to(actions::screen)),
    )
    .service(
        web::resource("/api/v1/applications/{id}/screening/start")
            .route(web::post().to(actions::start_screening)),
    )
    .service(
        web::resource("/api/v1/applications/{id}/history")
            .route(web::get().to(actions::get_history)),
    );
}

#[derive(OpenApi)]
#[openapi(
    paths(
        handlers::create,
        handlers::list,
        handlers::get,
        handlers::patch,
        actions::submit,
        actions::withdraw,
        actions::start_screening,
        actions::screen,
        actions::get_history
    ),
    components(schemas(
        ApplicationView,
        ApplicationSummary,
        ApplicationState,
        TransitionView,
        Beneficiaries,
        BudgetLine,
        handlers::CreateRequest,
        handlers::PatchRequest,
        actions::WithdrawRequest,
        actions::ScreeningRequest
    ))
)]
pub struct ApplicationsApi;

/// The OpenAPI of applications.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApplicationsApi::openapi()
}
