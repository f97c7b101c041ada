//! Applications as stored, and the functions that read and write them.

use anyhow::Context;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::content::Content;
use super::state::ApplicationState;
use crate::calls::{from_json_text, to_json_text};
use crate::db::schema::applications;
use crate::db::{Cursor, DbConnection, Page, PageRequest, Tx};
use crate::domain::{
    ApplicationId, CallId, CountryCode, Currency, Money, OrganizationId, PositiveMoney, ShortText,
    Text, UserId,
};
use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct Application {
    pub id: ApplicationId,
    pub call_id: CallId,
    pub organization_id: OrganizationId,
    pub content: Content,
    pub state: ApplicationState,
    pub screening_reasons: Option<Vec<String>>,
    pub created_by: UserId,
    pub submitted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// An application as stored; also the form a draft is inserted in. The lists (countries,
/// beneficiaries, categories, budget lines) are JSON text, read back through `Content`.
#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = applications)]
pub(super) struct ApplicationRow {
    id: ApplicationId,
    call_id: CallId,
    organization_id: OrganizationId,
    title: String,
    summary: String,
    countries: String,
    beneficiaries: String,
    exploitation: String,
    aid_types: String,
    currency: Currency,
    requested_minor: i64,
    duration_months: i32,
    budget_lines: String,
    state: ApplicationState,
    screening_reasons: Option<String>,
    created_by: UserId,
    submitted_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// The text of a draft, as `PATCH` replaces it.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = applications)]
struct ContentChanges {
    title: String,
    summary: String,
    countries: String,
    beneficiaries: String,
    exploitation: String,
    aid_types: String,
    currency: Currency,
    requested_minor: i64,
    duration_months: i32,
    budget_lines: String,
    updated_at: NaiveDateTime,
}

impl ContentChanges {
    fn of(c: &Content, updated_at: NaiveDateTime) -> Result<ContentChanges, AppError> {
        Ok(ContentChanges {
            title: c.title.as_str().to_string(),
            summary: c.summary.as_str().to_string(),
            countries: to_json_text(&c.countries)?,
            beneficiaries: to_json_text(&c.beneficiaries)?,
            exploitation: to_json_text(&c.exploitation)?,
            aid_types: to_json_text(&c.aid_types)?,
            currency: c.requested.currency(),
            requested_minor: c.requested.to_minor(),
            duration_months: c.duration_months,
            budget_lines: to_json_text(&c.budget_lines)?,
            updated_at,
        })
    }
}

/// A move of the stored state (with what a move may change alongside it).
#[derive(Debug, AsChangeset)]
#[diesel(table_name = applications, treat_none_as_null = true)]
struct StateChange {
    state: ApplicationState,
    screening_reasons: Option<String>,
    submitted_at: Option<NaiveDateTime>,
    updated_at: NaiveDateTime,
}

pub(super) fn from_row(row: ApplicationRow) -> Result<Application, AppError> {
    let id = row.id;
    let content = || -> anyhow::Result<Content> {
        Ok(Content {
            title: ShortText::parse(&row.title)?,
            summary: Text::parse(&row.summary)?,
            countries: from_json_text(&row.countries)?,
            beneficiaries: from_json_text(&row.beneficiaries)?,
            exploitation: from_json_text(&row.exploitation)?,
            aid_types: from_json_text(&row.aid_types)?,
            requested: Money::from_minor(row.requested_minor, row.currency)
                .and_then(PositiveMoney::new)?,
            duration_months: row.duration_months,
            budget_lines: from_json_text(&row.budget_lines)?,
        })
    };
    let content = content()
        .with_context(|| format!("stored application {id}"))
        .map_err(AppError::internal)?;
    let screening_reasons = row
        .screening_reasons
        .as_deref()
        .map(from_json_text)
        .transpose()?;
    Ok(Application {
        id,
        call_id: row.call_id,
        organization_id: row.organization_id,
        content,
        state: row.state,
        screening_reasons,
        created_by: row.created_by,
        submitted_at: row.submitted_at,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

pub fn find(conn: &mut DbConnection, id: ApplicationId) -> Result<Option<Application>, AppError> {
    applications::table
        .find(id)
        .select(ApplicationRow::as_select())
        .get_result(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// Whether the organisation has another application in the call that still counts
/// (anything but withdrawn), other than `except`.
pub fn has_sibling(
    conn: &mut DbConnection,
    organization_id: OrganizationId,
    call_id: CallId,
    except: Option<ApplicationId>,
) -> Result<bool, AppError> {
    // No application has an empty id, so "except none" is "except ''".
    let except = except.map(|id| id.to_string()).unwrap_or_default();
    let count: i64 = applications::table
        .filter(applications::organization_id.eq(organization_id))
        .filter(applications::call_id.eq(call_id))
        .filter(applications::state.ne(ApplicationState::Withdrawn))
        .filter(applications::id.ne(except))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Inserts a draft. The caller records its first transition and audit event.
pub fn insert(
    tx: &mut Tx,
    call_id: CallId,
    organization_id: OrganizationId,
    created_by: UserId,
    content: Content,
) -> Result<Application, AppError> {
    let now = tx.now();
    let changes = ContentChanges::of(&content, now)?;
    let row = ApplicationRow {
        id: ApplicationId::new(),
        call_id,
        organization_id,
        title: changes.title,
        summary: changes.summary,
        countries: changes.countries,
        beneficiaries: changes.beneficiaries,
        exploitation: changes.exploitation,
        aid_types: changes.aid_types,
        currency: changes.currency,
        requested_minor: changes.requested_minor,
        duration_months: changes.duration_months,
        budget_lines: changes.budget_lines,
        state: ApplicationState::Draft,
        screening_reasons: None,
        created_by,
        submitted_at: None,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(applications::table)
        .values(&row)
        .execute(tx.conn())?;
    Ok(Application {
        id: row.id,
        call_id,
        organization_id,
        content,
        state: ApplicationState::Draft,
        screening_reasons: None,
        created_by,
        submitted_at: None,
        created_at: now,
        updated_at: now,
    })
}

/// Replaces the text of a draft.
pub fn update_content(tx: &mut Tx, id: ApplicationId, c: &Content) -> Result<(), AppError> {
    let changes = ContentChanges::of(c, tx.now())?;
    diesel::update(applications::table.find(id))
        .set(&changes)
        .execute(tx.conn())?;
    Ok(())
}

/// Moves the stored state; `history::transition` is the only caller.
pub(super) fn set_state(tx: &mut Tx, app: &Application) -> Result<(), AppError> {
    let change = StateChange {
        state: app.state,
        screening_reasons: app
            .screening_reasons
            .as_ref()
            .map(to_json_text)
            .transpose()?,
        submitted_at: app.submitted_at,
        updated_at: app.updated_at,
    };
    diesel::update(applications::table.find(app.id))
        .set(&change)
        .execute(tx.conn())?;
    Ok(())
}

/// What a list may be narrowed to; the caller's own limits are added by the handler.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub call_id: Option<CallId>,
    pub organization_id: Option<OrganizationId>,
    pub states: Option<Vec<ApplicationState>>,
    pub country: Option<CountryCode>,
}

pub fn list(
    conn: &mut DbConnection,
    filter: Filter,
    page: PageRequest,
) -> Result<Page<Application>, AppError> {
    let mut query = applications::table.into_boxed();
    if let Some(id) = filter.call_id {
        query = query.filter(applications::call_id.eq(id));
    }
    if let Some(id) = filter.organization_id {
        query = query.filter(applications::organization_id.eq(id));
    }
    match filter.states.as_deref() {
        // One state as `=`: on PostgreSQL `= ANY($1)` is not an equality the planner can
        // walk `applications_state` or `applications_call_state` by in date order, so it
        // read every application in that state and sorted them (44 ms a page at 50,000
        // under review, issue 14); with `=` it reads the page's rows from the index.
        Some([state]) => query = query.filter(applications::state.eq(*state)),
        Some(states) => query = query.filter(applications::state.eq_any(states.to_vec())),
        None => {}
    }
    if let Some(country) = filter.country {
        // Countries are stored as a JSON list of two-letter codes, each in quotes, so
        // this pattern matches exactly one code.
        query = query.filter(applications::countries.like(format!("%\"{}\"%", country.code())));
    }
    let rows = crate::newest_first!(query, page, applications::created_at, applications::id)
        .select(ApplicationRow::as_select())
        .load(conn)?;
    Page::from_rows(
        rows,
        page.limit,
        |a| Cursor::new(a.created_at, a.id),
        from_row,
    )
    .try_map(|a| a)
}
