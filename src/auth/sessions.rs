//! Whether a token's session still stands. Tokens are stateless, so "end every session"
//! means: remember the moment, and refuse every token issued before it (the moment is
//! moved by `crate::users::end_sessions`).

use crate::domain::UserId;
use chrono::NaiveDateTime;

use crate::error::AppError;

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
