//! Reports as stored: one row per filing, with its beneficiary counts and spending lines
//! in their own tables; and the view every answer gives.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::content::{BeneficiaryCount, SpentLine};
use super::state::{ReportKind, ReportState};
use crate::db::schema::{grant_report_beneficiaries, grant_report_spending, grant_reports};
use crate::db::{to_utc, Cursor, DbConnection, Page, PageRequest};
use crate::domain::{Currency, GrantId, GrantReportId, Money, OrganizationId, ShortText, UserId};
use crate::error::AppError;

/// A report as stored; also the form it is inserted in.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grant_reports)]
pub struct ReportRow {
    pub id: GrantReportId,
    pub grant_id: GrantId,
    pub organization_id: OrganizationId,
    pub kind: ReportKind,
    pub tranche: Option<i32>,
    pub version: i32,
    pub state: ReportState,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub currency: Currency,
    pub spent_minor: i64,
    pub beneficiaries_total: i64,
    pub narrative: String,
    pub filed_by: UserId,
    pub filed_at: NaiveDateTime,
    pub reviewed_by: Option<UserId>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub review_comments: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grant_report_beneficiaries)]
struct BeneficiaryRow {
    report_id: GrantReportId,
    line: i32,
    sex: String,
    age_group: String,
    exploitation: String,
    count: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grant_report_spending)]
struct SpendingRow {
    report_id: GrantReportId,
    line: i32,
    label: String,
    amount_minor: i64,
    currency: Currency,
}

/// The secretariat's review of a report.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReviewView {
    pub accepted: bool,
    pub comments: Option<String>,
    pub reviewed_by: UserId,
    pub reviewed_at: DateTime<Utc>,
}

/// A report as the grantee filed it, with where it stands.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportView {
    pub id: GrantReportId,
    pub grant_id: GrantId,
    pub organization_id: OrganizationId,
    pub kind: ReportKind,
    pub tranche: Option<i32>,
    /// 1 for the first filing of this kind and tranche; one more for each filing after
    /// a report was returned.
    pub version: i32,
    pub state: ReportState,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub beneficiaries: Vec<BeneficiaryCount>,
    /// The sum of the counts.
    pub beneficiaries_total: i64,
    pub spent: Vec<SpentLine>,
    #[schema(value_type = crate::domain::Money)]
    pub spent_total: Money,
    pub narrative: String,
    pub filed_by: UserId,
    pub filed_at: DateTime<Utc>,
    /// Absent until the secretariat has reviewed the report.
    pub review: Option<ReviewView>,
}

/// A category stored as its wire name (`female`, `forced_labour`).
fn code<T: Serialize>(value: &T) -> Result<String, AppError> {
    match serde_json::to_value(value).map_err(AppError::internal)? {
        serde_json::Value::String(name) => Ok(name),
        other => Err(AppError::internal(anyhow::anyhow!("not a name: {other}"))),
    }
}

fn parse_code<T: serde::de::DeserializeOwned>(name: String) -> Result<T, AppError> {
    serde_json::from_value(serde_json::Value::String(name))
        .context("stored report category")
        .map_err(AppError::internal)
}

fn line_number(i: usize) -> Result<i32, AppError> {
    i32::try_from(i + 1).map_err(AppError::internal)
}

/// Inserts a report with its lines.
pub fn insert(
    conn: &mut DbConnection,
    row: &ReportRow,
    beneficiaries: &[BeneficiaryCount],
    spent: &[SpentLine],
) -> Result<(), AppError> {
    diesel::insert_into(grant_reports::table)
        .values(row)
        .execute(conn)?;
    let counts = beneficiaries
        .iter()
        .enumerate()
        .map(|(i, b)| {
            Ok(BeneficiaryRow {
                report_id: row.id,
                line: line_number(i)?,
                sex: code(&b.sex)?,
                age_group: code(&b.age_group)?,
                exploitation: code(&b.exploitation)?,
                count: i64::from(b.count),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let spending = spent
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Ok(SpendingRow {
                report_id: row.id,
                line: line_number(i)?,
                label: s.label.as_str().to_string(),
                amount_minor: s.amount.to_minor(),
                currency: s.amount.currency(),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    // One statement per line: the multi-backend connection has no batch insert.
    for count in &counts {
        diesel::insert_into(grant_report_beneficiaries::table)
            .values(count)
            .execute(conn)?;
    }
    for line in &spending {
        diesel::insert_into(grant_report_spending::table)
            .values(line)
            .execute(conn)?;
    }
    Ok(())
}

pub fn find_row(conn: &mut DbConnection, id: GrantReportId) -> Result<Option<ReportRow>, AppError> {
    Ok(grant_reports::table
        .find(id)
        .select(ReportRow::as_select())
        .get_result(conn)
        .optional()?)
}

/// The filings that take one place: a progress report's tranche, or the grant's final
/// report (one per grant, whatever tranche it names).
fn same_place(
    grant: GrantId,
    kind: ReportKind,
    tranche: Option<i32>,
) -> grant_reports::BoxedQuery<'static, crate::db::MultiBackend> {
    let query = grant_reports::table
        .filter(grant_reports::grant_id.eq(grant))
        .filter(grant_reports::kind.eq(kind))
        .into_boxed();
    match (kind, tranche) {
        (ReportKind::Progress, Some(n)) => query.filter(grant_reports::tranche.eq(n)),
        (ReportKind::Progress, None) => query.filter(grant_reports::tranche.is_null()),
        (ReportKind::Final, _) => query,
    }
}

/// The open (submitted or accepted) report of this kind and tranche, if any.
pub fn open_report(
    conn: &mut DbConnection,
    grant: GrantId,
    kind: ReportKind,
    tranche: Option<i32>,
) -> Result<Option<ReportRow>, AppError> {
    Ok(same_place(grant, kind, tranche)
        .filter(grant_reports::state.ne(ReportState::Returned))
        .select(ReportRow::as_select())
        .get_result(conn)
        .optional()?)
}

/// The version the next filing of this kind and tranche gets.
pub fn next_version(
    conn: &mut DbConnection,
    grant: GrantId,
    kind: ReportKind,
    tranche: Option<i32>,
) -> Result<i32, AppError> {
    let last: Option<i32> = same_place(grant, kind, tranche)
        .select(diesel::dsl::max(grant_reports::version))
        .get_result(conn)?;
    last.unwrap_or(0).checked_add(1).ok_or_else(|| {
        AppError::internal(anyhow::anyhow!("report version overflow on grant {grant}"))
    })
}

/// Records the secretariat's review.
pub fn set_review(
    conn: &mut DbConnection,
    id: GrantReportId,
    state: ReportState,
    by: UserId,
    at: NaiveDateTime,
    comments: Option<String>,
) -> Result<(), AppError> {
    diesel::update(grant_reports::table.find(id))
        .set((
            grant_reports::state.eq(state),
            grant_reports::reviewed_by.eq(Some(by)),
            grant_reports::reviewed_at.eq(Some(at)),
            grant_reports::review_comments.eq(comments),
        ))
        .execute(conn)?;
    Ok(())
}

/// The report with its lines, as every answer shows it.
pub fn view(conn: &mut DbConnection, row: ReportRow) -> Result<ReportView, AppError> {
    let counts: Vec<BeneficiaryRow> = grant_report_beneficiaries::table
        .filter(grant_report_beneficiaries::report_id.eq(row.id))
        .order(grant_report_beneficiaries::line.asc())
        .select(BeneficiaryRow::as_select())
        .load(conn)?;
    let spending: Vec<SpendingRow> = grant_report_spending::table
        .filter(grant_report_spending::report_id.eq(row.id))
        .order(grant_report_spending::line.asc())
        .select(SpendingRow::as_select())
        .load(conn)?;
    let beneficiaries = counts
        .into_iter()
        .map(|b| {
            Ok(BeneficiaryCount {
                sex: parse_code(b.sex)?,
                age_group: parse_code(b.age_group)?,
                exploitation: parse_code(b.exploitation)?,
                count: u32::try_from(b.count).map_err(AppError::internal)?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let spent = spending
        .into_iter()
        .map(|s| {
            Ok(SpentLine {
                label: ShortText::parse(&s.label).map_err(AppError::internal)?,
                amount: Money::from_minor(s.amount_minor, s.currency)
                    .map_err(AppError::internal)?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let spent_total = Money::from_minor(row.spent_minor, row.currency)
        .with_context(|| format!("stored report {}", row.id))
        .map_err(AppError::internal)?;
    let review = match (row.reviewed_by, row.reviewed_at) {
        (Some(by), Some(at)) => Some(ReviewView {
            accepted: row.state == ReportState::Accepted,
            comments: row.review_comments,
            reviewed_by: by,
            reviewed_at: to_utc(at),
        }),
        _ => None,
    };
    Ok(ReportView {
        id: row.id,
        grant_id: row.grant_id,
        organization_id: row.organization_id,
        kind: row.kind,
        tranche: row.tranche,
        version: row.version,
        state: row.state,
        period_start: row.period_start,
        period_end: row.period_end,
        beneficiaries,
        beneficiaries_total: row.beneficiaries_total,
        spent,
        spent_total,
        narrative: row.narrative,
        filed_by: row.filed_by,
        filed_at: to_utc(row.filed_at),
        review,
    })
}

/// How many reports (every version) a grant has.
pub fn count_for_grant(conn: &mut DbConnection, grant: GrantId) -> Result<i64, AppError> {
    Ok(grant_reports::table
        .filter(grant_reports::grant_id.eq(grant))
        .count()
        .get_result(conn)?)
}

/// One grant's reports, newest first (every version, so the history shows).
pub fn list(
    conn: &mut DbConnection,
    grant: GrantId,
    page: PageRequest,
) -> Result<Page<ReportView>, AppError> {
    let query = grant_reports::table
        .filter(grant_reports::grant_id.eq(grant))
        .into_boxed();
    let rows = crate::newest_first!(query, page, grant_reports::filed_at, grant_reports::id)
        .select(ReportRow::as_select())
        .load(conn)?;
    Page::from_rows(rows, page.limit, |r| Cursor::new(r.filed_at, r.id), |r| r)
        .try_map(|r| view(conn, r))
}
