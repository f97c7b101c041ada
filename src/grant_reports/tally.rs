//! How a grant's reports went, counted: what the Board reads of an organisation's
//! reporting record (the trustees' dossier), without the reports themselves, which are
//! the grantee's, the secretariat's and the auditors' to read.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::state::ReportState;
use crate::db::schema::grant_reports;
use crate::db::DbConnection;
use crate::domain::GrantId;
use crate::error::AppError;

/// A grant's filings by where they stand (every version: a returned report filed again
/// counts once returned and once for its new version).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportTally {
    pub accepted: i64,
    pub returned: i64,
    /// Filed, not yet reviewed.
    pub pending: i64,
}

/// Counts one grant's reports by state. Does not check who asks: callers do.
pub fn tally_for_grant(conn: &mut DbConnection, grant: GrantId) -> Result<ReportTally, AppError> {
    let states: Vec<ReportState> = grant_reports::table
        .filter(grant_reports::grant_id.eq(grant))
        .select(grant_reports::state)
        .load(conn)?;
    let mut tally = ReportTally::default();
    for state in states {
        match state {
            ReportState::Accepted => tally.accepted += 1,
            ReportState::Returned => tally.returned += 1,
            ReportState::Submitted => tally.pending += 1,
        }
    }
    Ok(tally)
}
