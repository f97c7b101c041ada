//! Sign-in throttling that stops guessing without handing out lockouts.
//!
//! Three counters of failed sign-ins live in the database (so every instance counts the
//! same ones), each in a fixed window of `window`: one per account (email, known or not),
//! one per client address (an IPv6 client per /64, see `http::network_of`), and one per
//! account and address together. An attempt is admitted or refused BEFORE any password is
//! checked, by one atomic statement per counter that counts the attempt and returns the
//! count: concurrent attempts can never all see "under the limit" (the race of checking,
//! then counting). A successful sign-in gives its address back its count and clears the
//! account's and the pair's.
//!
//! - An address with `max_failures_per_address` failures in the window is refused (429).
//! - An account with `max_failures` failures in the window is refused (429), except from
//!   an address where THIS account has failed at most `FORGIVEN_HERE` times in the window:
//!   the owner, signing in from their usual place after a typo or two, gets in (and the
//!   account's count is cleared) whatever a stranger did from elsewhere or a colleague
//!   typed from the same office; a guesser gets `FORGIVEN_HERE + 1` attempts per address
//!   once the account is guarded, and is then refused there.
//!
//! So in one window an account's password is checked at most `max_failures` times plus
//! `FORGIVEN_HERE + 1` times per address the guesser uses (a fresh budget after each
//! successful sign-in of the owner), and one address checks at most
//! `max_failures_per_address` passwords whatever the accounts.

use chrono::{Duration, NaiveDateTime};
use diesel::sql_types::{BigInt, Text, Timestamp};
use diesel::{QueryableByName, RunQueryDsl};

use crate::db::{dialect, DbConnection};
use crate::error::AppError;

/// Failures of one account from one address in a window that still let that address
/// sign in to the account once the account is guarded: a typo or two of its owner.
pub const FORGIVEN_HERE: i64 = 2;

#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    /// Failures per account in one window before it is guarded.
    pub max_failures: i64,
    /// Failures per client address in one window before the address is refused.
    pub max_failures_per_address: i64,
    pub window: Duration,
}

/// An admitted attempt: what to settle once the password has been checked.
#[derive(Debug)]
pub struct Attempt {
    account: String,
    address: String,
    /// This account from this address.
    pair: String,
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = BigInt)]
    failures: i64,
    #[diesel(sql_type = Timestamp)]
    window_start: NaiveDateTime,
}

const COUNT: &str = "INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, $2) \
    ON CONFLICT (key) DO UPDATE SET \
      failures = CASE WHEN login_throttle.window_start <= $3 THEN 1 ELSE login_throttle.failures + 1 END, \
      window_start = CASE WHEN login_throttle.window_start <= $3 THEN excluded.window_start ELSE login_throttle.window_start END \
    RETURNING failures, window_start";

/// Counts one attempt against `key` and returns the count in the current window (this
/// attempt included) and when the window started. One statement: atomic on both backends.
fn count(
    conn: &mut DbConnection,
    key: &str,
    now: NaiveDateTime,
    window: Duration,
) -> Result<Counted, AppError> {
    let expired = now - window;
    let counted = dialect::sql_query(conn, COUNT)
        .bind::<Text, _>(key)
        .bind::<Timestamp, _>(now)
        .bind::<Timestamp, _>(expired)
        .get_result::<Counted>(conn)?;
    Ok(counted)
}

fn refused(counted: &Counted, policy: ThrottlePolicy, now: NaiveDateTime) -> AppError {
    let retry_after = (counted.window_start + policy.window - now)
        .num_seconds()
        .max(1);
    AppError::TooManyRequests {
        detail: "too many failed sign-in attempts; try again later".into(),
        retry_after_secs: u64::try_from(retry_after).unwrap_or(1),
    }
}

/// Admits an attempt (counting it as a failure until it is settled) or refuses it.
pub fn admit(
    conn: &mut DbConnection,
    policy: ThrottlePolicy,
    email: &str,
    address: &str,
    now: NaiveDateTime,
) -> Result<Attempt, AppError> {
    let attempt = Attempt {
        account: format!("account:{email}"),
        address: format!("address:{address}"),
        pair: format!("pair:{address} {email}"),
    };
    let by_address = count(conn, &attempt.address, now, policy.window)?;
    if by_address.failures > policy.max_failures_per_address {
        return Err(refused(&by_address, policy, now));
    }
    let by_account = count(conn, &attempt.account, now, policy.window)?;
    let by_pair = count(conn, &attempt.pair, now, policy.window)?;
    // Before this attempt, the account has failed at most a typo or two from here.
    let known_here = by_pair.failures <= FORGIVEN_HERE + 1;
    if by_account.failures > policy.max_failures && !known_here {
        return Err(refused(&by_account, policy, now));
    }
    Ok(attempt)
}

/// The password was right: the address gets its attempt back, the account's failures (and
/// this address's for it) are forgotten, and windows that have ended are pruned as we go.
pub fn succeeded(
    conn: &mut DbConnection,
    attempt: &Attempt,
    policy: ThrottlePolicy,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let expired = now - policy.window;
    dialect::sql_query(
        conn,
        "UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0",
    )
    .bind::<Text, _>(&attempt.address)
    .execute(conn)?;
    dialect::sql_query(
        conn,
        "DELETE FROM login_throttle WHERE key = $1 OR key = $2 OR window_start <= $3",
    )
    .bind::<Text, _>(&attempt.account)
    .bind::<Text, _>(&attempt.pair)
    .bind::<Timestamp, _>(expired)
    .execute(conn)?;
    Ok(())
}
