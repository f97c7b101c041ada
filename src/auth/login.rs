//! `POST /api/v1/auth/login`: email and password in, a bearer token out.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::throttle::{self, ThrottlePolicy};
use super::{password, TokenKeys};
use crate::db::Db;
use crate::error::{AppError, Problem};
use crate::http::Json;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "admin@trustfund.local")]
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

/// Sign in. A wrong password, an unknown email and a disabled account get the same answer;
/// after repeated failures the email is refused with 429 for a while.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Wrong email or password, or a disabled account", body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn login(
    db: web::Data<Db>,
    keys: web::Data<TokenKeys>,
    policy: web::Data<ThrottlePolicy>,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, AppError> {
    let LoginRequest { email, password } = body.into_inner();
    // Every account's address is an `Email`, so anything else cannot sign in; refusing it
    // here also keeps NUL (which PostgreSQL refuses in text) and junk out of the
    // failure counter.
    let email = crate::domain::Email::parse(&email)
        .map_err(|e| AppError::bad_field("email", e.to_string()))?
        .into_string();
    let policy = **policy;
    let user = db
        .read(move |conn| {
            let now = crate::db::now();
            throttle::check(conn, policy, &email, now)?;
            let user = crate::users::find_by_email(conn, &email)?;
            let stored = user
                .as_ref()
                .map_or(password::dummy_hash(), |u| u.password_hash.as_str());
            let matches = password::verify_password(&password, stored);
            match user {
                Some(user) if matches && user.enabled => {
                    throttle::clear(conn, &email, policy, now)?;
                    Ok(user)
                }
                _ => {
                    throttle::record_failure(conn, &email, now)?;
                    Err(AppError::Unauthorized(WRONG.into()))
                }
            }
        })
        .await?;
    let token = keys.issue(user.id, user.role, user.organization_id)?;
    Ok(HttpResponse::Ok().json(TokenResponse {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: keys.lifetime_secs(),
    }))
}
