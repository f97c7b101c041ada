//! Applications as stored, and the functions that read and write them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use uuid::Uuid;

use super::content::Content;
use super::state::ApplicationState;
use crate::calls::{from_json_text, to_json_text};
use crate::db::schema::applications;
use crate::db::{DbConnection, Tx};
use crate::domain::{CountryCode, Currency, Money, PositiveMoney, ShortText, Text};
use crate::error::AppError;
use crate::http::{Cursor, Page};
use crate::organizations::stored;

#[derive(Debug, Clone)]
pub struct Application {
    pub id: Uuid,
    pub call_id: Uuid,
    pub organization_id: Uuid,
    pub content: Content,
    pub state: ApplicationState,
    pub screening_reasons: Option<Vec<String>>,
    pub created_by: Uuid,
    pub submitted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

type AppRow = (
    (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    ),
    (
        i64,
        i32,
        String,
        String,
        Option<String>,
        String,
        Option<NaiveDateTime>,
        NaiveDateTime,
        NaiveDateTime,
    ),
);

/// The columns in `AppRow`'s order, nested in two tuples of ten and nine.
type Columns = (
    (
        applications::id,
        applications::call_id,
        applications::organization_id,
        applications::title,
        applications::summary,
        applications::countries,
        applications::beneficiaries,
        applications::exploitation,
        applications::aid_types,
        applications::currency,
    ),
    (
        applications::requested_minor,
        applications::duration_months,
        applications::budget_lines,
        applications::state,
        applications::screening_reasons,
        applications::created_by,
        applications::submitted_at,
        applications::created_at,
        applications::updated_at,
    ),
);

const COLUMNS: Columns = (
    (
        applications::id,
        applications::call_id,
        applications::organization_id,
        applications::title,
        applications::summary,
        applications::countries,
        applications::beneficiaries,
        applications::exploitation,
        applications::aid_types,
        applications::currency,
    ),
    (
        applications::requested_minor,
        applications::duration_months,
        applications::budget_lines,
        applications::state,
        applications::screening_reasons,
        applications::created_by,
        applications::submitted_at,
        applications::created_at,
        applications::updated_at,
    ),
);

fn from_row(row: AppRow) -> Result<Application, AppError> {
    let (
        (
            id,
            call_id,
            org_id,
            title,
            summary,
            countries,
            beneficiaries,
            exploitation,
            aid_types,
            currency,
        ),
        rest,
    ) = row;
    let (
        requested,
        duration_months,
        budget_lines,
        state,
        reasons,
        created_by,
        submitted_at,
        created_at,
        updated_at,
    ) = rest;
    let currency = stored(Currency::parse(&currency))?;
    let requested = stored(Money::from_minor(requested, currency).and_then(PositiveMoney::new))?;
    Ok(Application {
        id: stored(Uuid::parse_str(&id))?,
        call_id: stored(Uuid::parse_str(&call_id))?,
        organization_id: stored(Uuid::parse_str(&org_id))?,
        content: Content {
            title: stored(ShortText::parse(&title))?,
            summary: stored(Text::parse(&summary))?,
            countries: from_json_text(&countries)?,
            beneficiaries: from_json_text(&beneficiaries)?,
            exploitation: from_json_text(&exploitation)?,
            aid_types: from_json_text(&aid_types)?,
            requested,
            duration_months,
            budget_lines: from_json_text(&budget_lines)?,
        },
        state: ApplicationState::parse_stored(&state)?,
        screening_reasons: reasons.as_deref().map(from_json_text).transpose()?,
        created_by: stored(Uuid::parse_str(&created_by))?,
        submitted_at,
        created_at,
        updated_at,
    })
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Option<Application>, AppError> {
    applications::table
        .find(id.to_string())
        .select(COLUMNS)
        .first::<AppRow>(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// Whether the organisation has another application in the call that still counts
/// (anything but withdrawn), other than `except`.
pub fn has_sibling(
    conn: &mut DbConnection,
    organization_id: Uuid,
    call_id: Uuid,
    except: Option<Uuid>,
) -> Result<bool, AppError> {
    let mut query = applications::table
        .filter(applications::organization_id.eq(organization_id.to_string()))
        .filter(applications::call_id.eq(call_id.to_string()))
        .filter(applications::state.ne(ApplicationState::Withdrawn.as_str()))
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(applications::id.ne(id.to_string()));
    }
    Ok(query.count().get_result::<i64>(conn)? > 0)
}

/// Inserts a draft. The caller records its first transition and audit event.
pub fn insert(
    tx: &mut Tx,
    call_id: Uuid,
    organization_id: Uuid,
    created_by: Uuid,
    content: Content,
) -> Result<Application, AppError> {
    let now = tx.now();
    let app = Application {
        id: Uuid::new_v4(),
        call_id,
        organization_id,
        content,
        state: ApplicationState::Draft,
        screening_reasons: None,
        created_by,
        submitted_at: None,
        created_at: now,
        updated_at: now,
    };
    let c = &app.content;
    diesel::insert_into(applications::table)
        .values((
            (
                applications::id.eq(app.id.to_string()),
                applications::call_id.eq(call_id.to_string()),
                applications::organization_id.eq(organization_id.to_string()),
                applications::title.eq(c.title.as_str()),
                applications::summary.eq(c.summary.as_str()),
                applications::countries.eq(to_json_text(&c.countries)?),
                applications::beneficiaries.eq(to_json_text(&c.beneficiaries)?),
                applications::exploitation.eq(to_json_text(&c.exploitation)?),
                applications::aid_types.eq(to_json_text(&c.aid_types)?),
                applications::currency.eq(c.requested.currency().code()),
            ),
            (
                applications::requested_minor.eq(c.requested.to_minor()),
                applications::duration_months.eq(c.duration_months),
                applications::budget_lines.eq(to_json_text(&c.budget_lines)?),
                applications::state.eq(app.state.as_str()),
                applications::created_by.eq(created_by.to_string()),
                applications::created_at.eq(now),
                applications::updated_at.eq(now),
            ),
        ))
        .execute(tx.conn())?;
    Ok(app)
}

/// Replaces the text of a draft.
pub fn update_content(tx: &mut Tx, id: Uuid, c: &Content) -> Result<(), AppError> {
    let now = tx.now();
    diesel::update(applications::table.find(id.to_string()))
        .set((
            applications::title.eq(c.title.as_str()),
            applications::summary.eq(c.summary.as_str()),
            applications::countries.eq(to_json_text(&c.countries)?),
            applications::beneficiaries.eq(to_json_text(&c.beneficiaries)?),
            applications::exploitation.eq(to_json_text(&c.exploitation)?),
            applications::aid_types.eq(to_json_text(&c.aid_types)?),
            applications::currency.eq(c.requested.currency().code()),
            applications::requested_minor.eq(c.requested.to_minor()),
            applications::duration_months.eq(c.duration_months),
            applications::budget_lines.eq(to_json_text(&c.budget_lines)?),
            applications::updated_at.eq(now),
        ))
        .execute(tx.conn())?;
    Ok(())
}

/// Moves the stored state; `history::transition` is the only caller.
pub(super) fn set_state(tx: &mut Tx, app: &Application) -> Result<(), AppError> {
    let reasons = app
        .screening_reasons
        .as_ref()
        .map(to_json_text)
        .transpose()?;
    diesel::update(applications::table.find(app.id.to_string()))
        .set((
            applications::state.eq(app.state.as_str()),
            applications::screening_reasons.eq(reasons),
            applications::submitted_at.eq(app.submitted_at),
            applications::updated_at.eq(app.updated_at),
        ))
        .execute(tx.conn())?;
    Ok(())
}

/// What a list may be narrowed to; the caller's own limits are added by the handler.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub call_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    pub states: Option<Vec<ApplicationState>>,
    pub country: Option<CountryCode>,
}

pub fn list(
    conn: &mut DbConnection,
    filter: Filter,
    limit: i64,
    cursor: Option<Cursor>,
) -> Result<Page<Application>, AppError> {
    let mut query = applications::table.select(COLUMNS).into_boxed();
    if let Some(id) = filter.call_id {
        query = query.filter(applications::call_id.eq(id.to_string()));
    }
    if let Some(id) = filter.organization_id {
        query = query.filter(applications::organization_id.eq(id.to_string()));
    }
    if let Some(states) = filter.states {
        query = query.filter(applications::state.eq_any(states.into_iter().map(|s| s.as_str())));
    }
    if let Some(country) = filter.country {
        // Countries are stored as a JSON list of two-letter codes, each in quotes, so
        // this pattern matches exactly one code.
        query = query.filter(applications::countries.like(format!("%\"{}\"%", country.code())));
    }
    if let Some(c) = cursor {
        query = query.filter(
            applications::created_at
                .lt(c.at)
                .or(applications::created_at
                    .eq(c.at)
                    .and(applications::id.lt(c.id))),
        );
    }
    let rows = query
        .order((applications::created_at.desc(), applications::id.desc()))
        .limit(limit + 1)
        .load::<AppRow>(conn)?
        .into_iter()
        .map(from_row)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(
        rows,
        limit,
        |a| Cursor::new(a.created_at, a.id),
        |a| a,
    ))
}
