//! The one question money out asks of grantee reports: are the reports on tranches
//! 1..=`tranche` all accepted? Answered by `crate::grant_reports` once that feature is
//! merged; until then no report can be filed or accepted, so the answer is "no" for any
//! tranche (tranche 0, before the first, is trivially "yes").

use crate::db::DbConnection;
use crate::domain::GrantId;
use crate::error::AppError;

pub fn accepted_through(
    _conn: &mut DbConnection,
    _grant: GrantId,
    tranche: i32,
) -> Result<bool, AppError> {
    Ok(tranche < 1)
}
