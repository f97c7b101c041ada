//! Who is calling: passwords, tokens, sessions, sign-in throttling, and login.

pub mod hashing;
mod login;
mod password;
mod password_change;
pub mod sessions;
pub mod throttle;
mod token;

use actix_web::web;
use utoipa::OpenApi;

/// Roles live in `crate::domain` (features below `auth` name them without it); re-exported
/// here so handlers take `Caller` and `Role` from one place.
pub use crate::domain::Role;
pub use login::client_address;
pub use password::{hash_password, verify_password, Password};
pub use token::{Claims, TokenKeys};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/auth/login").route(web::post().to(login::login)))
        .service(
            web::resource("/api/v1/me/password").route(web::post().to(password_change::change)),
        )
        .service(
            web::resource("/api/v1/users/{id}/password")
                .route(web::post().to(password_change::reset)),
        );
}

#[derive(OpenApi)]
#[openapi(
    paths(login::login, password_change::change, password_change::reset),
    components(schemas(
        login::LoginRequest,
        login::TokenResponse,
        Role,
        password_change::ChangePasswordRequest,
        password_change::ResetPasswordRequest
    ))
)]
pub struct AuthApi;
