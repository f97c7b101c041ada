//! Moving an application: submission and withdrawal (its organisation's applicants),
//! screening (the secretariat). Each answers the application as its own transaction
//! leaves it.
//!
//! Screening: `start_screening` moves a submitted application to `screening`; `screen`
//! records the result, and on a still-submitted application first records the start
//! itself (two history rows in one transaction), so one call suffices. Its checklist
//! (`checklist.rs`) is checked against the records and kept on the result's history row.

use super::access::{find_visible, visible_to};
use super::checklist::{self, CriterionCheck, Records};
use super::history::{move_to, move_with};
use super::model::{self, Application};
use super::rules::{check_submission, Submission};
use super::state::{check_move, ApplicationState};
use super::view::ApplicationView;
use crate::db::Tx;
use crate::domain::ApplicationId;
use crate::error::AppError;

/// The most reasons one screening result may give.
pub const MAX_SCREENING_REASONS: usize = 50;

/// Runs `work` on an application the actor may see (404 otherwise), then answers it as
/// the same transaction leaves it.
fn act<F>(tx: &mut Tx, id: ApplicationId, work: F) -> Result<ApplicationView, AppError>
where
    F: FnOnce(&mut Tx, &Application) -> Result<(), AppError>,
{
    let actor = tx.actor().clone();
    let app = find_visible(tx.conn(), &actor, id)?;
    work(tx, &app)?;
    visible_to(tx.conn(), &actor, id)
}

/// Submits a draft: checks every rule of the call and of the organisation, then that it
/// carries a current version of each document the call requires (422
/// `documents-missing`, one error per kind missing), and freezes the text (409 for
/// anything but a draft). Nothing is written before every check has passed.
pub fn submit(tx: &mut Tx, id: ApplicationId) -> Result<ApplicationView, AppError> {
    act(tx, id, |tx, app| {
        if app.state != ApplicationState::Draft {
            return Err(AppError::conflict(format!(
                "only drafts can be submitted; this application is {}",
                app.state.as_str()
            )));
        }
        let missing = || {
            AppError::internal(anyhow::anyhow!(
                "application without its call or organisation"
            ))
        };
        let call = crate::calls::find(tx.conn(), app.call_id)?.ok_or_else(missing)?;
        let org =
            crate::organizations::find(tx.conn(), app.organization_id)?.ok_or_else(missing)?;
        let has_sibling =
            model::has_sibling(tx.conn(), app.organization_id, app.call_id, Some(app.id))?;
        if org.state == crate::organizations::OrgState::Verified {
            crate::organizations::check_eligible(&org, tx.now().date())?;
        }
        check_submission(&Submission {
            now: tx.now(),
            call: &call,
            org_state: org.state,
            org_type: org.org_type,
            content: &app.content,
            has_sibling,
        })?;
        crate::documents::require(
            tx.conn(),
            crate::documents::Owner::Application(app.id),
            &call.required_documents,
            "the call asks applications for these documents",
        )?;
        move_to(tx, app.id, ApplicationState::Submitted, None, None)?;
        super::notices::submitted(tx, app.id)
    })
}

/// Withdraws an application before a decision, recording why in its history.
pub fn withdraw(
    tx: &mut Tx,
    id: ApplicationId,
    reason: String,
) -> Result<ApplicationView, AppError> {
    act(tx, id, move |tx, app| {
        move_to(tx, app.id, ApplicationState::Withdrawn, Some(reason), None).map(|_| ())
    })
}

/// Moves a submitted application to screening.
pub fn start_screening(tx: &mut Tx, id: ApplicationId) -> Result<ApplicationView, AppError> {
    act(tx, id, |tx, app| {
        move_to(tx, app.id, ApplicationState::Screening, None, None).map(|_| ())
    })
}

/// The result of screening one application.
#[derive(Debug)]
pub struct Screening {
    pub application: ApplicationId,
    /// `true` passes the application to the Board (voting opens).
    pub eligible: bool,
    /// Why, as the organisation is told; at least one when ineligible, at most
    /// [`MAX_SCREENING_REASONS`].
    pub reasons: Vec<String>,
    /// Every eligibility criterion, met or not (see `checklist.rs` for its rules).
    pub checklist: Vec<CriterionCheck>,
}

/// Records the screening result: eligible → `under_review`, else `ineligible` with its
/// reasons; the organisation hears which. A still-submitted application is moved to
/// screening first. (Voting opening on an eligible one is the Board's business:
/// `voting::screen` calls this and tells the trustees.)
pub fn screen(tx: &mut Tx, screening: Screening) -> Result<ApplicationView, AppError> {
    let (id, eligible, reasons) = (
        screening.application,
        screening.eligible,
        screening.reasons.clone(),
    );
    act(tx, id, move |tx, _| {
        record_screening(tx, screening)?;
        super::notices::screened(tx, id, eligible, &reasons)
    })
}

/// Checks a screening result and records it (its moves, history rows with the checklist,
/// audit events), telling no one: [`screen`] adds the organisation's notice; the demo
/// data set records its screenings through this alone, under the same rules.
pub fn record_screening(tx: &mut Tx, screening: Screening) -> Result<(), AppError> {
    let Screening {
        application,
        eligible,
        reasons,
        checklist: checks,
    } = screening;
    if !eligible && reasons.is_empty() {
        return Err(AppError::bad_field(
            "reasons",
            "say why the application is ineligible",
        ));
    }
    if reasons.len() > MAX_SCREENING_REASONS {
        return Err(AppError::bad_field(
            "reasons",
            format!("at most {MAX_SCREENING_REASONS} reasons"),
        ));
    }
    checklist::check_shape(&checks)?;
    let to = if eligible {
        ApplicationState::UnderReview
    } else {
        ApplicationState::Ineligible
    };
    let app = model::find(tx.conn(), application)?.ok_or(AppError::NotFound)?;
    // The state first: a file that cannot be screened is a 409 whatever its checklist.
    let from = match app.state {
        ApplicationState::Submitted => ApplicationState::Screening,
        state => state,
    };
    check_move(from, to)?;
    let records = records_of(tx, &app)?;
    let entries = checklist::check(eligible, &checks, &records)?;
    if app.state == ApplicationState::Submitted {
        move_to(tx, app.id, ApplicationState::Screening, None, None)?;
    }
    let why = (!reasons.is_empty()).then(|| reasons.join("; "));
    move_with(tx, app.id, to, why, Some(reasons), Some(&entries))?;
    Ok(())
}

/// What the records say of the criteria they decide, for `app`: its organisation and call
/// as they stand, its organisation's dates on the day it was submitted.
fn records_of(tx: &mut Tx, app: &Application) -> Result<Records, AppError> {
    let missing = || {
        AppError::internal(anyhow::anyhow!(
            "application without its call or organisation"
        ))
    };
    let call = crate::calls::find(tx.conn(), app.call_id)?.ok_or_else(missing)?;
    let org = crate::organizations::find(tx.conn(), app.organization_id)?.ok_or_else(missing)?;
    let submitted_on = app.submitted_at.unwrap_or_else(|| tx.now()).date();
    Ok(Records::of(&org, &call, &app.content, submitted_on))
}
