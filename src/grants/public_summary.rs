//! A grant's public summary: the text the secretariat approves for publication. What the
//! Fund publishes (the IATI activity's description, later its public pages) never comes
//! from the application: its summary is the applicant's free text and may name a victim
//! (a child's name, her town, a telephone number). Only this approved text is published;
//! a grant without one is described from structured fields alone (its grantee and
//! countries).
//!
//! The secretariat sets or replaces it (`PUT /api/v1/grants/{id}/public-summary`), each
//! approval a new version with who approved it and when, audited with the text before and
//! after (`grant.public_summary_approved`); whoever may read the grant reads it.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::model;
use crate::audit::Change;
use crate::db::schema::grant_public_summaries as ps;
use crate::db::{to_utc, Actor, DbConnection, Tx};
use crate::domain::{GrantId, UserId};
use crate::error::AppError;

/// The secretariat approves `summary` as grant `grant`'s public summary.
#[derive(Debug, Clone)]
pub struct ApprovePublicSummary {
    pub grant: GrantId,
    pub summary: String,
}

/// A grant's approved public summary (every field but the grant `null`, and `version`
/// 0, while none is approved).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PublicSummaryView {
    pub grant_id: GrantId,
    /// The text approved for publication.
    pub summary: Option<String>,
    /// The secretariat user who approved this version.
    pub approved_by: Option<UserId>,
    pub approved_at: Option<DateTime<Utc>>,
    /// 1 for the first approval, one more for each replacement; 0 before any.
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = ps)]
struct Row {
    grant_id: GrantId,
    summary: String,
    approved_by: UserId,
    approved_at: NaiveDateTime,
    version: i32,
}

impl Row {
    fn view(self) -> PublicSummaryView {
        PublicSummaryView {
            grant_id: self.grant_id,
            summary: Some(self.summary),
            approved_by: Some(self.approved_by),
            approved_at: Some(to_utc(self.approved_at)),
            version: self.version,
        }
    }
}

fn row(conn: &mut DbConnection, grant: GrantId) -> Result<Option<Row>, AppError> {
    Ok(ps::table
        .find(grant)
        .select(Row::as_select())
        .get_result(conn)
        .optional()?)
}

/// The approved summary of grant `grant`, if any (for the IATI export, which reads
/// nothing else of a grant's text but its title).
pub fn approved_text(conn: &mut DbConnection, grant: GrantId) -> Result<Option<String>, AppError> {
    Ok(row(conn, grant)?.map(|r| r.summary))
}

/// Approves the summary: 404 for an unknown grant. Answers the new version.
pub fn approve_public_summary(
    tx: &mut Tx,
    command: ApprovePublicSummary,
) -> Result<PublicSummaryView, AppError> {
    let ApprovePublicSummary { grant, summary } = command;
    model::row(tx.conn(), grant)?.ok_or(AppError::NotFound)?;
    let approved_by = tx.actor().user_id.ok_or(AppError::Forbidden)?;
    let before = row(tx.conn(), grant)?;
    let next = Row {
        grant_id: grant,
        summary,
        approved_by,
        approved_at: tx.now(),
        version: before.as_ref().map_or(1, |b| b.version + 1),
    };
    if before.is_some() {
        diesel::update(ps::table.find(grant))
            .set(&next)
            .execute(tx.conn())?;
    } else {
        diesel::insert_into(ps::table)
            .values(&next)
            .execute(tx.conn())?;
    }
    tx.audit(Change::new(
        "grant.public_summary_approved",
        "grant",
        grant,
        json!({
            "before": before.as_ref().map(|b| json!({"summary": b.summary, "version": b.version})),
            "after": {"summary": next.summary, "version": next.version},
        }),
    ))?;
    Ok(next.view())
}

/// Grant `grant`'s approved summary, for whoever may read the grant (404 otherwise);
/// empty while none is approved.
pub fn show_public_summary(
    conn: &mut DbConnection,
    actor: &Actor,
    grant: GrantId,
) -> Result<PublicSummaryView, AppError> {
    super::show_grant(conn, actor, grant)?;
    Ok(row(conn, grant)?.map_or(
        PublicSummaryView {
            grant_id: grant,
            summary: None,
            approved_by: None,
            approved_at: None,
            version: 0,
        },
        Row::view,
    ))
}
