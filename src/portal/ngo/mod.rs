//! The pages of an organisation's applicants: their home, calls, applications, grants,
//! reports and profile.

use actix_web::{web, HttpResponse};

use super::failure::PageError;
use super::visitor::Member;
use crate::db::Db;

crate::portal_templates![];

pub fn configure(_cfg: &mut web::ServiceConfig) {}

/// An applicant's home: what needs them.
pub async fn home(member: Member, _db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.page("home.html", minijinja::context! {})
}
