//! What each grant says is committed in the ledger, for the integrity check (read-only;
//! `crate::ledger_owners` reconciles it against the grant's postings).

use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::grants;
use crate::db::DbConnection;
use crate::error::AppError;

/// One grant as the check sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantCommitment {
    pub grant: Uuid,
    pub state: String,
    /// Award plus programme support cost, in USD cents, less what has been paid out (no
    /// disbursements are recorded yet, so the whole of it).
    pub committed_minor: i64,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = grants)]
struct Row {
    id: String,
    award_minor: i64,
    psc_minor: i64,
    state: String,
}

fn stored(what: &str, id: &str) -> AppError {
    AppError::internal(anyhow::anyhow!("grant {id}: bad {what} stored"))
}

pub fn commitments(conn: &mut DbConnection) -> Result<Vec<GrantCommitment>, AppError> {
    grants::table
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(|row| {
            Ok(GrantCommitment {
                grant: Uuid::parse_str(&row.id).map_err(|_| stored("id", &row.id))?,
                committed_minor: row
                    .award_minor
                    .checked_add(row.psc_minor)
                    .ok_or_else(|| stored("amounts", &row.id))?,
                state: row.state,
            })
        })
        .collect()
}
