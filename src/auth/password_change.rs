//! Changing a password (the account's owner, who proves the current one) and resetting it
//! (an administrator). Both end every session of the account: tokens issued before stop
//! working, so a stolen token dies with the old password.
//!
//! Passwords are hashed and checked before the transaction opens (see `hashing`): the use
//! cases here take hashes.

use diesel::prelude::*;
use serde_json::json;

use crate::audit::Change;
use crate::db::schema::users;
use crate::db::{Actor, DbConnection, Tx};
use crate::domain::UserId;
use crate::error::AppError;

/// The acting user's stored password hash, which the current password they typed is
/// checked against before [`change_password`].
pub fn password_hash_of(conn: &mut DbConnection, actor: &Actor) -> Result<String, AppError> {
    let id = actor.user_id.ok_or(AppError::Forbidden)?;
    users::table
        .find(id)
        .select(users::password_hash)
        .get_result(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The acting user's new password, once the current one has been checked.
#[derive(Debug)]
pub struct PasswordChange {
    /// The stored hash the current password matched: if the password changed since (a
    /// reset in between), the proof is stale and the change is refused.
    pub proven_against: String,
    pub new_hash: String,
}

/// Changes the acting user's password and ends all their sessions.
pub fn change_password(tx: &mut Tx, change: PasswordChange) -> Result<(), AppError> {
    let actor = tx.actor().clone();
    let id = actor.user_id.ok_or(AppError::Forbidden)?;
    if password_hash_of(tx.conn(), &actor)? != change.proven_against {
        return Err(AppError::bad_field(
            "current_password",
            "is not the account's current password",
        ));
    }
    set_password(tx, id, &change.new_hash, "user.password_changed")
}

/// An administrator's new password for an account.
#[derive(Debug)]
pub struct PasswordReset {
    pub user: UserId,
    pub new_hash: String,
}

/// Sets an account's password (the administrator) and ends all its sessions.
pub fn reset_password(tx: &mut Tx, reset: PasswordReset) -> Result<(), AppError> {
    set_password(tx, reset.user, &reset.new_hash, "user.password_reset")
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
    crate::users::end_sessions(tx, user)?;
    // Never the hash: only that it changed, and that sessions ended.
    tx.audit(Change::new(
        action,
        "user",
        user,
        json!({"password": "changed", "sessions": "ended"}),
    ))
}
