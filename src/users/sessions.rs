//! Ending an account's sessions. Tokens are stateless, so "end every session" means:
//! remember the moment, and refuse every token issued before it (`crate::auth::sessions`
//! reads the moment). A password change, an admin's reset and disabling an account each
//! move it to now; re-enabling an account later does not bring its old tokens back.

use diesel::prelude::*;

use crate::db::schema::token_cutoffs;
use crate::db::Tx;
use crate::domain::UserId;
use crate::error::AppError;

/// Refuses every token of `user` issued before now.
pub fn end_sessions(tx: &mut Tx, user: UserId) -> Result<(), AppError> {
    // The system clock, not the app's: the moment is compared with tokens' issue times,
    // which are real (see `crate::clock`).
    let now = crate::clock::Clock::system().now();
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
