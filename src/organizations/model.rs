//! Organisations as stored, and the functions that read and write them.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::kind::{OrgState, OrgType};
use crate::audit::Change;
use crate::db::schema::organizations;
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::CountryCode;
use crate::error::AppError;
use crate::http::{Cursor, Page};

#[derive(Debug, Clone)]
pub struct Organization {
    pub id: Uuid,
    pub legal_name: String,
    pub org_type: OrgType,
    pub country: CountryCode,
    pub registered_on: NaiveDate,
    pub unpp_id: String,
    pub bank_account_holder: String,
    pub contact_email: String,
    pub state: OrgState,
    pub state_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

type OrgRow = (
    String,
    String,
    String,
    String,
    NaiveDate,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<NaiveDateTime>,
    NaiveDateTime,
    NaiveDateTime,
);

pub(crate) fn stored<T, E: std::fmt::Display>(r: Result<T, E>) -> Result<T, AppError> {
    r.map_err(|e| AppError::internal(anyhow::anyhow!("bad value stored: {e}")))
}

fn from_row(row: OrgRow) -> Result<Organization, AppError> {
    let (
        id,
        legal_name,
        org_type,
        country,
        registered_on,
        unpp_id,
        holder,
        email,
        state,
        reason,
        by,
        at,
        created_at,
        updated_at,
    ) = row;
    Ok(Organization {
        id: stored(Uuid::parse_str(&id))?,
        legal_name,
        org_type: OrgType::parse_stored(&org_type)?,
        country: stored(CountryCode::parse(&country))?,
        registered_on,
        unpp_id,
        bank_account_holder: holder,
        contact_email: email,
        state: OrgState::parse_stored(&state)?,
        state_reason: reason,
        decided_by: by,
        decided_at: at,
        created_at,
        updated_at,
    })
}

/// What a client sees of an organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganizationView {
    pub id: Uuid,
    pub legal_name: String,
    pub org_type: OrgType,
    #[schema(value_type = String, example = "KE")]
    pub country: CountryCode,
    pub registered_on: NaiveDate,
    pub unpp_id: String,
    pub bank_account_holder: String,
    pub contact_email: String,
    pub state: OrgState,
    /// The secretariat's reason for its last verification decision.
    pub state_reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<&Organization> for OrganizationView {
    fn from(o: &Organization) -> OrganizationView {
        OrganizationView {
            id: o.id,
            legal_name: o.legal_name.clone(),
            org_type: o.org_type,
            country: o.country,
            registered_on: o.registered_on,
            unpp_id: o.unpp_id.clone(),
            bank_account_holder: o.bank_account_holder.clone(),
            contact_email: o.contact_email.clone(),
            state: o.state,
            state_reason: o.state_reason.clone(),
            decided_at: o.decided_at.map(to_utc),
            created_at: to_utc(o.created_at),
        }
    }
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Option<Organization>, AppError> {
    organizations::table
        .find(id.to_string())
        .first::<OrgRow>(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// Whether an organisation with this id exists (the admin's account form uses it).
pub fn exists(conn: &mut DbConnection, id: Uuid) -> Result<bool, AppError> {
    Ok(find(conn, id)?.is_some())
}

pub fn find_by_unpp_id(
    conn: &mut DbConnection,
    unpp_id: &str,
) -> Result<Option<Organization>, AppError> {
    organizations::table
        .filter(organizations::unpp_id.eq(unpp_id))
        .first::<OrgRow>(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// A page of organisations, newest first; `only` restricts to one (an applicant's own).
pub fn list(
    conn: &mut DbConnection,
    state: Option<OrgState>,
    only: Option<Uuid>,
    limit: i64,
    cursor: Option<Cursor>,
) -> Result<Page<OrganizationView>, AppError> {
    let mut query = organizations::table.into_boxed();
    if let Some(state) = state {
        query = query.filter(organizations::state.eq(state.as_str()));
    }
    if let Some(id) = only {
        query = query.filter(organizations::id.eq(id.to_string()));
    }
    if let Some(c) = cursor {
        query = query.filter(
            organizations::created_at
                .lt(c.at)
                .or(organizations::created_at
                    .eq(c.at)
                    .and(organizations::id.lt(c.id))),
        );
    }
    let rows = query
        .order((organizations::created_at.desc(), organizations::id.desc()))
        .limit(limit + 1)
        .load::<OrgRow>(conn)?
        .into_iter()
        .map(from_row)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(
        rows,
        limit,
        |o| Cursor::new(o.created_at, o.id),
        |o| OrganizationView::from(&o),
    ))
}

/// An organisation to register; its fields are already parsed and the holder checked.
pub struct NewOrganization {
    pub legal_name: String,
    pub org_type: OrgType,
    pub country: CountryCode,
    pub registered_on: NaiveDate,
    pub unpp_id: String,
    pub bank_account_holder: String,
    pub contact_email: String,
}

/// Inserts a pending organisation with its audit event; a taken UNPP id is a 409.
pub fn create(tx: &mut Tx, new: NewOrganization) -> Result<Organization, AppError> {
    if find_by_unpp_id(tx.conn(), &new.unpp_id)?.is_some() {
        return Err(AppError::conflict(format!(
            "an organisation with the UN Partner Portal id {} is already registered",
            new.unpp_id
        )));
    }
    let now = tx.now();
    let org = Organization {
        id: Uuid::new_v4(),
        legal_name: new.legal_name,
        org_type: new.org_type,
        country: new.country,
        registered_on: new.registered_on,
        unpp_id: new.unpp_id,
        bank_account_holder: new.bank_account_holder,
        contact_email: new.contact_email,
        state: OrgState::Pending,
        state_reason: None,
        decided_by: None,
        decided_at: None,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(organizations::table)
        .values((
            organizations::id.eq(org.id.to_string()),
            organizations::legal_name.eq(&org.legal_name),
            organizations::org_type.eq(org.org_type.as_str()),
            organizations::country.eq(org.country.code()),
            organizations::registered_on.eq(org.registered_on),
            organizations::unpp_id.eq(&org.unpp_id),
            organizations::bank_account_holder.eq(&org.bank_account_holder),
            organizations::contact_email.eq(&org.contact_email),
            organizations::state.eq(org.state.as_str()),
            organizations::created_at.eq(now),
            organizations::updated_at.eq(now),
        ))
        .execute(tx.conn())?;
    tx.audit(Change::created(
        "organization",
        org.id,
        json!(OrganizationView::from(&org)),
    ))?;
    Ok(org)
}

/// Records the secretariat's decision. Deciding what is already so is a 409.
pub fn decide(
    tx: &mut Tx,
    id: Uuid,
    to: OrgState,
    reason: Option<String>,
) -> Result<Organization, AppError> {
    let before = find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    if before.state == to {
        return Err(AppError::conflict(format!(
            "the organisation is already {}",
            to.as_str()
        )));
    }
    let mut after = before.clone();
    after.state = to;
    after.state_reason = reason;
    after.decided_by = tx.actor().user_id.map(|u| u.to_string());
    after.decided_at = Some(tx.now());
    after.updated_at = tx.now();
    diesel::update(organizations::table.find(id.to_string()))
        .set((
            organizations::state.eq(after.state.as_str()),
            organizations::state_reason.eq(&after.state_reason),
            organizations::decided_by.eq(&after.decided_by),
            organizations::decided_at.eq(after.decided_at),
            organizations::updated_at.eq(after.updated_at),
        ))
        .execute(tx.conn())?;
    tx.audit(Change::new(
        format!("organization.{}", to.as_str()),
        "organization",
        id,
        json!({"before": OrganizationView::from(&before), "after": OrganizationView::from(&after)}),
    ))?;
    Ok(after)
}
