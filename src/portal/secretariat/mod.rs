//! The pages of the Fund's secretariat: what waits for it, organisations to verify,
//! applications to screen, votes to close with the Board's decision and the reserve
//! list to award from. Every change is the API's use case, called once.
//!
//! Its pages live under `/secretariat/…`: `/applications` is an organisation's own list,
//! and one path for two roles would make each page a switch on who is looking.
//!
//! - [`home`]: `/` for the secretariat, the four queues (organisations awaiting
//!   verification, applications awaiting screening, votes that can be decided, the
//!   reserve list in order with the money available).
//! - [`organizations`]: the list (by state) and one organisation with its profile and
//!   documents, and the verify / refuse form.
//! - [`applications`]: the list (by state) and one application with its text, budget,
//!   documents, votes and decision.
//! - [`screening`]: the eligibility checklist's form and its post.
//! - [`deciding`]: recording the Board's decision and awarding from the reserve list.
//! - [`refusals`]: a use case's refusal told beside the field it is about.

mod agreements;
mod amendments;
mod applications;
mod board;
mod calls;
mod deciding;
mod grants;
mod home;
mod organizations;
mod refusals;
mod reviews;
mod screening;
mod settings;

use crate::portal::formats::Country;
use actix_web::web;

pub use home::home;

crate::portal_templates![
    "secretariat_home.html",
    "secretariat_organizations.html",
    "secretariat_organization.html",
    "secretariat_applications.html",
    "secretariat_application.html",
    "secretariat_rows.html",
    "secretariat_reserve.html",
    "secretariat_calls.html",
    "secretariat_call_new.html",
    "secretariat_call.html",
    "secretariat_board.html",
    "secretariat_settings.html",
    "secretariat_grants.html",
    "secretariat_grant.html",
    "secretariat_grant_parts.html",
    "secretariat_agreement.html",
    "secretariat_review.html",
    "secretariat_grant_amend.html",
    "secretariat_grant_cancel.html",
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(organizations::list_page)
        .service(organizations::organization_page)
        .service(organizations::post_verification)
        .service(applications::list_page)
        .service(applications::application_page)
        .service(screening::post_screening)
        .service(deciding::post_decision)
        .service(deciding::post_award)
        .service(calls::list_page)
        .service(calls::new_page)
        .service(calls::post_call)
        .service(calls::call_page)
        .service(calls::post_amendment)
        .service(calls::post_cancellation)
        .service(calls::back_to_call)
        .service(board::board_page)
        .service(board::post_appointment)
        .service(board::post_end)
        .service(board::post_chair)
        .service(board::back_to_board)
        .service(settings::settings_page)
        .service(settings::post_settings)
        .configure(grants::configure)
        .service(back_to_record);
}

/// `GET` on where a form posts: where a refused form's page stands (its language links
/// come back here); the record's page is what to show.
#[actix_web::get(
    "/secretariat/{kind:organizations|applications}/{id}/{form:verification|screening|decision|award}"
)]
async fn back_to_record(
    member: crate::portal::Member,
    path: web::Path<(String, String, String)>,
) -> Result<actix_web::HttpResponse, crate::portal::PageError> {
    member.require(&[crate::domain::Role::Secretariat])?;
    let (kind, id, _) = path.into_inner();
    let id: uuid::Uuid = id
        .parse()
        .map_err(|_| member.failed(crate::error::AppError::NotFound))?;
    Ok(member
        .redirect(&format!("/secretariat/{kind}/{id}"))
        .finish())
}

/// A list page's query: which state, and the `cursor` of its next page.
#[derive(Debug, serde::Deserialize)]
struct ListQuery {
    state: Option<String>,
    cursor: Option<String>,
}

/// `?done=…` after a change: which notice the page shows.
#[derive(Debug, serde::Deserialize)]
struct Done {
    done: Option<String>,
}
