//! Who is calling: passwords, tokens, sessions, sign-in throttling, signing in and the
//! password's change and reset.

pub mod hashing;
mod login;
mod password;
mod password_change;
pub mod sessions;
pub mod throttle;
mod token;

/// Roles live in `crate::domain` (features below `auth` name them without it); re-exported
/// here so faces take `Password` and `Role` from one place.
pub use crate::domain::Role;
pub use login::{sign_in, SignIn, TokenResponse};
pub use password::{hash_password, verify_password, Password};
pub use password_change::{
    change_password, password_hash_of, reset_password, PasswordChange, PasswordReset,
};
pub use token::{Claims, TokenKeys};
