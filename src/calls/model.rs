//! Calls as stored, and the functions that read and write them. Applicants rely on a
//! call's terms: they change only before the deadline and only in ways that keep every
//! submitted application within them (`changes`), or the call is cancelled.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::categories::{from_json_text, to_json_text, Exploitation, PriorityGroup};
use crate::audit::Change;
use crate::db::schema::calls;
use crate::db::{stored_money, to_utc, Cursor, DbConnection, Page, PageRequest, Tx};
use crate::documents::DocumentKind;
use crate::domain::{CallId, Currency, Money, UserId};
use crate::error::AppError;
use crate::organizations::OrgType;

#[derive(Debug, Clone)]
pub struct Call {
    pub id: CallId,
    pub title: String,
    pub description: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub envelope: Money,
    pub min_grant: Money,
    pub max_grant: Money,
    pub max_duration_months: i32,
    pub eligible_org_types: Vec<OrgType>,
    pub priority_groups: Vec<PriorityGroup>,
    pub priority_exploitation: Vec<Exploitation>,
    /// The documents an application under the call must carry to be submitted.
    pub required_documents: Vec<DocumentKind>,
    pub created_at: NaiveDateTime,
    /// How many times the call has been changed since publication.
    pub version: i32,
    pub amended_at: Option<NaiveDateTime>,
    /// When the secretariat cancelled the call, and why.
    pub cancelled: Option<(NaiveDateTime, String)>,
}

impl Call {
    /// Open means not cancelled and `opens_at ≤ now < closes_at`.
    pub fn is_open(&self, now: NaiveDateTime) -> bool {
        self.cancelled.is_none() && self.opens_at <= now && now < self.closes_at
    }

    pub fn status(&self, now: NaiveDateTime) -> CallStatus {
        if self.cancelled.is_some() {
            CallStatus::Cancelled
        } else if now < self.opens_at {
            CallStatus::Upcoming
        } else if now < self.closes_at {
            CallStatus::Open
        } else {
            CallStatus::Closed
        }
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CallStatus {
    Upcoming,
    Open,
    Closed,
    /// Cancelled by the secretariat: stored, whatever the call's dates say.
    Cancelled,
}

/// A call as stored: money in minor units of its currency, category lists as JSON text.
#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = calls)]
struct CallRow {
    id: CallId,
    title: String,
    description: String,
    opens_at: NaiveDateTime,
    closes_at: NaiveDateTime,
    currency: Currency,
    envelope_minor: i64,
    min_grant_minor: i64,
    max_grant_minor: i64,
    max_duration_months: i32,
    eligible_org_types: String,
    priority_groups: String,
    priority_exploitation: String,
    created_by: Option<UserId>,
    created_at: NaiveDateTime,
    version: i32,
    amended_at: Option<NaiveDateTime>,
    cancelled_at: Option<NaiveDateTime>,
    cancellation_reason: Option<String>,
    required_documents: String,
}

impl CallRow {
    fn new(call: &Call, created_by: Option<UserId>) -> Result<CallRow, AppError> {
        Ok(CallRow {
            id: call.id,
            title: call.title.clone(),
            description: call.description.clone(),
            opens_at: call.opens_at,
            closes_at: call.closes_at,
            currency: call.envelope.currency(),
            envelope_minor: call.envelope.to_minor(),
            min_grant_minor: call.min_grant.to_minor(),
            max_grant_minor: call.max_grant.to_minor(),
            max_duration_months: call.max_duration_months,
            eligible_org_types: to_json_text(&call.eligible_org_types)?,
            priority_groups: to_json_text(&call.priority_groups)?,
            priority_exploitation: to_json_text(&call.priority_exploitation)?,
            created_by,
            created_at: call.created_at,
            version: call.version,
            amended_at: call.amended_at,
            cancelled_at: call.cancelled.as_ref().map(|(at, _)| *at),
            cancellation_reason: call.cancelled.as_ref().map(|(_, why)| why.clone()),
            required_documents: to_json_text(&call.required_documents)?,
        })
    }

    fn into_call(self) -> Result<Call, AppError> {
        let money = |minor| stored_money(minor, self.currency);
        Ok(Call {
            id: self.id,
            envelope: money(self.envelope_minor)?,
            min_grant: money(self.min_grant_minor)?,
            max_grant: money(self.max_grant_minor)?,
            eligible_org_types: from_json_text(&self.eligible_org_types)?,
            priority_groups: from_json_text(&self.priority_groups)?,
            priority_exploitation: from_json_text(&self.priority_exploitation)?,
            required_documents: from_json_text(&self.required_documents)?,
            title: self.title,
            description: self.description,
            opens_at: self.opens_at,
            closes_at: self.closes_at,
            max_duration_months: self.max_duration_months,
            created_at: self.created_at,
            version: self.version,
            amended_at: self.amended_at,
            cancelled: self.cancelled_at.zip(self.cancellation_reason),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CallView {
    #[schema(value_type = uuid::Uuid)]
    pub id: CallId,
    pub title: String,
    pub description: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// Whether the window is ahead, open or past, at the time of the answer.
    pub status: CallStatus,
    pub envelope: Money,
    pub min_grant: Money,
    pub max_grant: Money,
    pub max_duration_months: i32,
    pub eligible_org_types: Vec<OrgType>,
    pub priority_groups: Vec<PriorityGroup>,
    pub priority_exploitation: Vec<Exploitation>,
    /// The documents an application must carry (a current version of each) before it
    /// can be submitted; empty when the call asks for none.
    pub required_documents: Vec<DocumentKind>,
    pub created_at: DateTime<Utc>,
    /// How many times the call has been changed since publication (0: never).
    pub version: i32,
    /// When it was last changed, if ever.
    pub amended_at: Option<DateTime<Utc>>,
    /// When the secretariat cancelled it, if it did.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Why it was cancelled.
    pub cancellation_reason: Option<String>,
}

impl CallView {
    pub fn new(c: &Call, now: NaiveDateTime) -> CallView {
        CallView {
            id: c.id,
            title: c.title.clone(),
            description: c.description.clone(),
            opens_at: to_utc(c.opens_at),
            closes_at: to_utc(c.closes_at),
            status: c.status(now),
            envelope: c.envelope,
            min_grant: c.min_grant,
            max_grant: c.max_grant,
            max_duration_months: c.max_duration_months,
            eligible_org_types: c.eligible_org_types.clone(),
            priority_groups: c.priority_groups.clone(),
            priority_exploitation: c.priority_exploitation.clone(),
            required_documents: c.required_documents.clone(),
            created_at: to_utc(c.created_at),
            version: c.version,
            amended_at: c.amended_at.map(to_utc),
            cancelled_at: c.cancelled.as_ref().map(|(at, _)| to_utc(*at)),
            cancellation_reason: c.cancelled.as_ref().map(|(_, why)| why.clone()),
        }
    }
}

pub fn find(conn: &mut DbConnection, id: CallId) -> Result<Option<Call>, AppError> {
    calls::table
        .find(id)
        .select(CallRow::as_select())
        .get_result(conn)
        .optional()?
        .map(CallRow::into_call)
        .transpose()
}

/// A page of calls, newest first; with `open_at`, only those open at that instant.
pub fn list(
    conn: &mut DbConnection,
    open_at: Option<NaiveDateTime>,
    request: &PageRequest,
) -> Result<Page<Call>, AppError> {
    let mut query = calls::table.into_boxed();
    if let Some(now) = open_at {
        query = query.filter(
            calls::opens_at
                .le(now)
                .and(calls::closes_at.gt(now))
                .and(calls::cancelled_at.is_null()),
        );
    }
    let rows = crate::newest_first!(query, request, calls::created_at, calls::id)
        .select(CallRow::as_select())
        .load(conn)?
        .into_iter()
        .map(CallRow::into_call)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(
        rows,
        request.limit,
        |c| Cursor::new(c.created_at, c.id),
        |c| c,
    ))
}

/// A call to publish; its terms are already checked (`rules::check_terms`).
pub struct NewCall {
    pub title: String,
    pub description: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub envelope: Money,
    pub min_grant: Money,
    pub max_grant: Money,
    pub max_duration_months: i32,
    pub eligible_org_types: Vec<OrgType>,
    pub priority_groups: Vec<PriorityGroup>,
    pub priority_exploitation: Vec<Exploitation>,
    /// Kinds an application carries (`DocumentKind::fits(OwnerType::Application)`).
    pub required_documents: Vec<DocumentKind>,
}

pub fn create(tx: &mut Tx, new: NewCall) -> Result<Call, AppError> {
    let now = tx.now();
    let call = Call {
        id: CallId::new(),
        title: new.title,
        description: new.description,
        opens_at: new.opens_at,
        closes_at: new.closes_at,
        envelope: new.envelope,
        min_grant: new.min_grant,
        max_grant: new.max_grant,
        max_duration_months: new.max_duration_months,
        eligible_org_types: new.eligible_org_types,
        priority_groups: new.priority_groups,
        priority_exploitation: new.priority_exploitation,
        required_documents: new.required_documents,
        created_at: now,
        version: 0,
        amended_at: None,
        cancelled: None,
    };
    let created_by = tx.actor().user_id;
    diesel::insert_into(calls::table)
        .values(CallRow::new(&call, created_by)?)
        .execute(tx.conn())?;
    tx.audit(Change::created(
        "call",
        call.id,
        json!(CallView::new(&call, now)),
    ))?;
    Ok(call)
}
