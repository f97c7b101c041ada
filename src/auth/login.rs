//! `POST /api/v1/auth/login`: email and password in, a bearer token out.

use crate::api::Public;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::throttle::{self, ThrottlePolicy};
use super::{hashing, TokenKeys};
use crate::db::Db;
use crate::error::{AppError, Problem};
use crate::http::Json;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "admin@trustfund.local", format = "email", max_length = 254)]
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: i64,
}

const WRONG: &str = "the email or password is wrong";

/// Sign in. A wrong password, an unknown email and a disabled account get the same answer.
/// Repeated failures are refused with 429 for a while: from one address, and for one
/// account unless the attempt comes from an address where that account has failed at most
/// twice (see `throttle`).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Wrong email or password, or a disabled account", body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn login(
    _anyone: Public,
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<TokenKeys>,
    policy: web::Data<ThrottlePolicy>,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, AppError> {
    let LoginRequest { email, password } = body.into_inner();
    // Every account's address is an `Email`, so anything else cannot sign in; refusing it
    // here also keeps NUL (which PostgreSQL refuses in text) and junk out of the
    // failure counters.
    let email = crate::domain::Email::parse(&email)
        .map_err(|e| AppError::bad_field("email", e.to_string()))?
        .into_string();
    let address = client_address(&req);
    let policy = **policy;
    let now = crate::db::now();

    // 1. Admit or refuse the attempt, and fetch the account: quick statements, no hashing.
    let lookup = email.clone();
    let (attempt, user) = db
        .counters(move |conn| {
            let attempt = throttle::admit(conn, policy, &lookup, &address, now)?;
            let user = crate::users::find_by_email(conn, &lookup)?;
            Ok((attempt, user))
        })
        .await?;
    // 2. Check the password holding no connection, with the number of hashes bounded.
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let matches = hashing::verify(password, stored).await?;
    let user = match user {
        Some(user) if matches && user.enabled => user,
        // The attempt stays counted as a failure.
        _ => return Err(AppError::Unauthorized(WRONG.into())),
    };
    // 3. Settle a success: the address gets its attempt back, the account's count is cleared.
    db.counters(move |conn| throttle::succeeded(conn, &attempt, policy, now))
        .await?;
    let token = keys.issue(user.id, user.role, user.organization_id)?;
    Ok(HttpResponse::Ok().json(TokenResponse {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: keys.lifetime_secs(),
    }))
}

/// The client's network as the throttle counts it: the TCP peer, or behind a trusted load
/// balancer the client it names (see `http::client_ip`); an IPv6 client by its /64.
pub fn client_address(req: &HttpRequest) -> String {
    crate::http::client_ip(req).map_or_else(|| "unknown".to_string(), crate::http::network_name)
}
