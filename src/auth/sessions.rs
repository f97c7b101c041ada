//! Ending sessions. Tokens are stateless, so "end every session" means: remember the
//! moment, and refuse every token issued before it. A password change, an admin's reset
//! and disabling an account each move the moment to now; re-enabling an account later
//! does not bring its old tokens back.

use crate::domain::UserId;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::token_cutoffs;
use crate::db::Tx;
use crate::error::AppError;

/// Refuses every token of `user` issued before this transaction's time.
pub fn end_all(tx: &mut Tx, user: UserId) -> Result<(), AppError> {
    let now = tx.now();
    let id = user.to_string();
    let updated = diesel::update(token_cutoffs::table.find(&id))
        .set(token_cutoffs::valid_after.eq(now))
        .execute(tx.conn())?;
    if updated == 0 {
        diesel::insert_into(token_cutoffs::table)
            .values((
                token_cutoffs::user_id.eq(&id),
                token_cutoffs::valid_after.eq(now),
            ))
            .execute(tx.conn())?;
    }
    Ok(())
}

/// Whether a token issued at `issued_ms` (milliseconds since the epoch) predates the
/// cutoff. Compared in whole milliseconds, the token's precision.
pub fn is_revoked(issued_ms: i64, cutoff: Option<NaiveDateTime>) -> bool {
    cutoff.is_some_and(|cutoff| issued_ms < cutoff.and_utc().timestamp_millis())
}

/// Who a verified token speaks for, as the token says.
#[derive(Debug, Clone)]
pub struct Bearer {
    pub user: UserId,
    pub role: crate::domain::Role,
    pub organization: Option<crate::domain::OrganizationId>,
    pub issued_ms: i64,
}

/// The account behind a token, checked against the database now, inside the caller's own
/// snapshot or transaction: it must exist, be enabled, hold the role and organisation the
/// token names, and not have ended its sessions after the token was issued. So a disabled
/// account, or one whose role changed, stops working at once, whatever its token says.
pub fn active_account(
    conn: &mut crate::db::DbConnection,
    bearer: &Bearer,
) -> Result<crate::users::User, AppError> {
    let (user, cutoff) = crate::users::find_with_token_cutoff(conn, bearer.user)?
        .filter(|(user, _)| user.enabled)
        .ok_or_else(|| AppError::Unauthorized("the account is not active".into()))?;
    if is_revoked(bearer.issued_ms, cutoff)
        || user.role != bearer.role
        || user.organization_id != bearer.organization
    {
        return Err(AppError::Unauthorized(
            "the session has ended (password, role or account changed); sign in again".into(),
        ));
    }
    Ok(user)
}
