//! The questions money out asks of grantee reports: are the reports on tranches
//! 1..=`tranche` all accepted, how much does the accepted one on a tranche show spent,
//! and how much spending have the accepted reports accounted for? Asked here, of the
//! reports' table, because reports sit above grants (a report is filed on a grant):
//! grants may not call that feature.

use diesel::prelude::*;

use crate::db::schema::grant_reports;
use crate::db::DbConnection;
use crate::domain::GrantId;
use crate::error::AppError;

/// The state an accepted report is stored in (the reports' `ReportState::Accepted`).
const ACCEPTED: &str = "accepted";

/// True when every tranche `1..=tranche` of the grant has an accepted report (progress,
/// or a final report naming that tranche); `tranche <= 0` asks about nothing: true.
/// Run it inside the write transaction that pays, so the answer holds when it commits.
pub fn accepted_through(
    conn: &mut DbConnection,
    grant: GrantId,
    tranche: i32,
) -> Result<bool, AppError> {
    if tranche <= 0 {
        return Ok(true);
    }
    // A progress and a final report may both be accepted on one tranche: count tranches.
    let accepted: Vec<Option<i32>> = grant_reports::table
        .filter(grant_reports::grant_id.eq(grant))
        .filter(grant_reports::state.eq(ACCEPTED))
        .filter(grant_reports::tranche.between(1, tranche))
        .select(grant_reports::tranche)
        .distinct()
        .load(conn)?;
    Ok(i64::try_from(accepted.len()) == Ok(i64::from(tranche)))
}

/// The most money spent that an accepted report on `tranche` shows (progress, or a final
/// report naming it), in minor units of the grant's currency; `None` when no report on it
/// is accepted. Run it inside the write transaction that pays.
pub fn accepted_spent(
    conn: &mut DbConnection,
    grant: GrantId,
    tranche: i32,
) -> Result<Option<i64>, AppError> {
    Ok(grant_reports::table
        .filter(grant_reports::grant_id.eq(grant))
        .filter(grant_reports::state.eq(ACCEPTED))
        .filter(grant_reports::tranche.eq(tranche))
        .select(diesel::dsl::max(grant_reports::spent_minor))
        .get_result(conn)?)
}

/// The spending the grant's accepted reports account for: a report states what was spent
/// to its date (its lines are capped at everything received so far), so the largest
/// total among them; zero when none is accepted.
pub fn accounted_spent(conn: &mut DbConnection, grant: GrantId) -> Result<i64, AppError> {
    let most: Option<i64> = grant_reports::table
        .filter(grant_reports::grant_id.eq(grant))
        .filter(grant_reports::state.eq(ACCEPTED))
        .select(diesel::dsl::max(grant_reports::spent_minor))
        .get_result(conn)?;
    Ok(most.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{run_migrations, DbConnection};

    fn file(conn: &mut DbConnection, grant: GrantId, tranche: i32, version: i32, state: &str) {
        try_file(conn, grant, tranche, version, state).unwrap();
    }

    fn try_file(
        conn: &mut DbConnection,
        grant: GrantId,
        tranche: i32,
        version: i32,
        state: &str,
    ) -> QueryResult<usize> {
        diesel::sql_query(format!(
            "INSERT INTO grant_reports (id, grant_id, organization_id, kind, tranche, version, \
             state, period_start, period_end, currency, spent_minor, beneficiaries_total, \
             narrative, filed_by, filed_at) VALUES ('{}', '{grant}', 'o', 'progress', {tranche}, \
             {version}, '{state}', '2027-01-01', '2027-06-30', 'USD', 0, 0, '', 'u', \
             '2027-07-01 00:00:00')",
            uuid::Uuid::new_v4()
        ))
        .execute(conn)
    }

    #[test]
    fn every_tranche_up_to_n_needs_an_accepted_report() {
        let mut conn = DbConnection::open("sqlite://:memory:").unwrap();
        run_migrations(&mut conn).unwrap();
        let (grant, other) = (GrantId::new(), GrantId::new());
        assert!(accepted_through(&mut conn, grant, 0).unwrap());
        assert!(accepted_through(&mut conn, grant, -3).unwrap());
        assert!(!accepted_through(&mut conn, grant, 1).unwrap());
        file(&mut conn, grant, 1, 1, "returned");
        file(&mut conn, other, 1, 1, "accepted");
        assert!(!accepted_through(&mut conn, grant, 1).unwrap());
        file(&mut conn, grant, 1, 2, "accepted");
        assert!(accepted_through(&mut conn, grant, 1).unwrap());
        // Tranche 3 accepted does not stand in for tranche 2.
        file(&mut conn, grant, 3, 1, "accepted");
        file(&mut conn, grant, 2, 1, "submitted");
        assert!(!accepted_through(&mut conn, grant, 2).unwrap());
        assert!(!accepted_through(&mut conn, grant, 3).unwrap());
    }

    #[test]
    fn one_open_report_per_tranche_and_kind() {
        let mut conn = DbConnection::open("sqlite://:memory:").unwrap();
        run_migrations(&mut conn).unwrap();
        let grant = GrantId::new();
        file(&mut conn, grant, 1, 1, "returned");
        file(&mut conn, grant, 1, 2, "submitted");
        // A second open one, or a version filed twice, is refused by the database itself.
        assert!(try_file(&mut conn, grant, 1, 3, "accepted").is_err());
        assert!(try_file(&mut conn, grant, 1, 2, "returned").is_err());
        file(&mut conn, grant, 2, 1, "submitted");
    }
}
