//! Organisations: self-registration with a first applicant account, the secretariat's
//! verification, more applicant accounts, and reading.

mod eligibility;
mod handlers;
mod kind;
mod model;
pub mod notices;

use actix_web::web;
use utoipa::OpenApi;

pub use eligibility::check_eligible;
pub use kind::{same_holder, OrgState, OrgType};
pub use model::{
    create, decide, exists, find, find_by_unpp_id, NewOrganization, Organization, OrganizationView,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/organizations/register").route(web::post().to(handlers::register)),
    )
    .service(web::resource("/api/v1/organizations").route(web::get().to(handlers::list)))
    .service(web::resource("/api/v1/organizations/{id}").route(web::get().to(handlers::get)))
    .service(
        web::resource("/api/v1/organizations/{id}/verification")
            .route(web::post().to(handlers::verify)),
    )
    .service(
        web::resource("/api/v1/organizations/{id}/users").route(web::post().to(handlers::add_user)),
    );
}

#[derive(OpenApi)]
#[openapi(
    paths(
        handlers::register,
        handlers::list,
        handlers::get,
        handlers::verify,
        handlers::add_user
    ),
    components(schemas(
        OrganizationView,
        OrgType,
        OrgState,
        handlers::RegisterRequest,
        handlers::NewApplicantRequest,
        handlers::RegisteredView,
        handlers::VerificationRequest
    ))
)]
pub struct OrganizationsApi;
