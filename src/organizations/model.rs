//! Organisations as stored, and the functions that read and write them.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::kind::{OrgState, OrgType};
use crate::audit::Change;
use crate::db::schema::organizations;
use crate::db::{to_utc, DbConnection, Tx};
use crate::db::{Cursor, Page, PageRequest};
use crate::domain::{CountryCode, OrganizationId, UserId};
use crate::error::AppError;

/// An organisation as stored: one row of `organizations`, read and written whole.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = organizations)]
pub struct Organization {
    pub id: OrganizationId,
    pub legal_name: String,
    pub org_type: OrgType,
    pub country: CountryCode,
    pub registered_on: NaiveDate,
    pub unpp_id: String,
    pub bank_account_holder: String,
    pub contact_email: String,
    pub state: OrgState,
    pub state_reason: Option<String>,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When it began direct assistance to victims (DOMAIN: at least a year before applying).
    pub direct_assistance_since: NaiveDate,
    /// When its measures against sexual exploitation and abuse took effect; `None`: none.
    pub psea_measures_since: Option<NaiveDate>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub postal_address: Option<String>,
    /// Incremented by every change of the row (optimistic concurrency, `profile.rs`).
    pub version: i64,
}

/// The verification decision.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = organizations, treat_none_as_null = true)]
struct Decision<'a> {
    state: OrgState,
    state_reason: Option<&'a str>,
    decided_by: Option<UserId>,
    decided_at: Option<NaiveDateTime>,
    updated_at: NaiveDateTime,
    version: i64,
}

/// An edit of the profile (`profile.rs`): every field it may touch, written whole from
/// the row as the edit leaves it.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = organizations, treat_none_as_null = true)]
struct ProfileRow<'a> {
    legal_name: &'a str,
    bank_account_holder: &'a str,
    contact_email: &'a str,
    contact_name: Option<&'a str>,
    contact_phone: Option<&'a str>,
    postal_address: Option<&'a str>,
    registered_on: NaiveDate,
    direct_assistance_since: NaiveDate,
    psea_measures_since: Option<NaiveDate>,
    state: OrgState,
    state_reason: Option<&'a str>,
    updated_at: NaiveDateTime,
    version: i64,
}

/// What a client sees of an organisation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrganizationView {
    #[schema(value_type = uuid::Uuid)]
    pub id: OrganizationId,
    pub legal_name: String,
    pub org_type: OrgType,
    #[schema(example = "KE")]
    pub country: CountryCode,
    pub registered_on: NaiveDate,
    /// When it began direct assistance to victims.
    pub direct_assistance_since: NaiveDate,
    /// When its measures against sexual exploitation and abuse took effect; absent: none.
    pub psea_measures_since: Option<NaiveDate>,
    pub unpp_id: String,
    pub bank_account_holder: String,
    pub contact_email: String,
    /// The person to contact, if given.
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    /// Its postal address, lines as the country writes them.
    pub postal_address: Option<String>,
    /// `pending` until the secretariat verifies it, and again after a change of its legal
    /// name or bank account holder; only a `verified` organisation submits or is paid.
    pub state: OrgState,
    /// Why it stands in its state: the secretariat's reason for its last decision, or
    /// what sent it back to verification.
    pub state_reason: Option<String>,
    /// When the secretariat last decided on it (verified or refused).
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send it back with an edit (`PATCH`): the edit is refused (409) if the organisation
    /// changed since.
    pub version: i64,
}

impl From<&Organization> for OrganizationView {
    fn from(o: &Organization) -> OrganizationView {
        OrganizationView {
            id: o.id,
            legal_name: o.legal_name.clone(),
            org_type: o.org_type,
            country: o.country,
            registered_on: o.registered_on,
            direct_assistance_since: o.direct_assistance_since,
            psea_measures_since: o.psea_measures_since,
            unpp_id: o.unpp_id.clone(),
            bank_account_holder: o.bank_account_holder.clone(),
            contact_email: o.contact_email.clone(),
            contact_name: o.contact_name.clone(),
            contact_phone: o.contact_phone.clone(),
            postal_address: o.postal_address.clone(),
            state: o.state,
            state_reason: o.state_reason.clone(),
            decided_at: o.decided_at.map(to_utc),
            created_at: to_utc(o.created_at),
            updated_at: to_utc(o.updated_at),
            version: o.version,
        }
    }
}

pub fn find(conn: &mut DbConnection, id: OrganizationId) -> Result<Option<Organization>, AppError> {
    Ok(organizations::table
        .find(id)
        .select(Organization::as_select())
        .get_result(conn)
        .optional()?)
}

/// Whether an organisation with this id exists (the admin's account form uses it).
pub fn exists(conn: &mut DbConnection, id: OrganizationId) -> Result<bool, AppError> {
    Ok(find(conn, id)?.is_some())
}

pub fn find_by_unpp_id(
    conn: &mut DbConnection,
    unpp_id: &str,
) -> Result<Option<Organization>, AppError> {
    Ok(organizations::table
        .filter(organizations::unpp_id.eq(unpp_id))
        .select(Organization::as_select())
        .get_result(conn)
        .optional()?)
}

/// A page of organisations, newest first; `only` restricts to one (an applicant's own).
pub fn list(
    conn: &mut DbConnection,
    state: Option<OrgState>,
    only: Option<OrganizationId>,
    request: &PageRequest,
) -> Result<Page<OrganizationView>, AppError> {
    let mut query = organizations::table.into_boxed();
    if let Some(state) = state {
        query = query.filter(organizations::state.eq(state));
    }
    if let Some(id) = only {
        query = query.filter(organizations::id.eq(id));
    }
    let rows = crate::newest_first!(query, request, organizations::created_at, organizations::id)
        .select(Organization::as_select())
        .load(conn)?;
    Ok(Page::from_rows(
        rows,
        request.limit,
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
    pub direct_assistance_since: NaiveDate,
    pub psea_measures_since: Option<NaiveDate>,
    pub unpp_id: String,
    pub bank_account_holder: String,
    pub contact_email: String,
}

/// Inserts a pending organisation with its audit event; a taken UNPP id is a 409.
pub fn create(tx: &mut Tx, new: NewOrganization) -> Result<Organization, AppError> {
    let org = prepare(tx, new)?;
    diesel::insert_into(organizations::table)
        .values(&org)
        .execute(tx.conn())?;
    tx.audit(Change::created(
        "organization",
        org.id,
        json!(OrganizationView::from(&org)),
    ))?;
    Ok(org)
}

/// The pending organisation `new` would become, checked (a taken UNPP id is a 409) but
/// not stored: `create` stores it; registration with a taken email answers with it.
pub fn prepare(tx: &mut Tx, new: NewOrganization) -> Result<Organization, AppError> {
    if find_by_unpp_id(tx.conn(), &new.unpp_id)?.is_some() {
        return Err(AppError::conflict(format!(
            "an organisation with the UN Partner Portal id {} is already registered",
            new.unpp_id
        )));
    }
    let now = tx.now();
    let org = Organization {
        id: OrganizationId::new(),
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
        direct_assistance_since: new.direct_assistance_since,
        psea_measures_since: new.psea_measures_since,
        contact_name: None,
        contact_phone: None,
        postal_address: None,
        version: 1,
    };
    Ok(org)
}

/// Records the secretariat's decision. Deciding what is already so is a 409.
pub fn decide(
    tx: &mut Tx,
    id: OrganizationId,
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
    after.decided_by = tx.actor().user_id;
    after.decided_at = Some(tx.now());
    after.updated_at = tx.now();
    after.version = before.version + 1;
    diesel::update(organizations::table.find(id))
        .set(&Decision {
            state: after.state,
            state_reason: after.state_reason.as_deref(),
            decided_by: after.decided_by,
            decided_at: after.decided_at,
            updated_at: after.updated_at,
            version: after.version,
        })
        .execute(tx.conn())?;
    tx.audit(Change::new(
        format!("organization.{}", to.as_str()),
        "organization",
        id,
        json!({"before": OrganizationView::from(&before), "after": OrganizationView::from(&after)}),
    ))?;
    super::notices::organization_decided(tx, &after)?;
    Ok(after)
}

/// Stores an edited profile (`after`, from the row `before` as this transaction read it),
/// if the row still holds version `before.version`: a concurrent change since is a 409.
/// Writers are serialised (see `Tx`), so the check and the write cannot be split.
pub fn save_profile(
    tx: &mut Tx,
    before: &Organization,
    after: &Organization,
) -> Result<(), AppError> {
    let written = diesel::update(
        organizations::table
            .find(before.id)
            .filter(organizations::version.eq(before.version)),
    )
    .set(&ProfileRow {
        legal_name: &after.legal_name,
        bank_account_holder: &after.bank_account_holder,
        contact_email: &after.contact_email,
        contact_name: after.contact_name.as_deref(),
        contact_phone: after.contact_phone.as_deref(),
        postal_address: after.postal_address.as_deref(),
        registered_on: after.registered_on,
        direct_assistance_since: after.direct_assistance_since,
        psea_measures_since: after.psea_measures_since,
        state: after.state,
        state_reason: after.state_reason.as_deref(),
        updated_at: after.updated_at,
        version: after.version,
    })
    .execute(tx.conn())?;
    if written != 1 {
        return Err(AppError::conflict(
            "the organisation changed while this edit was being made; read it again",
        ));
    }
    Ok(())
}
