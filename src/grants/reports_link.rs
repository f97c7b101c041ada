//! The one question money out asks of grantee reports: are the reports on tranches
//! 1..=`tranche` all accepted? (`crate::grant_reports` answers it.)

use crate::db::DbConnection;
use crate::domain::GrantId;
use crate::error::AppError;

pub fn accepted_through(
    conn: &mut DbConnection,
    grant: GrantId,
    tranche: i32,
) -> Result<bool, AppError> {
    crate::grant_reports::accepted_through(conn, grant, tranche)
}
