//! The demo data set behind `trustfund serve --demo`: enough of everything that a
//! newcomer can try every feature a minute after the first command. Each feature has its
//! part in this folder, built only from that feature's public functions; no feature
//! imports the demo. Loading twice changes nothing.
//!
//! Compiled only with the `demo` feature (`cargo run --features demo -- serve --demo`):
//! a production binary cannot create accounts whose password is printed in the README.

mod amendments;
mod applications;
mod board;
mod contributions;
pub mod files;
mod grant_ends;
mod grant_reports;
mod grant_stages;
mod money_out;
mod periods;
mod voting;
mod wide;

pub use wide::WIDER_CALL;

use anyhow::Context;

use crate::auth::hash_password;
use crate::bootstrap::Credentials;
use crate::db::{Actor, Db};
use crate::domain::Email;
use crate::domain::Role;
use crate::users::{self, NewUser};

/// Demo accounts share one published password: this data set is for trying the service,
/// never for production.
pub const DEMO_PASSWORD: &str = "demo-password-2026";

/// Loads the demo data set; returns the demo accounts to print.
pub fn load(db: &Db) -> anyhow::Result<Vec<(Role, Credentials)>> {
    let mut conn = db.get().context("connecting to the database")?;
    let mut accounts = Vec::new();
    let hash = hash_password(DEMO_PASSWORD)?;
    for role in [
        Role::Admin,
        Role::Secretariat,
        Role::Trustee,
        Role::Finance,
        Role::Auditor,
    ] {
        let email = format!("{}@demo.trustfund.local", role.as_str());
        let exists = users::find_by_email(&mut conn, &email)
            .context("looking up a demo account")?
            .is_some();
        if !exists {
            let new = NewUser {
                email: Email::parse(&email).context("demo account email")?,
                name: format!("Demo {role}"),
                role,
                organization_id: None,
                password_hash: hash.clone(),
            };
            crate::db::write_blocking(&mut conn, Actor::system("demo"), |tx| {
                users::create_user(tx, new)
            })
            .context("demo data: accounts")?;
        }
        accounts.push((
            role,
            Credentials {
                email,
                password: DEMO_PASSWORD.to_string(),
            },
        ));
    }
    board::load(&mut conn)?;
    // The other four seats' trustee accounts, created with the demo Board.
    for seat in 2..=5 {
        let email = format!("trustee{seat}@demo.trustfund.local");
        let password = DEMO_PASSWORD.to_string();
        accounts.push((Role::Trustee, Credentials { email, password }));
    }
    accounts.extend(applications::load(db)?);
    // The Board meets before the first contributions arrive (one approval waits on the
    // reserve list), then again once they are in.
    voting::before_money(&mut conn)?;
    contributions::load(&mut conn).context("demo data: contributions")?;
    voting::after_money(&mut conn)?;
    grant_stages::load(&mut conn)?;
    // The wider picture the Fund's reports need: more NGOs, grants, donors and trustees.
    wide::load(&mut conn)?;
    grant_ends::load(&mut conn)?;
    amendments::load(&mut conn)?;
    // Finance has closed last month.
    periods::load(&mut conn)?;
    Ok(accounts)
}
