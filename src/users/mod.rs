//! User accounts: the model, and the admin's endpoints to manage them, plus `/me`.

mod handlers;
mod model;
pub mod recipients;

use actix_web::web;
use utoipa::OpenApi;

pub use model::{
    count, create_user, find, find_by_email, find_with_token_cutoff, set_language, update_user,
    NewUser, User, UserView,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/me")
            .route(web::get().to(handlers::me))
            .route(web::patch().to(handlers::update_me)),
    )
    .service(
        web::resource("/api/v1/users")
            .route(web::get().to(handlers::list))
            .route(web::post().to(handlers::create)),
    )
    .service(
        web::resource("/api/v1/users/{id}")
            .route(web::get().to(handlers::get))
            .route(web::patch().to(handlers::update)),
    );
}

#[derive(OpenApi)]
#[openapi(
    paths(
        handlers::me,
        handlers::update_me,
        handlers::list,
        handlers::create,
        handlers::get,
        handlers::update
    ),
    components(schemas(
        UserView,
        handlers::UpdateMeRequest,
        crate::domain::Language,
        handlers::CreateUserRequest,
        handlers::UpdateUserRequest
    ))
)]
pub struct UsersApi;
