//! Changing a published call: the secretariat may, before the deadline, extend it or
//! correct the call's texts and amounts, as long as every application already submitted
//! stays within the new terms; or cancel the call (`crate::applications::cancel_call`,
//! which withdraws its applications, marks it here).
//!
//! Why these limits: organisations plan their work on a call's deadline and write their
//! proposals to its terms. Bringing the deadline forward would cut short those still
//! drafting; lowering `max_grant` (or raising `min_grant`, or dropping an organisation
//! type) would make a proposal already submitted ineligible through no act of its own.
//! After the deadline the terms are what every applicant answered, so they stand.
//! `opens_at`, the duration and the priorities are left out: the window has been
//! announced, and the duration and priorities are what proposals were written against.
//! The documents required may change either way: they are asked for at submission, so a
//! new one binds the drafts still to be submitted and never an application already in.
//!
//! **Two changes at once.** The call row carries its `version`; a change moves it from n
//! to n + 1 in an UPDATE that names n, so of two changes read at the same version the
//! second gets 409 instead of silently undoing the first.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use serde_json::{json, Map, Value};

use super::envelope::{committed_under, envelope_use};
use super::model::{self, Call, CallView};
use super::publishing::CallDetail;
use super::rules::{check_not_cancelled, check_required_documents, check_terms};
use crate::audit::Change;
use crate::db::schema::{applications, calls, organizations};
use crate::db::{to_utc, DbConnection, Tx};
use crate::documents::DocumentKind;
use crate::domain::{CallId, Money};
use crate::error::{AppError, Rule};
use crate::organizations::OrgType;

/// Application states whose proposal was submitted and still stands: a change of terms
/// must keep each of them eligible.
const SUBMITTED: [&str; 5] = [
    "submitted",
    "screening",
    "under_review",
    "reserve_list",
    "approved",
];

/// What the secretariat asks to change; each `None` leaves that term as it is.
#[derive(Debug, Default)]
pub struct CallChange {
    pub title: Option<String>,
    pub description: Option<String>,
    pub closes_at: Option<DateTime<Utc>>,
    pub envelope: Option<Money>,
    pub min_grant: Option<Money>,
    pub max_grant: Option<Money>,
    pub eligible_org_types: Option<Vec<OrgType>>,
    /// The whole new list of kinds an application must carry to be submitted.
    pub required_documents: Option<Vec<DocumentKind>>,
}

impl CallChange {
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.description.is_none()
            && self.closes_at.is_none()
            && self.envelope.is_none()
            && self.min_grant.is_none()
            && self.max_grant.is_none()
            && self.eligible_org_types.is_none()
            && self.required_documents.is_none()
    }
}

/// The call with `change` applied; and, per changed term, its value before and after.
fn apply(before: &Call, change: CallChange) -> (Call, Map<String, Value>, Map<String, Value>) {
    let mut after = before.clone();
    let (mut was, mut now) = (Map::new(), Map::new());
    let mut note = |field: &str, old: Value, new: Value| {
        if old != new {
            was.insert(field.to_string(), old);
            now.insert(field.to_string(), new);
        }
    };
    if let Some(title) = change.title {
        note("title", json!(before.title), json!(title));
        after.title = title;
    }
    if let Some(description) = change.description {
        note("description", json!(before.description), json!(description));
        after.description = description;
    }
    if let Some(closes_at) = change.closes_at {
        // Stored to the microsecond, as at publication.
        let closes_at = closes_at.naive_utc().trunc_subsecs(6);
        note(
            "closes_at",
            json!(to_utc(before.closes_at)),
            json!(to_utc(closes_at)),
        );
        after.closes_at = closes_at;
    }
    if let Some(envelope) = change.envelope {
        note("envelope", json!(before.envelope), json!(envelope));
        after.envelope = envelope;
    }
    if let Some(min_grant) = change.min_grant {
        note("min_grant", json!(before.min_grant), json!(min_grant));
        after.min_grant = min_grant;
    }
    if let Some(max_grant) = change.max_grant {
        note("max_grant", json!(before.max_grant), json!(max_grant));
        after.max_grant = max_grant;
    }
    if let Some(types) = change.eligible_org_types {
        note(
            "eligible_org_types",
            json!(before.eligible_org_types),
            json!(types),
        );
        after.eligible_org_types = types;
    }
    if let Some(kinds) = change.required_documents {
        note(
            "required_documents",
            json!(before.required_documents),
            json!(kinds),
        );
        after.required_documents = kinds;
    }
    (after, was, now)
}

/// Changes a call before its deadline (the secretariat). 404 unknown; 400 for an empty
/// change or malformed terms; 422 `call-cancelled`, `call-closed` (the deadline has
/// passed), `deadline-shortened`, `excludes-submitted-application`,
/// `envelope-below-committed`, `fund-max-grant`, `document-kind` (a required document no
/// application carries); 409 when another change got there first.
/// A change that changes nothing writes nothing.
pub fn amend_call(tx: &mut Tx, id: CallId, change: CallChange) -> Result<CallDetail, AppError> {
    if change.is_empty() {
        return Err(AppError::bad_field(
            "body",
            "name at least one term to change: title, description, closes_at, envelope, \
             min_grant, max_grant, eligible_org_types or required_documents",
        ));
    }
    let before = model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    check_not_cancelled(&before)?;
    let now = tx.now();
    if now >= before.closes_at {
        return Err(AppError::rule(
            Rule::CallClosed,
            format!(
                "the call closed at {}: its terms are what every applicant answered, so they \
                 stand",
                to_utc(before.closes_at)
            ),
        ));
    }
    if let Some(types) = &change.eligible_org_types {
        if types.is_empty() {
            return Err(AppError::bad_field(
                "eligible_org_types",
                "name at least one organisation type",
            ));
        }
        if let Some(i) = super::first_duplicate(types) {
            return Err(AppError::bad_field(
                format!("eligible_org_types[{i}]"),
                "listed twice",
            ));
        }
    }
    if let Some(kinds) = &change.required_documents {
        check_required_documents(kinds)?;
    }
    let (after, was, became) = apply(&before, change);
    if after.closes_at < before.closes_at {
        return Err(AppError::rule_on_field(
            Rule::DeadlineShortened,
            "closes_at",
            format!(
                "the deadline is {}; it may be extended, never brought forward: \
                 organisations plan their proposals on it",
                to_utc(before.closes_at)
            ),
        ));
    }
    let ceiling = crate::fund::load(tx.conn())?.settings.max_grant;
    check_terms(
        to_utc(now),
        to_utc(after.opens_at),
        to_utc(after.closes_at),
        after.envelope,
        after.min_grant,
        after.max_grant,
        ceiling,
    )?;
    keeps_submitted(tx.conn(), &after)?;
    let committed = committed_under(tx.conn(), id, after.envelope.currency(), None)?;
    if after.envelope < committed {
        return Err(AppError::rule_on_field(
            Rule::EnvelopeBelowCommitted,
            "envelope",
            format!("{committed} is already awarded under this call"),
        ));
    }
    if became.is_empty() {
        return detail(tx.conn(), &before, now);
    }
    let mut after = after;
    after.version = claim_version(tx.conn(), &before)?;
    after.amended_at = Some(now);
    store_terms(tx.conn(), &after)?;
    tx.audit(Change::new(
        "call.amended",
        "call",
        id,
        json!({"version": after.version, "before": was, "after": became}),
    ))?;
    super::notices::amended(tx, &after, &was, &became)?;
    detail(tx.conn(), &after, now)
}

/// Marks the call cancelled, with its audit event (the withdrawals and mail are the
/// applications feature's, in the same transaction). 404 unknown; 422 `call-cancelled`.
pub fn mark_cancelled(tx: &mut Tx, id: CallId, reason: &str) -> Result<Call, AppError> {
    let before = model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    check_not_cancelled(&before)?;
    let now = tx.now();
    let mut after = before.clone();
    after.version = claim_version(tx.conn(), &before)?;
    after.cancelled = Some((now, reason.to_string()));
    diesel::update(calls::table.find(id))
        .set((
            calls::cancelled_at.eq(now),
            calls::cancellation_reason.eq(reason),
        ))
        .execute(tx.conn())?;
    tx.audit(Change::new(
        "call.cancelled",
        "call",
        id,
        json!({
            "version": after.version,
            "before": {"status": before.status(now)},
            "after": {"status": after.status(now)},
            "reason": reason,
        }),
    ))?;
    Ok(after)
}

/// Refuses terms that would leave a submitted application outside them.
fn keeps_submitted(conn: &mut DbConnection, call: &Call) -> Result<(), AppError> {
    let submitted: Vec<(i64, String, OrgType)> = applications::table
        .inner_join(organizations::table.on(organizations::id.eq(applications::organization_id)))
        .filter(applications::call_id.eq(call.id))
        .filter(applications::state.eq_any(SUBMITTED))
        .select((
            applications::requested_minor,
            applications::currency,
            organizations::org_type,
        ))
        .load(conn)?;
    let currency = call.max_grant.currency();
    let refuse = |field: &str, detail: String| {
        Err(AppError::rule_on_field(
            Rule::ExcludesSubmittedApplication,
            field,
            detail,
        ))
    };
    for (minor, stored_currency, org_type) in submitted {
        if stored_currency == currency.code() {
            let asked = crate::db::stored_money(minor, currency)?;
            if asked > call.max_grant {
                return refuse(
                    "max_grant",
                    format!("a submitted application asks for {asked}"),
                );
            }
            if asked < call.min_grant {
                return refuse(
                    "min_grant",
                    format!("a submitted application asks for {asked}"),
                );
            }
        }
        if !call.eligible_org_types.contains(&org_type) {
            return refuse(
                "eligible_org_types",
                format!(
                    "a {} organisation has submitted an application under this call",
                    org_type.as_str()
                ),
            );
        }
    }
    Ok(())
}

/// Moves the call's version from n to n + 1, naming n: 409 if another change took it.
fn claim_version(conn: &mut DbConnection, call: &Call) -> Result<i32, AppError> {
    let next = call
        .version
        .checked_add(1)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("call version overflows")))?;
    let moved = diesel::update(
        calls::table
            .find(call.id)
            .filter(calls::version.eq(call.version)),
    )
    .set(calls::version.eq(next))
    .execute(conn)?;
    if moved != 1 {
        return Err(AppError::conflict(format!(
            "the call was changed meanwhile (version {next} is taken): read it again and \
             change what it now says"
        )));
    }
    Ok(next)
}

fn store_terms(conn: &mut DbConnection, call: &Call) -> Result<(), AppError> {
    diesel::update(calls::table.find(call.id))
        .set((
            calls::title.eq(&call.title),
            calls::description.eq(&call.description),
            calls::closes_at.eq(call.closes_at),
            calls::envelope_minor.eq(call.envelope.to_minor()),
            calls::min_grant_minor.eq(call.min_grant.to_minor()),
            calls::max_grant_minor.eq(call.max_grant.to_minor()),
            calls::eligible_org_types.eq(super::to_json_text(&call.eligible_org_types)?),
            calls::required_documents.eq(super::to_json_text(&call.required_documents)?),
            calls::amended_at.eq(call.amended_at),
        ))
        .execute(conn)?;
    Ok(())
}

fn detail(
    conn: &mut DbConnection,
    call: &Call,
    now: NaiveDateTime,
) -> Result<CallDetail, AppError> {
    Ok(CallDetail {
        call: CallView::new(call, now),
        envelope_use: envelope_use(conn, call.id, call.envelope)?,
    })
}
