//! Calls as stored, and the functions that read and write them. Calls are never edited:
//! once published, applicants rely on their terms.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::categories::{from_json_text, to_json_text, Exploitation, PriorityGroup};
use crate::audit::Change;
use crate::db::schema::calls;
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::{Currency, Money};
use crate::error::AppError;
use crate::http::{Cursor, Page};
use crate::organizations::{stored, OrgType};

#[derive(Debug, Clone)]
pub struct Call {
    pub id: Uuid,
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
    pub created_at: NaiveDateTime,
}

impl Call {
    /// Open means `opens_at ≤ now < closes_at`.
    pub fn is_open(&self, now: NaiveDateTime) -> bool {
        self.opens_at <= now && now < self.closes_at
    }

    pub fn status(&self, now: NaiveDateTime) -> CallStatus {
        if now < self.opens_at {
            CallStatus::Upcoming
        } else if now < self.closes_at {
            CallStatus::Open
        } else {
            CallStatus::Closed
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CallStatus {
    Upcoming,
    Open,
    Closed,
}

type CallRow = (
    String,
    String,
    String,
    NaiveDateTime,
    NaiveDateTime,
    String,
    i64,
    i64,
    i64,
    i32,
    String,
    String,
    String,
    Option<String>,
    NaiveDateTime,
);

fn from_row(row: CallRow) -> Result<Call, AppError> {
    let (
        id,
        title,
        description,
        opens_at,
        closes_at,
        currency,
        envelope,
        min,
        max,
        months,
        types,
        groups,
        exploitation,
        _by,
        created_at,
    ) = row;
    let currency = stored(Currency::parse(&currency))?;
    let money = |minor| stored(Money::from_minor(minor, currency));
    Ok(Call {
        id: stored(Uuid::parse_str(&id))?,
        title,
        description,
        opens_at,
        closes_at,
        envelope: money(envelope)?,
        min_grant: money(min)?,
        max_grant: money(max)?,
        max_duration_months: months,
        eligible_org_types: from_json_text(&types)?,
        priority_groups: from_json_text(&groups)?,
        priority_exploitation: from_json_text(&exploitation)?,
        created_at,
    })
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CallView {
    pub id: Uuid,
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
    pub created_at: DateTime<Utc>,
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
            created_at: to_utc(c.created_at),
        }
    }
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Option<Call>, AppError> {
    calls::table
        .find(id.to_string())
        .first::<CallRow>(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// A page of calls, newest first; with `open_at`, only those open at that instant.
pub fn list(
    conn: &mut DbConnection,
    open_at: Option<NaiveDateTime>,
    limit: i64,
    cursor: Option<Cursor>,
) -> Result<Page<Call>, AppError> {
    let mut query = calls::table.into_boxed();
    if let Some(now) = open_at {
        query = query.filter(calls::opens_at.le(now).and(calls::closes_at.gt(now)));
    }
    if let Some(c) = cursor {
        query = query.filter(
            calls::created_at
                .lt(c.at)
                .or(calls::created_at.eq(c.at).and(calls::id.lt(c.id))),
        );
    }
    let rows = query
        .order((calls::created_at.desc(), calls::id.desc()))
        .limit(limit + 1)
        .load::<CallRow>(conn)?
        .into_iter()
        .map(from_row)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(
        rows,
        limit,
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
}

pub fn create(tx: &mut Tx, new: NewCall) -> Result<Call, AppError> {
    let now = tx.now();
    let call = Call {
        id: Uuid::new_v4(),
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
        created_at: now,
    };
    let created_by = tx.actor().user_id.map(|u| u.to_string());
    diesel::insert_into(calls::table)
        .values((
            calls::id.eq(call.id.to_string()),
            calls::title.eq(&call.title),
            calls::description.eq(&call.description),
            calls::opens_at.eq(call.opens_at),
            calls::closes_at.eq(call.closes_at),
            calls::currency.eq(call.envelope.currency().code()),
            calls::envelope_minor.eq(call.envelope.to_minor()),
            calls::min_grant_minor.eq(call.min_grant.to_minor()),
            calls::max_grant_minor.eq(call.max_grant.to_minor()),
            calls::max_duration_months.eq(call.max_duration_months),
            calls::eligible_org_types.eq(to_json_text(&call.eligible_org_types)?),
            calls::priority_groups.eq(to_json_text(&call.priority_groups)?),
            calls::priority_exploitation.eq(to_json_text(&call.priority_exploitation)?),
            calls::created_by.eq(created_by),
            calls::created_at.eq(now),
        ))
        .execute(tx.conn())?;
    tx.audit(Change::created(
        "call",
        call.id,
        json!(CallView::new(&call, now)),
    ))?;
    Ok(call)
}
