//! Reads the grants an IATI export covers, one page of grants at a time, and each grant
//! in scope as an activity (its ledger entries become IATI transactions in [`mapping`]).
//! `kind = disbursements` keeps disbursements and their reversals (as the other formats
//! do); `all` keeps every entry a grant owns.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use uuid::Uuid;

use super::activity::{Activity, ActivityDateType, ActivityStatus, Grantee, Transaction};
use super::mapping::{
    sectors, transactions, with_award_changes, DisbursementRow, GrantRow, RefundRow,
};
use crate::calls::Exploitation;
use crate::db::schema::{
    applications, grant_agreements, grant_disbursements, grant_public_summaries, grant_refunds,
    grants, ledger_transactions, organizations,
};
use crate::db::{stored, DbConnection};
use crate::domain::{CountryCode, RegionalGroup};
use crate::error::AppError;
use crate::grants::public_summary;
use crate::grants::GrantState;
use crate::organizations::OrgType;

/// Which entries the export covers (built from the export's filter).
#[derive(Debug, Clone)]
pub struct Scope {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Every entry a grant owns, or only disbursements and their reversals.
    pub all_kinds: bool,
    pub grant: Option<Uuid>,
    pub organization: Option<Uuid>,
    /// The grantee organisation's country, as the other export formats filter it.
    pub country: Option<CountryCode>,
    pub regional_group: Option<RegionalGroup>,
    /// The export's instant on the app's clock: the file's generated-datetime, and the day
    /// that says whether an activity has started.
    pub at: chrono::DateTime<chrono::Utc>,
    pub audience: Audience,
}

/// Whom a file is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// UNODC finance's export: donors as recorded (an individual only as "Individual
    /// donor"), each grant titled as its application is.
    Finance,
    /// Anyone (`/api/v1/public/iati/…`), as the public page: Member States named and other
    /// donors by their type; a grant titled by its organisation and countries, since the
    /// application's title is the applicant's text and was never approved for publication.
    Public,
}

impl Scope {
    pub(super) fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// Grants read per page.
pub const PAGE: i64 = 200;

/// The ids of the next page of grants after `after` (in id order) that the scope's grant,
/// organisation, country and regional group filters keep; the period is checked per grant
/// by [`activity`]. Empty when there are no more grants.
pub fn next_grants(
    conn: &mut DbConnection,
    scope: &Scope,
    after: Option<&str>,
) -> Result<(Vec<String>, Option<String>), AppError> {
    let mut query = grants::table
        .select((grants::id, grants::organization_id))
        .order(grants::id.asc())
        .limit(PAGE)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(grants::id.gt(after.to_string()));
    }
    if let Some(grant) = scope.grant {
        query = query.filter(grants::id.eq(grant.to_string()));
    }
    if let Some(org) = scope.organization {
        query = query.filter(grants::organization_id.eq(org.to_string()));
    }
    let page: Vec<(String, String)> = query.load(conn)?;
    let last = page.last().map(|(id, _)| id.clone());
    if scope.country.is_none() && scope.regional_group.is_none() {
        return Ok((page.into_iter().map(|(id, _)| id).collect(), last));
    }
    let org_ids: Vec<&String> = page.iter().map(|(_, org)| org).collect();
    let countries: HashMap<String, CountryCode> = organizations::table
        .filter(organizations::id.eq_any(org_ids))
        .select((organizations::id, organizations::country))
        .load::<(String, CountryCode)>(conn)?
        .into_iter()
        .collect();
    let kept = page
        .into_iter()
        .filter(|(_, org)| {
            countries.get(org).is_some_and(|c| {
                scope.country.is_none_or(|want| want == *c)
                    && scope.regional_group.is_none_or(|g| g == c.regional_group())
            })
        })
        .map(|(id, _)| id)
        .collect();
    Ok((kept, last))
}

/// Grant `id` as an activity with its transactions in the scope, or `None` when it has
/// none there (or is unknown).
pub fn activity(
    conn: &mut DbConnection,
    scope: &Scope,
    id: &str,
) -> Result<Option<Activity>, AppError> {
    let Some(g) = grants::table
        .find(id)
        .select((
            grants::application_id,
            grants::organization_id,
            grants::award_minor,
            grants::currency,
            grants::state,
            grants::created_at,
            grants::closed_at,
            grants::release_transaction_id,
        ))
        .get_result::<GrantRow>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let disbursements: Vec<DisbursementRow> = grant_disbursements::table
        .filter(grant_disbursements::grant_id.eq(id))
        .order(grant_disbursements::seq.asc())
        .select((
            grant_disbursements::tranche,
            grant_disbursements::amount_minor,
            grant_disbursements::psc_minor,
            grant_disbursements::currency,
            grant_disbursements::value_date,
            grant_disbursements::reversal_transaction_id,
        ))
        .load(conn)?;
    let refunds: Vec<RefundRow> = if scope.all_kinds {
        grant_refunds::table
            .filter(grant_refunds::grant_id.eq(id))
            .order(grant_refunds::seq.asc())
            .select((
                grant_refunds::amount_minor,
                grant_refunds::psc_minor,
                grant_refunds::currency,
                grant_refunds::received_on,
                grant_refunds::reversal_transaction_id,
            ))
            .load(conn)?
    } else {
        Vec::new()
    };
    let posted = posting_days(conn, &g, &disbursements, &refunds)?;
    let transactions = transactions(scope, &g, &disbursements, &refunds, &posted)?;
    let grant = stored("grant id", Uuid::parse_str(id))?;
    let changes = crate::grants::award_changes(conn, grant.into())?;
    let transactions = with_award_changes(scope, transactions, &changes)?;
    if transactions.is_empty() {
        return Ok(None);
    }
    let today = scope.at.date_naive();
    describe(conn, grant, &g, transactions, today, scope.audience).map(Some)
}

/// The day each reversal and release of the grant was posted, by ledger transaction id.
fn posting_days(
    conn: &mut DbConnection,
    g: &GrantRow,
    disbursements: &[DisbursementRow],
    refunds: &[RefundRow],
) -> Result<HashMap<String, NaiveDate>, AppError> {
    let ids: Vec<&String> = disbursements
        .iter()
        .filter_map(|d| d.reversal_transaction_id.as_ref())
        .chain(
            refunds
                .iter()
                .filter_map(|r| r.reversal_transaction_id.as_ref()),
        )
        .chain(g.release_transaction_id.as_ref())
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(ledger_transactions::table
        .filter(ledger_transactions::id.eq_any(ids))
        .select((ledger_transactions::id, ledger_transactions::created_at))
        .load::<(String, NaiveDateTime)>(conn)?
        .into_iter()
        .map(|(id, at)| (id, at.date()))
        .collect())
}

/// The application's and the organisation's side of the activity.
fn describe(
    conn: &mut DbConnection,
    grant: Uuid,
    g: &GrantRow,
    transactions: Vec<Transaction>,
    today: NaiveDate,
    audience: Audience,
) -> Result<Activity, AppError> {
    // The application's summary is the applicant's free text and is never read here:
    // the description is the public summary the secretariat approved, or none.
    let (title, countries, exploitation): (String, String, String) = applications::table
        .find(&g.application_id)
        .select((
            applications::title,
            applications::countries,
            applications::exploitation,
        ))
        .get_result(conn)?;
    let countries: Vec<CountryCode> = stored("countries", serde_json::from_str(&countries))?;
    let forms: Vec<Exploitation> = stored("exploitation", serde_json::from_str(&exploitation))?;
    let description = public_summary::approved_text(conn, grant.into())?;
    let last_updated = last_updated(conn, grant, g)?;
    let (name, org_type): (String, OrgType) = organizations::table
        .find(&g.organization_id)
        .select((organizations::legal_name, organizations::org_type))
        .get_result(conn)?;
    let agreement: Option<(NaiveDate, NaiveDate)> = grant_agreements::table
        .find(grant.to_string())
        .select((grant_agreements::period_start, grant_agreements::period_end))
        .get_result(conn)
        .optional()?;
    let title = match audience {
        Audience::Finance => title,
        Audience::Public => public_title(&name, &countries),
    };
    Ok(Activity {
        grant,
        title,
        description,
        sectors: sectors(&forms),
        last_updated,
        grantee: Grantee {
            name,
            org_type,
            // The organisation record holds no identifier from a registration agency on
            // IATI's OrganisationRegistrationAgency codelist (a UN Partner Portal id is
            // not one), so the grantee is named without a `ref`, as IATI allows.
            iati_ref: None,
        },
        status: match g.state {
            GrantState::Awarded => ActivityStatus::Pipeline,
            GrantState::AgreementSigned => ActivityStatus::Implementation,
            GrantState::Closing => ActivityStatus::Finalisation,
            GrantState::Closed => ActivityStatus::Closed,
            GrantState::Cancelled => ActivityStatus::Cancelled,
        },
        dates: dates(g, agreement, today),
        countries,
        currency: g.currency,
        transactions,
    })
}

/// A grant's title for anyone: who carries it out, and where.
fn public_title(organisation: &str, countries: &[CountryCode]) -> String {
    let places: Vec<&str> = countries.iter().map(|c| c.name()).collect();
    format!(
        "Assistance to victims of trafficking in persons by {organisation} ({})",
        places.join(", ")
    )
}

/// The latest of the grant's award, closure, ledger entries and approved summary.
fn last_updated(
    conn: &mut DbConnection,
    grant: Uuid,
    g: &GrantRow,
) -> Result<chrono::DateTime<chrono::Utc>, AppError> {
    let id = grant.to_string();
    let posted: Option<NaiveDateTime> = ledger_transactions::table
        .filter(ledger_transactions::owner_type.eq("grant"))
        .filter(ledger_transactions::owner_id.eq(&id))
        .select(diesel::dsl::max(ledger_transactions::created_at))
        .get_result(conn)?;
    let approved: Option<NaiveDateTime> = grant_public_summaries::table
        .find(&id)
        .select(grant_public_summaries::approved_at)
        .get_result(conn)
        .optional()?;
    let latest = [Some(g.created_at), g.closed_at, posted, approved]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(g.created_at);
    Ok(crate::db::to_utc(latest))
}

/// Planned dates from the agreement (the award date stands for the start before there is
/// one); actual ones only once they are past, since IATI refuses actual dates in the
/// future: the start when the agreement period has begun, the end when the grant closed.
fn dates(
    g: &GrantRow,
    agreement: Option<(NaiveDate, NaiveDate)>,
    today: NaiveDate,
) -> Vec<(ActivityDateType, NaiveDate)> {
    let mut dates = Vec::new();
    match agreement {
        Some((start, end)) => {
            dates.push((ActivityDateType::PlannedStart, start));
            if start <= today {
                dates.push((ActivityDateType::ActualStart, start));
            }
            dates.push((ActivityDateType::PlannedEnd, end));
        }
        None => dates.push((ActivityDateType::PlannedStart, g.created_at.date())),
    }
    if let Some(closed) = g.closed_at {
        dates.push((ActivityDateType::ActualEnd, closed.date()));
    }
    dates
}
