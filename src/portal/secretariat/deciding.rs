//! `POST /secretariat/applications/{id}/decision`: closes the vote with the Board's
//! decision (the API's `voting::decide_application`: the decision rule, the award
//! within the call's envelope and the money available, else the reserve list);
//! `POST …/award`: awards an application from the reserve list
//! (`voting::award_from_reserve_list`: in the order of decision, once the Fund covers it).
//! A refusal (no quorum, a tie, the envelope spent, another waiting first…) is told on
//! the application's page beside the button.

use actix_web::{post, web, HttpResponse};

use super::applications::{application_id, read, render};
use crate::db::{Db, Tx};
use crate::domain::{ApplicationId, Role};
use crate::error::AppError;
use crate::portal::failure::PageError;
use crate::portal::visitor::Member;
use crate::voting::DecisionView;

type Step = fn(&mut Tx, ApplicationId) -> Result<DecisionView, AppError>;

/// Runs one decision step; `field` is where its refusal is told, `done` the notice after.
async fn step(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
    run: Step,
    field: &str,
    done: &str,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = application_id(&member, &path)?;
    // The form carries nothing but its token: what it does is in its address.
    let _: std::collections::BTreeMap<String, String> = member.read_form(&body)?;
    match member.caller.write(&db, move |tx| run(tx, id)).await {
        Ok(_) => Ok(member
            .redirect(&format!("/secretariat/applications/{id}?done={done}"))
            .finish()),
        Err(error) => {
            let errors = super::refusals::told(member.language, &error, field, |_| None)
                .ok_or_else(|| member.failed(error))?;
            let loaded = read(&member, &db, id).await?;
            render(&member, loaded, None, errors, None)
        }
    }
}

/// `POST /secretariat/applications/{id}/decision`.
#[post("/secretariat/applications/{id}/decision")]
pub(super) async fn post_decision(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let run: Step = crate::voting::decide_application;
    step(member, db, path, body, run, "decision", "decided").await
}

/// `POST /secretariat/applications/{id}/award`.
#[post("/secretariat/applications/{id}/award")]
pub(super) async fn post_award(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let run: Step = crate::voting::award_from_reserve_list;
    step(member, db, path, body, run, "award", "awarded").await
}
