//! The pages of an organisation's applicants: their home, calls, applications, grants,
//! reports and profile; and the registration of a new organisation.

mod application_form;
mod applications;
mod calls;
mod drafting;
mod forms;
mod grants;
mod home;
mod organization;
mod registration;
mod report_form;
mod reports;

use actix_web::web;

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
    cfg.configure(grants::configure);
    cfg.configure(reports::configure);
    cfg.configure(organization::configure);
    cfg.configure(registration::configure);
}
