//! `POST /api/v1/auth/login`, `POST /api/v1/me/password` and
//! `POST /api/v1/users/{id}/password`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed, Public};
use crate::auth::throttle::ThrottlePolicy;
use crate::auth::{
    self, hashing, Password, PasswordChange, PasswordReset, SignIn, TokenKeys, TokenResponse,
};
use crate::db::Db;
use crate::domain::UserId;
use crate::error::{AppError, Problem};
use crate::http::Json;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login)
        .service(change_password)
        .service(reset_password);
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "admin@trustfund.local", format = "email", max_length = 254)]
    pub email: String,
    pub password: String,
}

/// Sign in. A wrong password, an unknown email and a disabled account get the same answer.
/// Repeated failures are refused with 429 for a while: from one address, and for one
/// account unless the attempt comes from an address where that account has failed at most
/// twice (see `throttle`).
#[utoipa::path(tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Wrong email or password, or a disabled account", body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "login")]
#[post("/api/v1/auth/login")]
async fn login(
    _anyone: Public,
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<TokenKeys>,
    policy: web::Data<ThrottlePolicy>,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, AppError> {
    let LoginRequest { email, password } = body.into_inner();
    let attempt = SignIn {
        email,
        password,
        address: client_address(&req),
    };
    let token = auth::sign_in(&db, &keys, **policy, attempt).await?;
    Ok(HttpResponse::Ok().json(token))
}

/// The client's network as the throttle counts it: the TCP peer, or behind a trusted load
/// balancer the client it names (see `http::client_ip`); an IPv6 client by its /64.
pub(crate) fn client_address(req: &HttpRequest) -> String {
    crate::http::client_ip(req).map_or_else(|| "unknown".to_string(), crate::http::network_name)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[schema(value_type = String, format = "password")]
    pub current_password: String,
    /// At least 12 characters.
    #[schema(value_type = String, format = "password", min_length = 12, max_length = 128, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub new_password: Password,
}

/// Change your own password; every token issued before (this one too) stops working.
///
/// Rules the schema cannot state: `current_password` is the account's current password.
#[utoipa::path(tag = "users", security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses((status = 204, description = "Changed; sign in again"),
        (status = 400, description = "The current password is wrong, or the new one too weak", body = Problem, content_type = "application/problem+json")),
    operation_id = "change_password")]
#[post("/api/v1/me/password")]
async fn change_password(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    body: Json<ChangePasswordRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    change_own_password(&caller, &db, body.current_password, body.new_password).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The caller changes their own password, proving the current one; every session of the
/// account ends (the API's and the portal's).
pub async fn change_own_password(
    caller: &super::Caller,
    db: &Db,
    current_password: String,
    new_password: Password,
) -> Result<(), AppError> {
    // The one operation with two trips: the current password is checked against the
    // stored hash between them, holding neither a connection nor the write lock (argon2
    // takes tens of milliseconds); the change refuses a proof made against a hash that
    // has changed since.
    let stored = caller.read(db, auth::password_hash_of).await?;
    if !hashing::verify(current_password, Some(stored.clone())).await? {
        return Err(AppError::bad_field(
            "current_password",
            "is not the account's current password",
        ));
    }
    let change = PasswordChange {
        proven_against: stored,
        new_hash: hashing::hash(new_password).await?,
    };
    caller
        .write(db, move |tx| auth::change_password(tx, change))
        .await?;
    Ok(())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// At least 12 characters.
    #[schema(value_type = String, format = "password", min_length = 12, max_length = 128, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub new_password: Password,
}

/// Set an account's password (admin); every token issued before stops working.
#[utoipa::path(tag = "users", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ResetPasswordRequest,
    responses((status = 204, description = "Reset; the account signs in with the new password")),
    operation_id = "reset_password")]
#[post("/api/v1/users/{id}/password")]
async fn reset_password(
    caller: Allowed<only::Admin>,
    db: web::Data<Db>,
    id: web::Path<UserId>,
    body: Json<ResetPasswordRequest>,
) -> Result<HttpResponse, AppError> {
    let reset = PasswordReset {
        user: id.into_inner(),
        new_hash: hashing::hash(body.into_inner().new_password).await?,
    };
    caller
        .write(&db, move |tx| auth::reset_password(tx, reset))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
