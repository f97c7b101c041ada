//! The web portal: server-rendered pages in the same binary as the API, in English,
//! French and Spanish, for the people the Fund serves (organisations applying and
//! reporting, trustees voting). Pages call the same use cases as the API (never a copy of
//! a rule), work without JavaScript, and carry a strict Content-Security-Policy.
//!
//! - [`visitor`]: who is looking (language, session, form tokens); [`render`]: templates,
//!   layout and the headers of every page; [`failure`]: error pages;
//!   [`form_errors`]: what was wrong with a form, field by field.
//! - [`language`], [`messages`] (Fluent files in `locales/`), [`formats`] (amounts and
//!   dates as each language writes them).
//! - The pages, by who uses them: [`sign_in`], [`account`], [`home`], [`ngo`],
//!   [`trustee`], [`secretariat`], [`finance`], [`oversight`] (auditors and
//!   administrators); [`transparency`]: the Fund's public page, for anyone;
//!   [`documents`]: a record's documents on its page, and their download;
//!   [`assets`]: the stylesheet and the optional script.

pub mod account;
pub mod assets;
pub mod documents;
pub mod failure;
pub mod finance;
pub mod form_errors;
pub mod formats;
pub mod home;
pub mod language;
pub mod messages;
pub mod ngo;
pub mod oversight;
pub mod render;
pub mod secretariat;
pub mod sign_in;
pub mod transparency;
pub mod trustee;
pub mod visitor;

pub use failure::PageError;
pub use visitor::{CookiePolicy, Member, Visitor};

use actix_web::{web, HttpRequest, HttpResponse};

/// Every page of the portal.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(assets::configure)
        .configure(sign_in::configure)
        .configure(account::configure)
        .configure(home::configure)
        .configure(documents::configure)
        .configure(ngo::configure)
        .configure(trustee::configure)
        .configure(secretariat::configure)
        .configure(finance::configure)
        .configure(transparency::configure)
        .configure(oversight::configure);
}

/// The page for a path outside the API that leads nowhere.
pub fn not_found(req: &HttpRequest) -> HttpResponse {
    let language = language::PageLanguage::of(req);
    let signed_in = req.cookie(CookiePolicy::of(req).session()).is_some();
    actix_web::ResponseError::error_response(&PageError::not_found(language, signed_in))
}

/// Whether the request carries a portal session whose token verifies now (the anonymous
/// rate limit's test of "signed in" for pages, as a bearer token is for the API; the
/// account itself is checked where the page's work runs).
pub fn carries_valid_session(req: &HttpRequest) -> bool {
    req.cookie(CookiePolicy::of(req).session())
        .is_some_and(|cookie| crate::api::Caller::from_session_token(req, cookie.value()).is_ok())
}

/// Whether a path belongs to the portal rather than the API or the service's own probes.
pub fn owns(path: &str) -> bool {
    !(path.starts_with("/api/")
        || path == "/api"
        || matches!(path, "/healthz" | "/readyz" | "/metrics"))
}
