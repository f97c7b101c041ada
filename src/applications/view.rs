//! What clients see of an application.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::checklist::ChecklistEntry;
use super::content::{Beneficiaries, BudgetLine};
use super::history::TransitionView;
use super::model::Application;
use super::state::ApplicationState;
use crate::calls::{AidType, Exploitation};
use crate::db::to_utc;
use crate::domain::{ApplicationId, CallId, CountryCode, Money, OrganizationId};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApplicationView {
    #[schema(value_type = uuid::Uuid)]
    pub id: ApplicationId,
    #[schema(value_type = uuid::Uuid)]
    pub call_id: CallId,
    #[schema(value_type = uuid::Uuid)]
    pub organization_id: OrganizationId,
    pub state: ApplicationState,
    pub title: String,
    pub summary: String,
    pub countries: Vec<CountryCode>,
    pub beneficiaries: Vec<Beneficiaries>,
    pub exploitation: Vec<Exploitation>,
    pub aid_types: Vec<AidType>,
    pub requested: Money,
    pub duration_months: i32,
    pub budget_lines: Vec<BudgetLine>,
    /// The secretariat's reasons at screening.
    pub screening_reasons: Option<Vec<String>>,
    /// The latest screening result's checklist (also on its move in `history`): each
    /// criterion, the secretariat's finding and what the records showed.
    #[serde(default)]
    pub screening_checklist: Option<Vec<ChecklistEntry>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Every move, oldest first.
    pub history: Vec<TransitionView>,
}

impl ApplicationView {
    pub fn new(a: Application, history: Vec<TransitionView>) -> ApplicationView {
        let c = a.content;
        let screening_checklist = history.iter().rev().find_map(|m| m.checklist.clone());
        ApplicationView {
            id: a.id,
            call_id: a.call_id,
            organization_id: a.organization_id,
            state: a.state,
            title: c.title.into_string(),
            summary: c.summary.into_string(),
            countries: c.countries,
            beneficiaries: c.beneficiaries,
            exploitation: c.exploitation,
            aid_types: c.aid_types,
            requested: c.requested.into(),
            duration_months: c.duration_months,
            budget_lines: c.budget_lines,
            screening_reasons: a.screening_reasons,
            screening_checklist,
            submitted_at: a.submitted_at.map(to_utc),
            created_at: to_utc(a.created_at),
            updated_at: to_utc(a.updated_at),
            history,
        }
    }
}

/// A list item: enough to choose which application to open.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApplicationSummary {
    #[schema(value_type = uuid::Uuid)]
    pub id: ApplicationId,
    #[schema(value_type = uuid::Uuid)]
    pub call_id: CallId,
    #[schema(value_type = uuid::Uuid)]
    pub organization_id: OrganizationId,
    pub state: ApplicationState,
    pub title: String,
    pub countries: Vec<CountryCode>,
    pub requested: Money,
    pub duration_months: i32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<Application> for ApplicationSummary {
    fn from(a: Application) -> ApplicationSummary {
        ApplicationSummary {
            id: a.id,
            call_id: a.call_id,
            organization_id: a.organization_id,
            state: a.state,
            title: a.content.title.into_string(),
            countries: a.content.countries,
            requested: a.content.requested.into(),
            duration_months: a.content.duration_months,
            submitted_at: a.submitted_at.map(to_utc),
            created_at: to_utc(a.created_at),
        }
    }
}
