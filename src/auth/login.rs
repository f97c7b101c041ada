//! Signing in: email and password in, a bearer token out.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::throttle::{self, ThrottlePolicy};
use super::{hashing, TokenKeys};
use crate::db::Db;
use crate::error::AppError;

/// An attempt to sign in, and where it comes from (the throttle counts per address).
#[derive(Debug)]
pub struct SignIn {
    pub email: String,
    pub password: String,
    /// The client's network as the throttle counts it.
    pub address: String,
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

/// Signs in. A wrong password, an unknown email and a disabled account get the same
/// answer; repeated failures are refused with 429 for a while (see `throttle`).
///
/// Three steps, so the password is checked holding no connection: admitting the attempt
/// and fetching the account, checking the password with the number of hashes bounded, and
/// settling a success. The counters are not the audited state: they run on their own
/// short connections (`Db::counters`), not in a write transaction.
pub async fn sign_in(
    db: &Db,
    keys: &TokenKeys,
    policy: ThrottlePolicy,
    attempt: SignIn,
) -> Result<TokenResponse, AppError> {
    let SignIn {
        email,
        password,
        address,
    } = attempt;
    // Every account's address is an `Email`, so anything else cannot sign in; refusing it
    // here also keeps NUL (which PostgreSQL refuses in text) and junk out of the
    // failure counters.
    let email = crate::domain::Email::parse(&email)
        .map_err(|e| AppError::bad_field("email", e.to_string()))?
        .into_string();
    let now = db.clock().now();

    // 1. Admit or refuse the attempt, and fetch the account: quick statements, no hashing.
    let (attempt, user) = db
        .counters(move |conn| {
            let attempt = throttle::admit(conn, policy, &email, &address, now)?;
            let user = crate::users::find_by_email(conn, &email)?;
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
    Ok(TokenResponse {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: keys.lifetime_secs(),
    })
}
