//! Repeated login failures for one email are answered 429 for a while. The failures live
//! in the database, so every instance behind a load balancer counts the same ones.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::login_failures;
use crate::db::DbConnection;
use crate::error::AppError;

#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    pub max_failures: i64,
    pub window: Duration,
}

/// 429 if the email has had `max_failures` failures within the window; says when to retry.
pub fn check(
    conn: &mut DbConnection,
    policy: ThrottlePolicy,
    email: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let since = now - policy.window;
    let recent: Vec<NaiveDateTime> = login_failures::table
        .filter(login_failures::email.eq(email))
        .filter(login_failures::failed_at.gt(since))
        .select(login_failures::failed_at)
        .order(login_failures::failed_at.desc())
        .limit(policy.max_failures)
        .load(conn)?;
    if (recent.len() as i64) < policy.max_failures {
        return Ok(());
    }
    // Locked until the oldest of the counted failures leaves the window.
    let oldest = recent.last().copied().unwrap_or(now);
    let retry_after = (oldest + policy.window - now).num_seconds().max(1) as u64;
    Err(AppError::TooManyRequests {
        detail: "too many failed sign-in attempts; try again later".into(),
        retry_after_secs: retry_after,
    })
}

pub fn record_failure(
    conn: &mut DbConnection,
    email: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(Uuid::new_v4().to_string()),
            login_failures::email.eq(email),
            login_failures::failed_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// A successful sign-in clears the count, and old failures are pruned as we go.
pub fn clear(
    conn: &mut DbConnection,
    email: &str,
    policy: ThrottlePolicy,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::delete(
        login_failures::table.filter(
            login_failures::email
                .eq(email)
                .or(login_failures::failed_at.lt(now - policy.window)),
        ),
    )
    .execute(conn)?;
    Ok(())
}
