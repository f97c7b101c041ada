//! Password hashing off the async workers and outside any database connection, with a
//! bound on how many hashes run at once. Argon2 takes ~19 MiB and tens of milliseconds per
//! hash: unbounded, a flood of registrations or sign-ins would run hundreds at once on the
//! blocking pool and exhaust memory. Waiting for a permit costs nothing but the request.
//! (An in-process bound is back-pressure only; nothing relies on it for correctness.)

use std::sync::OnceLock;

use tokio::sync::Semaphore;

use super::password::{self, Password};
use crate::error::AppError;

/// At most this many hashes at once per instance: the machine's cores, at most four.
fn permits() -> &'static Semaphore {
    static HASHING: OnceLock<Semaphore> = OnceLock::new();
    HASHING.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        Semaphore::new(cores.clamp(1, 4))
    })
}

async fn bounded<T, F>(work: F) -> Result<T, AppError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let _permit = permits().acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(AppError::internal)
}

/// Hashes a new password (argon2id, a fresh salt).
pub async fn hash(password: Password) -> Result<String, AppError> {
    bounded(move || password::hash_password(password.expose()))
        .await?
        .map_err(AppError::internal)
}

/// Checks a password against a stored hash (or the dummy hash for an unknown account, so
/// both take as long).
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    bounded(move || match stored {
        Some(stored) => password::verify_password(&password, &stored),
        None => password::verify_password(&password, password::dummy_hash()),
    })
    .await
}
