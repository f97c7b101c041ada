//! The first administrator, so a newcomer can sign in a minute after the first start.

use anyhow::Context;
use secrecy::ExposeSecret;

use crate::auth::{hash_password, Role};
use crate::config::{random_secret, Settings};
use crate::db::{Actor, Db};
use crate::domain::Email;
use crate::users::{self, NewUser};

pub const DEFAULT_ADMIN_EMAIL: &str = "admin@trustfund.local";

/// Sign-in details of an account the service just created, to print once.
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// On an empty database, creates the administrator from `admin.email`/`admin.password`,
/// or with a generated password. Returns the credentials when it created one (another
/// instance starting at the same moment may have).
pub fn ensure_admin(db: &Db, settings: &Settings) -> anyhow::Result<Option<Credentials>> {
    let mut conn = db.get().context("connecting to the database")?;
    if users::count(&mut conn).context("counting accounts")? > 0 {
        return Ok(None);
    }
    let email = match settings.admin.email.trim() {
        "" => DEFAULT_ADMIN_EMAIL.to_string(),
        configured => configured.to_string(),
    };
    let email = Email::parse(&email).context("admin.email")?;
    let password = match settings.admin.password.expose_secret() {
        "" => random_secret(20),
        configured => configured.to_string(),
    };
    let new = NewUser {
        email: email.clone(),
        name: "Administrator".to_string(),
        role: Role::Admin,
        organization_id: None,
        password_hash: hash_password(&password)?,
    };
    // Counted again under the write lock: instances starting at once on an empty
    // database all saw no account above; the first to write creates the administrator,
    // the others find it there.
    let created = crate::db::write_blocking(&mut conn, Actor::system("bootstrap"), |tx| {
        if users::count(tx.conn())? > 0 {
            return Ok(false);
        }
        users::create_user(tx, new).map(|_| true)
    })
    .context("cannot create the administrator")?;
    if !created {
        return Ok(None);
    }
    Ok(Some(Credentials {
        email: email.as_str().to_string(),
        password,
    }))
}
