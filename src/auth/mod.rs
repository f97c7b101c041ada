//! Who is calling: passwords, tokens, the `Caller` extractor, roles, and login.

mod caller;
pub mod hashing;
mod login;
mod password;
mod role;
pub mod throttle;
mod token;

use actix_web::web;
use utoipa::OpenApi;

pub use caller::Caller;
pub use login::client_address;
pub use password::{hash_password, verify_password, Password};
pub use role::Role;
pub use token::{Claims, TokenKeys};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/auth/login").route(web::post().to(login::login)));
}

#[derive(OpenApi)]
#[openapi(
    paths(login::login),
    components(schemas(login::LoginRequest, login::TokenResponse, Role))
)]
pub struct AuthApi;
