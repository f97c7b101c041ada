//! What the voting feature needs to know about an application to decide on it.

use crate::domain::{ApplicationId, CallId, OrganizationId};

use super::model;
use super::state::ApplicationState;
use crate::db::DbConnection;
use crate::domain::{CountryCode, Money};
use crate::error::AppError;

/// The facts of one application that the Board's decision rules look at: recusal
/// (countries, the organisation's country), the awarded amount's bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionFacts {
    pub application_id: ApplicationId,
    pub state: ApplicationState,
    pub organization_id: OrganizationId,
    pub organization_country: CountryCode,
    pub countries: Vec<CountryCode>,
    pub requested: Money,
    pub min_grant: Money,
    pub max_grant: Money,
    pub call_id: CallId,
    /// What the call may award in all.
    pub envelope: Money,
}

/// 404 if there is no such application. Does not check who asks: callers do (see
/// `visible_to`).
pub fn facts_for_decision(
    conn: &mut DbConnection,
    id: ApplicationId,
) -> Result<DecisionFacts, AppError> {
    let app = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    let missing =
        |what: &str| AppError::internal(anyhow::anyhow!("application {id} without its {what}"));
    let org = crate::organizations::find(conn, app.organization_id)?
        .ok_or_else(|| missing("organisation"))?;
    let call = crate::calls::find(conn, app.call_id)?.ok_or_else(|| missing("call"))?;
    Ok(DecisionFacts {
        application_id: app.id,
        state: app.state,
        organization_id: org.id,
        organization_country: org.country,
        countries: app.content.countries,
        requested: app.content.requested.into(),
        min_grant: call.min_grant,
        max_grant: call.max_grant,
        call_id: call.id,
        envelope: call.envelope,
    })
}
