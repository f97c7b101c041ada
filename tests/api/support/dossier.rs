//! A trustee's dossier on an application, read back whole. The crate's `DossierView` is
//! only written, so the tests read it through this twin, which refuses any field it does
//! not name: two dossiers read equal only if the service wrote them equal.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use trustfund::applications::ApplicationState;
use trustfund::domain::{ApplicationId, CallId, CountryCode, GrantId, Money, OrganizationId};
use trustfund::grants::GrantState;
use trustfund::organizations::{OrgState, OrgType};

use super::client::{Client, Reply};
use super::paths;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierRead {
    pub application_id: ApplicationId,
    pub organization: DossierOrganization,
    pub applications: Vec<DossierApplication>,
    pub grants: Vec<DossierGrant>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierOrganization {
    pub id: OrganizationId,
    pub legal_name: String,
    pub org_type: OrgType,
    pub country: CountryCode,
    pub registered_on: NaiveDate,
    pub unpp_id: String,
    pub direct_assistance_since: NaiveDate,
    pub psea_measures_since: Option<NaiveDate>,
    pub state: OrgState,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierApplication {
    pub id: ApplicationId,
    pub call_id: CallId,
    pub call_title: String,
    pub title: String,
    pub state: ApplicationState,
    pub requested: Money,
    pub awarded: Option<Money>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierGrant {
    pub id: GrantId,
    pub application_id: ApplicationId,
    pub call_id: CallId,
    pub award: Money,
    pub state: GrantState,
    pub disbursed: Money,
    pub refunded: Money,
    pub refund_due: Money,
    pub report_overdue: bool,
    pub reports: ReportTally,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTally {
    pub accepted: i64,
    pub returned: i64,
    pub pending: i64,
}

impl Client<'_> {
    /// `application`'s dossier, typed (`application(id).dossier()` reads it as JSON).
    pub async fn dossier_of(&self, application: ApplicationId) -> Reply<DossierRead> {
        self.get(paths::application_op(application, "dossier"))
            .await
    }
}
