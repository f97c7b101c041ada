//! Publishing calls (the secretariat) and reading them (every signed-in user).
//!
//! A call's terms are what applicants rely on: once published they change only as
//! `changes` allows (before the deadline, never against a submitted application).

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::categories::{first_duplicate, Exploitation, PriorityGroup};
use super::envelope::{envelope_use, EnvelopeUse};
use super::model::{self, CallView, NewCall};
use super::rules::{check_required_documents, check_terms, DURATION_MONTHS};
use crate::db::{Actor, DbConnection, Page, PageRequest, Tx};
use crate::documents::DocumentKind;
use crate::domain::{CallId, Money};
use crate::error::AppError;
use crate::organizations::OrgType;

/// A call as the secretariat asks to publish it.
#[derive(Debug)]
pub struct CallTerms {
    pub title: String,
    pub description: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub envelope: Money,
    pub min_grant: Money,
    pub max_grant: Money,
    pub max_duration_months: i32,
    pub eligible_org_types: Vec<OrgType>,
    pub priority_groups: Vec<PriorityGroup>,
    pub priority_exploitation: Vec<Exploitation>,
    /// Kinds of document every application must carry to be submitted.
    pub required_documents: Vec<DocumentKind>,
}

/// One call with what it has committed (any signed-in user).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CallDetail {
    #[serde(flatten)]
    pub call: CallView,
    /// `committed` (awards approved under the call, the reserve list included) and
    /// `remaining` (the envelope less `committed`): the Board awards within the envelope.
    #[serde(flatten)]
    pub envelope_use: EnvelopeUse,
}

fn no_duplicates<T: PartialEq>(field: &str, items: &[T]) -> Result<(), AppError> {
    match first_duplicate(items) {
        Some(i) => Err(AppError::bad_field(format!("{field}[{i}]"), "listed twice")),
        None => Ok(()),
    }
}

/// Publishes a call for proposals (the secretariat): 8 to 24 months, at least one
/// organisation type, no category listed twice, required documents an application can
/// carry (`rules::check_required_documents`), and terms within the Fund's settings.
pub fn publish_call(tx: &mut Tx, terms: CallTerms) -> Result<CallDetail, AppError> {
    if !DURATION_MONTHS.contains(&terms.max_duration_months) {
        return Err(AppError::bad_field(
            "max_duration_months",
            "must be between 8 and 24",
        ));
    }
    if terms.eligible_org_types.is_empty() {
        return Err(AppError::bad_field(
            "eligible_org_types",
            "name at least one organisation type",
        ));
    }
    no_duplicates("eligible_org_types", &terms.eligible_org_types)?;
    no_duplicates("priority_groups", &terms.priority_groups)?;
    no_duplicates("priority_exploitation", &terms.priority_exploitation)?;
    check_required_documents(&terms.required_documents)?;
    let ceiling = crate::fund::load(tx.conn())?.settings.max_grant;
    check_terms(
        crate::db::to_utc(tx.now()),
        terms.opens_at,
        terms.closes_at,
        terms.envelope,
        terms.min_grant,
        terms.max_grant,
        ceiling,
    )?;
    // Stored to the microsecond (PostgreSQL's precision), so what is answered now is what
    // is read back later on both backends.
    let call = model::create(
        tx,
        NewCall {
            title: terms.title,
            description: terms.description,
            opens_at: terms.opens_at.naive_utc().trunc_subsecs(6),
            closes_at: terms.closes_at.naive_utc().trunc_subsecs(6),
            envelope: terms.envelope,
            min_grant: terms.min_grant,
            max_grant: terms.max_grant,
            max_duration_months: terms.max_duration_months,
            eligible_org_types: terms.eligible_org_types,
            priority_groups: terms.priority_groups,
            priority_exploitation: terms.priority_exploitation,
            required_documents: terms.required_documents,
        },
    )?;
    Ok(CallDetail {
        call: CallView::new(&call, tx.now()),
        envelope_use: EnvelopeUse::untouched(call.envelope),
    })
}

/// Which calls to list.
#[derive(Debug)]
pub struct CallFilter {
    /// Only calls open now.
    pub open_only: bool,
    pub page: PageRequest,
}

/// Calls, newest first (every signed-in user).
pub fn list_calls(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: CallFilter,
) -> Result<Page<CallView>, AppError> {
    let at = actor.clock.now();
    let open_at = filter.open_only.then_some(at);
    let page = model::list(conn, open_at, &filter.page)?;
    Ok(page.map(|c| CallView::new(&c, at)))
}

/// One call, with what is committed against its envelope and what is left.
pub fn show_call(
    conn: &mut DbConnection,
    actor: &Actor,
    id: CallId,
) -> Result<CallDetail, AppError> {
    let call = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    let envelope_use = envelope_use(conn, call.id, call.envelope)?;
    Ok(CallDetail {
        call: CallView::new(&call, actor.clock.now()),
        envelope_use,
    })
}
