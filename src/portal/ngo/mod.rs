//! The pages of an organisation's applicants: their home, calls, applications, grants,
//! reports and profile.

mod application_form;
mod applications;
mod calls;
mod drafting;

use actix_web::{web, HttpResponse};

use super::failure::PageError;
use super::visitor::Member;
use crate::db::Db;

crate::portal_templates![
    "ngo_calls.html",
    "ngo_call.html",
    "ngo_call_terms.html",
    "ngo_application_form.html",
    "ngo_applications.html",
    "ngo_application.html",
    "ngo_application_text.html",
    "ngo_review.html",
    "ngo_words.html",
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(calls::configure);
    cfg.configure(drafting::configure);
    cfg.configure(applications::configure);
}

/// An applicant's home: what needs them.
pub async fn home(member: Member, _db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.page("home.html", minijinja::context! {})
}
