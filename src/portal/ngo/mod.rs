//! The pages of an organisation's applicants: their home, calls, applications, grants,
//! reports and profile.

use actix_web::web;

mod forms;
mod grants;
mod home;
mod organization;
mod registration;
mod report_form;
mod reports;

pub use home::home;

crate::portal_templates![
    "ngo_home.html",
    "ngo_grants.html",
    "ngo_grant.html",
    "ngo_report_new.html",
    "ngo_report.html",
    "ngo_organization.html",
    "ngo_organization_edit.html",
    "ngo_register.html",
    "ngo_registered.html",
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(grants::configure);
    cfg.configure(reports::configure);
    cfg.configure(organization::configure);
    cfg.configure(registration::configure);
}
