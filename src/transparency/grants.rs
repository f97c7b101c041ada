//! The grants the Fund has awarded, one line each: who was funded, where, when, how much
//! and how much is paid, and the summary the secretariat approved for publication. A grant
//! exists only once the Board awarded it, so drafts, rejected and withdrawn applications
//! never reach this list; nothing is read from the application (its free text may name a
//! victim) nor of the organisation but its name and country.

use chrono::{Datelike, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::{dialect, DbConnection};
use crate::domain::{CountryCode, Currency, Money, RegionalGroup};
use crate::error::AppError;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicGrant {
    pub grant_id: String,
    /// The funded organisation's legal name.
    pub organization: String,
    pub country: CountryCode,
    pub regional_group: RegionalGroup,
    /// The year of the award.
    pub year: i32,
    /// The award, without programme support cost.
    pub awarded: Money,
    /// Paid to the grantee (payments not reversed).
    pub disbursed: Money,
    /// The summary approved for publication; `null` while none is.
    pub public_summary: Option<String>,
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    grant_id: String,
    #[diesel(sql_type = Text)]
    organization: String,
    #[diesel(sql_type = Text)]
    country: String,
    #[diesel(sql_type = Timestamp)]
    awarded_at: NaiveDateTime,
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = BigInt)]
    award: i64,
    #[diesel(sql_type = BigInt)]
    paid: i64,
    #[diesel(sql_type = Nullable<Text>)]
    summary: Option<String>,
}

const SQL: &str = "SELECT g.id AS grant_id, o.legal_name AS organization, o.country AS country,
       g.created_at AS awarded_at, g.currency AS currency, g.award_minor AS award,
       CAST(COALESCE((SELECT SUM(d.amount_minor) FROM grant_disbursements d
                      WHERE d.grant_id = g.id AND d.reversal_transaction_id IS NULL), 0)
            AS BIGINT) AS paid,
       ps.summary AS summary
FROM grants g JOIN organizations o ON o.id = g.organization_id
     LEFT JOIN grant_public_summaries ps ON ps.grant_id = g.id
ORDER BY g.created_at, g.id";

/// Every grant awarded, oldest first.
pub fn awarded_grants(conn: &mut DbConnection) -> Result<Vec<PublicGrant>, AppError> {
    let rows: Vec<Row> = dialect::sql_query(conn, SQL).load(conn)?;
    rows.into_iter()
        .map(|r| {
            let country = CountryCode::parse(&r.country).map_err(AppError::internal)?;
            let currency = Currency::parse(&r.currency).map_err(AppError::internal)?;
            let money = |minor| Money::from_minor(minor, currency).map_err(AppError::internal);
            Ok(PublicGrant {
                grant_id: r.grant_id,
                organization: r.organization,
                country,
                regional_group: country.regional_group(),
                year: r.awarded_at.year(),
                awarded: money(r.award)?,
                disbursed: money(r.paid)?,
                public_summary: r.summary,
            })
        })
        .collect()
}
