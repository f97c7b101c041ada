//! Moving an application between states: the one function every move goes through, which
//! checks the state machine and records the move (who, when, from, to, why) both in the
//! application's history and in the audit trail.

use anyhow::Context;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::checklist::ChecklistEntry;
use super::content::Content;
use super::model::{self, Application};
use super::state::{check_move, ApplicationState};
use super::view::ApplicationView;
use crate::audit::Change;
use crate::db::schema::application_transitions as t;
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::{ApplicationId, CallId, OrganizationId, UserId};
use crate::error::AppError;

/// One recorded move. `from` is absent for the creation of the draft.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TransitionView {
    pub from: Option<ApplicationState>,
    pub to: ApplicationState,
    #[schema(value_type = Option<uuid::Uuid>)]
    pub actor_id: Option<UserId>,
    pub actor_role: Option<String>,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
    /// A screening result's checklist: each criterion, the secretariat's finding and what
    /// the records showed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checklist: Option<Vec<ChecklistEntry>>,
}

/// Creates a draft with its first history row and its audit event. The caller has
/// checked that the call accepts drafts and that the organisation has none there yet.
pub fn create_draft(
    tx: &mut Tx,
    call_id: CallId,
    organization_id: OrganizationId,
    author: UserId,
    content: Content,
) -> Result<ApplicationView, AppError> {
    let app = model::insert(tx, call_id, organization_id, author, content)?;
    record(tx, app.id, None, ApplicationState::Draft, None, None)?;
    let id = app.id;
    let view = ApplicationView::new(app, history(tx.conn(), id)?);
    tx.audit(Change::created("application", view.id, json!(view)))?;
    Ok(view)
}

/// Appends a row to the history (no state check: `move_to` and creation call it).
pub(super) fn record(
    tx: &mut Tx,
    id: ApplicationId,
    from: Option<ApplicationState>,
    to: ApplicationState,
    reason: Option<&str>,
    checklist: Option<&[ChecklistEntry]>,
) -> Result<(), AppError> {
    let seq: i64 = t::table
        .filter(t::application_id.eq(id))
        .count()
        .get_result(tx.conn())?;
    let actor = tx.actor().clone();
    let row = TransitionRow {
        id: Uuid::new_v4().to_string(),
        application_id: id,
        from_state: from,
        to_state: to,
        actor_id: actor.user_id,
        actor_role: Some(actor.acting_as.as_str().to_string()),
        reason: reason.map(str::to_string),
        occurred_at: tx.now(),
        seq: i32::try_from(seq + 1)
            .context("an application with more than i32::MAX moves")
            .map_err(AppError::internal)?,
        checklist: checklist
            .map(|c| crate::calls::to_json_text(&c))
            .transpose()?,
    };
    diesel::insert_into(t::table)
        .values(&row)
        .execute(tx.conn())?;
    Ok(())
}

/// One move as stored; also the form it is inserted in.
#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
struct TransitionRow {
    id: String,
    application_id: ApplicationId,
    from_state: Option<ApplicationState>,
    to_state: ApplicationState,
    actor_id: Option<UserId>,
    actor_role: Option<String>,
    reason: Option<String>,
    occurred_at: NaiveDateTime,
    seq: i32,
    checklist: Option<String>,
}

pub fn history(
    conn: &mut DbConnection,
    id: ApplicationId,
) -> Result<Vec<TransitionView>, AppError> {
    let rows = t::table
        .filter(t::application_id.eq(id))
        .order(t::seq.asc())
        .select(TransitionRow::as_select())
        .load(conn)?;
    rows.into_iter().map(TransitionRow::view).collect()
}

/// The application and its moves, oldest first, in one statement: on PostgreSQL each
/// statement is a round trip, and reading one application is the commonest read there is.
/// The application's columns come back on each move's row; only the first becomes an
/// `Application`.
pub(super) fn find_with_history(
    conn: &mut DbConnection,
    id: ApplicationId,
) -> Result<Option<(Application, Vec<TransitionView>)>, AppError> {
    use crate::db::schema::applications;
    let rows: Vec<(model::ApplicationRow, Option<TransitionRow>)> = applications::table
        .left_join(t::table.on(t::application_id.eq(applications::id)))
        .filter(applications::id.eq(id))
        .order(t::seq.asc())
        .select((
            model::ApplicationRow::as_select(),
            Option::<TransitionRow>::as_select(),
        ))
        .load(conn)?;
    let mut rows = rows.into_iter();
    let Some((application, first)) = rows.next() else {
        return Ok(None);
    };
    let history = first
        .into_iter()
        .chain(rows.filter_map(|(_, moved)| moved))
        .map(TransitionRow::view)
        .collect::<Result<_, _>>()?;
    Ok(Some((model::from_row(application)?, history)))
}

impl TransitionRow {
    fn view(self) -> Result<TransitionView, AppError> {
        Ok(TransitionView {
            from: self.from_state,
            to: self.to_state,
            actor_id: self.actor_id,
            actor_role: self.actor_role,
            reason: self.reason,
            at: to_utc(self.occurred_at),
            checklist: self
                .checklist
                .as_deref()
                .map(crate::calls::from_json_text)
                .transpose()?,
        })
    }
}

/// Moves the application to `to` if the state machine allows it (409 otherwise), with
/// its history row and audit event. `screening_reasons` is stored with a screening result.
/// The move (from, to) is a field of its span, so every decision on a file is traced.
#[tracing::instrument(name = "application.move", skip_all, fields(
    application = %id,
    to = to.as_str(),
    from = tracing::field::Empty,
))]
pub fn move_to(
    tx: &mut Tx,
    id: ApplicationId,
    to: ApplicationState,
    reason: Option<String>,
    screening_reasons: Option<Vec<String>>,
) -> Result<Application, AppError> {
    move_with(tx, id, to, reason, screening_reasons, None)
}

/// [`move_to`] recording a screening result's checklist in the history row and the
/// audit event.
pub(super) fn move_with(
    tx: &mut Tx,
    id: ApplicationId,
    to: ApplicationState,
    reason: Option<String>,
    screening_reasons: Option<Vec<String>>,
    checklist: Option<&[ChecklistEntry]>,
) -> Result<Application, AppError> {
    let before = model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    tracing::Span::current().record("from", before.state.as_str());
    check_move(before.state, to)?;
    let mut after = before.clone();
    after.state = to;
    after.updated_at = tx.now();
    if to == ApplicationState::Submitted {
        after.submitted_at = Some(tx.now());
    }
    if screening_reasons.is_some() {
        after.screening_reasons = screening_reasons;
    }
    model::set_state(tx, &after)?;
    record(tx, id, Some(before.state), to, reason.as_deref(), checklist)?;
    let mut after_json = json!({"state": to, "screening_reasons": after.screening_reasons});
    if let Some(checklist) = checklist {
        after_json["checklist"] = json!(checklist);
    }
    tx.audit(Change::new(
        format!("application.{}", to.as_str()),
        "application",
        id,
        json!({
            "before": {"state": before.state},
            "after": after_json,
            "reason": reason,
        }),
    ))?;
    Ok(after)
}

/// For other features (voting): moves an application, checking the state machine (409 if
/// the move is not allowed) and recording history and audit event.
pub fn transition(
    tx: &mut Tx,
    id: ApplicationId,
    to: ApplicationState,
    reason: Option<String>,
) -> Result<(), AppError> {
    move_to(tx, id, to, reason, None).map(|_| ())
}
