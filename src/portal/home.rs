//! `/`: what needs the signed-in person, by role; anyone else is asked to sign in.

use actix_web::{get, web, HttpResponse};

use super::failure::PageError;
use super::visitor::Member;
use crate::db::Db;
use crate::domain::Role;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(home);
}

#[get("/")]
async fn home(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    match member.caller.role() {
        Role::Applicant => super::ngo::home(member, db).await,
        Role::Trustee => super::trustee::home(member, db).await,
        Role::Secretariat => super::secretariat::home(member, db).await,
        Role::Finance => super::finance::home(member, db).await,
        Role::Auditor => super::oversight::auditor_home(member, db).await,
        Role::Admin => super::oversight::admin_home(member, db).await,
    }
}
