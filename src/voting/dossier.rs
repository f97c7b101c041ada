//! A trustee's dossier on an application: who applies (the organisation's profile) and
//! its history with the Fund (its other applications, its grants and how their reports
//! went), so that a trustee votes knowing whom they vote on and can see a conflict of
//! interest they must declare.
//!
//! It sits here, with the Board's business, because it reads applications, grants and
//! grant reports, all below voting. What it leaves out is deliberate: the organisation's
//! bank account holder (payment details are finance's), its contact email and its
//! accounts (people, not the organisation's record), the secretariat's verification note,
//! and its unsubmitted drafts. Reports appear as counts, never their text.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::applications::{self, Application, ApplicationState, Filter};
use crate::db::{to_utc, Actor, Cursor, DbConnection, Page, PageRequest};
use crate::domain::{ApplicationId, CallId, CountryCode, GrantId, Money, OrganizationId, Role};
use crate::error::AppError;
use crate::grant_reports::{tally_for_grant, ReportTally};
use crate::grants::{GrantState, GrantView};
use crate::organizations::{OrgState, OrgType, Organization};

/// What the Board reads of an applying organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DossierOrganization {
    #[schema(value_type = uuid::Uuid)]
    pub id: OrganizationId,
    pub legal_name: String,
    pub org_type: OrgType,
    #[schema(example = "KE")]
    pub country: CountryCode,
    pub registered_on: NaiveDate,
    /// Its UN Partner Portal id.
    pub unpp_id: String,
    /// When it began direct assistance to victims.
    pub direct_assistance_since: NaiveDate,
    /// When its measures against sexual exploitation and abuse took effect; absent: none.
    pub psea_measures_since: Option<NaiveDate>,
    /// Where the secretariat's verification stands.
    pub state: OrgState,
    /// When the secretariat last decided on its verification.
    pub decided_at: Option<DateTime<Utc>>,
    /// When it registered with the Fund.
    pub created_at: DateTime<Utc>,
}

impl From<&Organization> for DossierOrganization {
    fn from(o: &Organization) -> DossierOrganization {
        DossierOrganization {
            id: o.id,
            legal_name: o.legal_name.clone(),
            org_type: o.org_type,
            country: o.country,
            registered_on: o.registered_on,
            unpp_id: o.unpp_id.clone(),
            direct_assistance_since: o.direct_assistance_since,
            psea_measures_since: o.psea_measures_since,
            state: o.state,
            decided_at: o.decided_at.map(to_utc),
            created_at: to_utc(o.created_at),
        }
    }
}

/// Another application the organisation put before the Fund.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DossierApplication {
    #[schema(value_type = uuid::Uuid)]
    pub id: ApplicationId,
    #[schema(value_type = uuid::Uuid)]
    pub call_id: CallId,
    pub call_title: String,
    pub title: String,
    pub state: ApplicationState,
    pub requested: Money,
    /// The award the Board decided, if it approved (on the reserve list too).
    pub awarded: Option<Money>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// When the Board's decision was recorded, if it was.
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// One of the organisation's grants, and how its reporting went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DossierGrant {
    #[schema(value_type = uuid::Uuid)]
    pub id: GrantId,
    #[schema(value_type = uuid::Uuid)]
    pub application_id: ApplicationId,
    #[schema(value_type = uuid::Uuid)]
    pub call_id: CallId,
    /// The award as it stands (amendments included).
    pub award: Money,
    pub state: GrantState,
    /// Paid so far, net of reversals.
    pub disbursed: Money,
    /// Unspent money it returned.
    pub refunded: Money,
    /// What it still owes back.
    pub refund_due: Money,
    /// A report is late: a later tranche is due and the reports before it are not all
    /// accepted.
    pub report_overdue: bool,
    pub reports: ReportTally,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl DossierGrant {
    fn new(g: GrantView, reports: ReportTally) -> DossierGrant {
        DossierGrant {
            id: g.id,
            application_id: g.application_id,
            call_id: g.call_id,
            award: g.award,
            state: g.state,
            disbursed: g.disbursed,
            refunded: g.refunded,
            refund_due: g.refund_due,
            report_overdue: g.report_overdue,
            reports,
            created_at: g.created_at,
            closed_at: g.closed_at,
        }
    }
}

/// The dossier: the organisation behind an application and its record with the Fund.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DossierView {
    #[schema(value_type = uuid::Uuid)]
    pub application_id: ApplicationId,
    pub organization: DossierOrganization,
    /// Its other applications (this one and unsubmitted drafts left out), newest first.
    pub applications: Vec<DossierApplication>,
    /// Its grants, newest first.
    pub grants: Vec<DossierGrant>,
}

/// Rows read per statement while walking a whole history.
const BATCH: i64 = 200;

/// Every page of a newest-first list, walked to its end.
fn every_page<T>(
    mut page_at: impl FnMut(PageRequest) -> Result<Page<T>, AppError>,
) -> Result<Vec<T>, AppError> {
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = page_at(PageRequest {
            limit: BATCH,
            after,
        })?;
        all.extend(page.items);
        match page.next_cursor {
            Some(next) => after = Some(Cursor::parse(&next).map_err(AppError::internal)?),
            None => return Ok(all),
        }
    }
}

/// The dossier on application `id`. Staff and auditors read it whatever the state; a
/// trustee only while the application is under review (before, it is not the Board's
/// business and stays hidden, 404; after the decision, 403: the vote it serves is over);
/// applicants never (403): an organisation reads its own record through its own views.
pub fn application_dossier(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ApplicationId,
) -> Result<DossierView, AppError> {
    if !actor.is_any(&[
        Role::Admin,
        Role::Secretariat,
        Role::Finance,
        Role::Auditor,
        Role::Trustee,
    ]) {
        return Err(AppError::Forbidden);
    }
    let app = applications::find_visible(conn, actor, id)?;
    if actor.is(Role::Trustee) && app.state != ApplicationState::UnderReview {
        return Err(AppError::Forbidden);
    }
    let org = crate::organizations::find(conn, app.organization_id)?.ok_or_else(|| {
        AppError::internal(anyhow::anyhow!("application {id} without its organisation"))
    })?;
    let filter = Filter {
        organization_id: Some(org.id),
        ..Filter::default()
    };
    let others: Vec<Application> =
        every_page(|page| applications::list(conn, filter.clone(), page))?
            .into_iter()
            .filter(|a| a.id != id && a.state != ApplicationState::Draft)
            .collect();
    let mut call_titles: HashMap<CallId, String> = HashMap::new();
    let mut earlier = Vec::with_capacity(others.len());
    for a in others {
        let call_title = match call_titles.get(&a.call_id) {
            Some(title) => title.clone(),
            None => {
                let title = crate::calls::find(conn, a.call_id)?
                    .map(|c| c.title)
                    .unwrap_or_default();
                call_titles.insert(a.call_id, title.clone());
                title
            }
        };
        let decision = super::decision::find(conn, a.id)?;
        earlier.push(DossierApplication {
            id: a.id,
            call_id: a.call_id,
            call_title,
            title: a.content.title.into_string(),
            state: a.state,
            requested: a.content.requested.into(),
            awarded: decision.as_ref().and_then(|d| d.award),
            submitted_at: a.submitted_at.map(to_utc),
            decided_at: decision.map(|d| d.decided_at),
            created_at: to_utc(a.created_at),
        });
    }
    let today = actor.clock.today();
    let grants = every_page(|page| crate::grants::list(conn, Some(org.id), page, today))?;
    let grants = grants
        .into_iter()
        .map(|g| {
            let reports = tally_for_grant(conn, g.id)?;
            Ok(DossierGrant::new(g, reports))
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(DossierView {
        application_id: id,
        organization: DossierOrganization::from(&org),
        applications: earlier,
        grants,
    })
}
