//! Calls for proposals: published by the secretariat, read by everyone signed in, never
//! edited once published (see `handlers`).

mod categories;
mod handlers;
mod model;
mod rules;

use actix_web::web;
use utoipa::OpenApi;

pub(crate) use categories::{first_duplicate, from_json_text, to_json_text};
pub use categories::{AgeGroup, AidType, Exploitation, PriorityGroup, Sex};
pub use model::{create, find, Call, CallStatus, CallView, NewCall};
pub use rules::{check_terms, DURATION_MONTHS};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/calls")
            .route(web::get().to(handlers::list))
            .route(web::post().to(handlers::create)),
    )
    .service(web::resource("/api/v1/calls/{id}").route(web::get().to(handlers::get)));
}

#[derive(OpenApi)]
#[openapi(
    paths(handlers::create, handlers::list, handlers::get),
    components(schemas(
        CallView,
        handlers::CallDetail,
        CallStatus,
        handlers::CallRequest,
        PriorityGroup,
        Sex,
        AgeGroup,
        Exploitation,
        AidType
    ))
)]
pub struct CallsApi;
