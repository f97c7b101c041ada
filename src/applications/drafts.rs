//! Drafting: an applicant writes an application for their organisation and edits it
//! until it is submitted.

use serde_json::json;

use super::access::{find_visible, visible_to};
use super::content::{Beneficiaries, BudgetLine, Content};
use super::history::create_draft;
use super::model;
use super::rules::{check_call_accepts_drafts, check_no_sibling};
use super::state::ApplicationState;
use super::view::ApplicationView;
use crate::audit::Change;
use crate::calls::{AidType, Exploitation};
use crate::db::Tx;
use crate::domain::{ApplicationId, CallId, CountryCode, PositiveMoney, ShortText, Text};
use crate::error::AppError;

/// A new draft under a call, for the actor's organisation.
#[derive(Debug)]
pub struct NewApplication {
    pub call_id: CallId,
    pub content: Content,
}

/// Drafts an application for the actor's organisation under a call that has not closed
/// (one per organisation and call); answers it as this transaction leaves it.
pub fn create_application(tx: &mut Tx, new: NewApplication) -> Result<ApplicationView, AppError> {
    // Only someone acting for an organisation drafts for one.
    let org = tx.actor().organization_id.ok_or(AppError::Forbidden)?;
    let author = tx.actor().user_id.ok_or(AppError::Forbidden)?;
    new.content.check_shape()?;
    let call = crate::calls::find(tx.conn(), new.call_id)?
        .ok_or_else(|| AppError::bad_field("call_id", "no such call"))?;
    check_call_accepts_drafts(&call, tx.now())?;
    check_no_sibling(model::has_sibling(tx.conn(), org, new.call_id, None)?)?;
    let id = create_draft(tx, new.call_id, org, author, new.content)?.id;
    let actor = tx.actor().clone();
    visible_to(tx.conn(), &actor, id)
}

/// A change to a draft's text: each `None` leaves that part as it is.
#[derive(Debug, Default)]
pub struct DraftChange {
    pub title: Option<ShortText>,
    pub summary: Option<Text>,
    pub countries: Option<Vec<CountryCode>>,
    pub beneficiaries: Option<Vec<Beneficiaries>>,
    pub exploitation: Option<Vec<Exploitation>>,
    pub aid_types: Option<Vec<AidType>>,
    pub requested: Option<PositiveMoney>,
    pub duration_months: Option<i32>,
    pub budget_lines: Option<Vec<BudgetLine>>,
}

impl DraftChange {
    fn apply(self, mut c: Content) -> Content {
        c.title = self.title.unwrap_or(c.title);
        c.summary = self.summary.unwrap_or(c.summary);
        c.countries = self.countries.unwrap_or(c.countries);
        c.beneficiaries = self.beneficiaries.unwrap_or(c.beneficiaries);
        c.exploitation = self.exploitation.unwrap_or(c.exploitation);
        c.aid_types = self.aid_types.unwrap_or(c.aid_types);
        c.requested = self.requested.unwrap_or(c.requested);
        c.duration_months = self.duration_months.unwrap_or(c.duration_months);
        c.budget_lines = self.budget_lines.unwrap_or(c.budget_lines);
        c
    }
}

/// Edits a draft the actor may see (404 otherwise; 409 once it is no longer a draft),
/// recorded in the audit trail; answers it as this transaction leaves it.
pub fn edit_draft(
    tx: &mut Tx,
    id: ApplicationId,
    change: DraftChange,
) -> Result<ApplicationView, AppError> {
    let actor = tx.actor().clone();
    let before = find_visible(tx.conn(), &actor, id)?;
    if before.state != ApplicationState::Draft {
        return Err(AppError::conflict(format!(
            "only drafts can be edited; this application is {}",
            before.state.as_str()
        )));
    }
    let after = change.apply(before.content.clone());
    after.check_shape()?;
    model::update_content(tx, id, &after)?;
    tx.audit(Change::updated(
        "application",
        id,
        json!(before.content),
        json!(after),
    ))?;
    visible_to(tx.conn(), &actor, id)
}
