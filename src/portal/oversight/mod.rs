//! The pages of the people who watch over the Fund rather than run it.
//!
//! An auditor reads and checks, and changes nothing: every page of theirs is a GET (its
//! forms are filters), so nothing they click can alter a record.
//! - [`trail`]: `/audit`, the audit trail newest first, filtered by kind of event, record,
//!   actor and dates (auditors and administrators, as the API's `GET /api/v1/audit`).
//! - [`records`]: `/records/{kind}/{id}`, a grant, an application, an organisation or a
//!   contribution read, reached from the trail (the ledger's pages are finance's
//!   `/journal` and `/ledger/{entry}`, which auditors read too).
//! - [`checks`]: `/checks`, `/checks/trail` (the API's `GET /api/v1/audit/verify`) and
//!   `/checks/ledger` (its `GET /api/v1/ledger/check`), their results read plainly.
//!
//! An administrator keeps the accounts and the mail going out:
//! - [`users`]: `/users`, `/users/new`, `/users/{id}` (create, disable or enable, reset
//!   a password: the API's `/api/v1/users` use cases).
//! - [`outbox`]: `/outbox`, mail by status, and the retry of a failed one.
//! - [`home`]: `/` for both roles.

mod checks;
mod home;
mod outbox;
mod records;
mod trail;
mod users;

use actix_web::web;

pub use home::{admin_home, auditor_home};

crate::portal_templates![
    "auditor_home.html",
    "audit_trail.html",
    "audit_checks.html",
    "audit_check_trail.html",
    "audit_check_ledger.html",
    "audit_record.html",
    "admin_home.html",
    "admin_users.html",
    "admin_user.html",
    "admin_user_new.html",
    "admin_outbox.html",
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(trail::trail_page)
        .service(records::record_page)
        .service(checks::checks_page)
        .service(checks::trail_check_page)
        .service(checks::ledger_check_page)
        .service(users::users_page)
        .service(users::new_user_page)
        .service(users::post_new_user)
        .service(users::user_page)
        .service(users::post_enabled)
        .service(users::post_password)
        .service(users::back_to_user)
        .service(outbox::outbox_page)
        .service(outbox::post_retry)
        .service(outbox::back_to_outbox);
}

/// The `cursor` of a list's next page, as the API's lists take it.
#[derive(Debug, serde::Deserialize)]
struct PageQuery {
    cursor: Option<String>,
    done: Option<String>,
}
