//! Changing a password (the account's owner, who proves the current one) and resetting it
//! (an administrator). Both end every session of the account: tokens issued before stop
//! working, so a stolen token dies with the old password.

use crate::api::{only, Allowed};
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::{hashing, sessions, Password};
use crate::audit::Change;
use crate::db::schema::users;
use crate::db::{Db, Tx};
use crate::domain::UserId;
use crate::error::{AppError, Problem};
use crate::http::Json;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[schema(value_type = String, format = "password")]
    pub current_password: String,
    /// At least 12 characters.
    #[schema(value_type = String, format = "password", min_length = 12, max_length = 128, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub new_password: Password,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// At least 12 characters.
    #[schema(value_type = String, format = "password", min_length = 12, max_length = 128, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub new_password: Password,
}

fn set_password(tx: &mut Tx, user: UserId, hash: &str, action: &str) -> Result<(), AppError> {
    let updated = diesel::update(users::table.find(user))
        .set((
            users::password_hash.eq(hash),
            users::updated_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    if updated == 0 {
        return Err(AppError::NotFound);
    }
    sessions::end_all(tx, user)?;
    // Never the hash: only that it changed, and that sessions ended.
    tx.audit(Change::new(
        action,
        "user",
        user,
        json!({"password": "changed", "sessions": "ended"}),
    ))
}

/// Change your own password; every token issued before (this one too) stops working.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "users", security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses((status = 204, description = "Changed; sign in again"),
        (status = 400, description = "The current password is wrong, or the new one too weak", body = Problem, content_type = "application/problem+json")))]
pub async fn change(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    body: Json<ChangePasswordRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let me = caller.clone();
    let stored = caller
        .read(&db, move |conn, _| {
            Ok(Some(me.account(conn)?.password_hash))
        })
        .await?;
    if !hashing::verify(body.current_password, stored).await? {
        return Err(AppError::bad_field(
            "current_password",
            "is not the account's current password",
        ));
    }
    let hash = hashing::hash(body.new_password).await?;
    let id = caller.id();
    db.write(caller.actor(), move |tx| {
        set_password(tx, id, &hash, "user.password_changed")
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Set an account's password (admin); every token issued before stops working.
#[utoipa::path(post, path = "/api/v1/users/{id}/password", tag = "users", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ResetPasswordRequest,
    responses((status = 204, description = "Reset; the account signs in with the new password")))]
pub async fn reset(
    caller: Allowed<only::Admin>,
    db: web::Data<Db>,
    id: web::Path<UserId>,
    body: Json<ResetPasswordRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let hash = hashing::hash(body.into_inner().new_password).await?;
    db.write(caller.actor(), move |tx| {
        set_password(tx, id, &hash, "user.password_reset")
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
