//! The pages of a trustee: what waits for their vote, an application with its
//! organisation's dossier, conflicts and votes, the Board and its decisions.

use actix_web::{web, HttpResponse};

use super::failure::PageError;
use super::visitor::Member;
use crate::db::Db;

crate::portal_templates![];

pub fn configure(_cfg: &mut web::ServiceConfig) {}

/// A trustee's home: what waits for their vote.
pub async fn home(member: Member, _db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.page("home.html", minijinja::context! {})
}
