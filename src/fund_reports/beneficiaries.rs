//! `GET /api/v1/reports/beneficiaries`: people targeted against people reached, by sex and
//! age group, and reached by form of exploitation. Counts only, never a person.
//!
//! Targeted: the target beneficiaries of the applications whose grants were awarded in the
//! period. Reached: the beneficiaries in the grantee reports accepted in the period (the
//! day the secretariat accepted them), each report counting the people assisted in the
//! period it covers. A returned or still unreviewed report counts for nothing. An
//! application states its targets by sex and age group only, so `targeted` has no split by
//! form of exploitation; reports state who was reached by all three.

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use super::categories::{index_of, parse_list, parse_name, AGE_GROUPS, EXPLOITATION, SEXES};
use super::geography::serde_plain;
use super::period::{require_reader, Period, ReportQuery, Tabular};
use super::sums;
use crate::api::Caller;
use crate::applications::Beneficiaries;
use crate::calls::{AgeGroup, Exploitation, Sex};
use crate::db::{Db, DbConnection};
use crate::domain::csv_cell::Cell;
use crate::error::AppError;
use crate::http::Query;

/// What `targeted` and `reached` count, stated in the report.
pub const BASIS: &str = "targeted: the target beneficiaries of the applications whose \
grants were awarded in the period; reached: the beneficiaries in the grantee reports \
accepted in the period. Applications state targets by sex and age group only, so the \
forms of exploitation have reached figures only.";

#[derive(Debug, Serialize, ToSchema)]
pub struct SexAgeFigures {
    pub sex: Sex,
    pub age_group: AgeGroup,
    pub targeted: i64,
    pub reached: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExploitationReached {
    pub exploitation: Exploitation,
    pub reached: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BeneficiaryTotals {
    pub targeted: i64,
    pub reached: i64,
    /// Grants awarded in the period (whose applications the targets come from).
    pub grants: i64,
    /// Grantee reports accepted in the period (where the reached come from).
    pub accepted_reports: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BeneficiariesReport {
    pub period: Period,
    /// Every sex and age group (female, male, other; child, adult), even with nothing.
    pub by_sex_and_age_group: Vec<SexAgeFigures>,
    /// Every form of exploitation, in DOMAIN.md's order.
    pub by_exploitation: Vec<ExploitationReached>,
    pub totals: BeneficiaryTotals,
    /// What `targeted` and `reached` count.
    pub basis: String,
}

#[derive(QueryableByName)]
struct Targets {
    #[diesel(sql_type = diesel::sql_types::Text)]
    beneficiaries: String,
}

#[derive(QueryableByName)]
struct ReachedSum {
    #[diesel(sql_type = diesel::sql_types::Text)]
    sex: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    age_group: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    exploitation: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    n: Option<String>,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    n: Option<String>,
}

fn slot(sex: &Sex, age: &AgeGroup) -> Result<usize, AppError> {
    Ok(index_of(&SEXES, sex)? * AGE_GROUPS.len() + index_of(&AGE_GROUPS, age)?)
}

pub fn beneficiaries(
    conn: &mut DbConnection,
    period: Period,
) -> Result<BeneficiariesReport, AppError> {
    let (start, end) = period.instants_sql();
    let mut targeted = vec![0_i64; SEXES.len() * AGE_GROUPS.len()];
    let mut reached = vec![0_i64; SEXES.len() * AGE_GROUPS.len()];
    let mut by_form = vec![0_i64; EXPLOITATION.len()];

    // One row per grant awarded in the period: its application's targets (a JSON list).
    let targets: Vec<Targets> = diesel::sql_query(format!(
        "SELECT ap.beneficiaries AS beneficiaries \
         FROM grants g JOIN applications ap ON ap.id = g.application_id \
         WHERE g.created_at >= {start} AND g.created_at < {end}"
    ))
    .load(conn)?;
    let grants = i64::try_from(targets.len()).map_err(AppError::internal)?;
    for row in &targets {
        for b in parse_list::<Beneficiaries>(&row.beneficiaries)? {
            let at = slot(&b.sex, &b.age_group)?;
            targeted[at] = sums::add(targeted[at], i64::from(b.count))?;
        }
    }

    let rows: Vec<ReachedSum> = diesel::sql_query(format!(
        "SELECT b.sex AS sex, b.age_group AS age_group, b.exploitation AS exploitation, \
                CAST(SUM(b.count) AS TEXT) AS n \
         FROM grant_report_beneficiaries b JOIN grant_reports r ON r.id = b.report_id \
         WHERE r.state = 'accepted' AND r.reviewed_at >= {start} AND r.reviewed_at < {end} \
         GROUP BY b.sex, b.age_group, b.exploitation"
    ))
    .load(conn)?;
    for row in rows {
        let n = sums::minor(row.n)?;
        let at = slot(&parse_name(&row.sex)?, &parse_name(&row.age_group)?)?;
        reached[at] = sums::add(reached[at], n)?;
        let form = index_of(&EXPLOITATION, &parse_name(&row.exploitation)?)?;
        by_form[form] = sums::add(by_form[form], n)?;
    }
    let reports: Vec<Count> = diesel::sql_query(format!(
        "SELECT CAST(COUNT(*) AS TEXT) AS n FROM grant_reports r \
         WHERE r.state = 'accepted' AND r.reviewed_at >= {start} AND r.reviewed_at < {end}"
    ))
    .load(conn)?;
    let accepted_reports = sums::minor(reports.into_iter().next().and_then(|c| c.n))?;

    let mut by_sex_and_age_group = Vec::with_capacity(targeted.len());
    for sex in SEXES {
        for age_group in AGE_GROUPS {
            let at = slot(&sex, &age_group)?;
            by_sex_and_age_group.push(SexAgeFigures {
                sex,
                age_group,
                targeted: targeted[at],
                reached: reached[at],
            });
        }
    }
    let sum = |list: &[i64]| list.iter().try_fold(0_i64, |a, &b| sums::add(a, b));
    Ok(BeneficiariesReport {
        period,
        by_sex_and_age_group,
        by_exploitation: EXPLOITATION
            .iter()
            .zip(&by_form)
            .map(|(&exploitation, &reached)| ExploitationReached {
                exploitation,
                reached,
            })
            .collect(),
        totals: BeneficiaryTotals {
            targeted: sum(&targeted)?,
            reached: sum(&reached)?,
            grants,
            accepted_reports,
        },
        basis: BASIS.to_string(),
    })
}

impl Tabular for BeneficiariesReport {
    fn header() -> &'static [&'static str] {
        &[
            "level",
            "sex",
            "age_group",
            "exploitation",
            "targeted",
            "reached",
        ]
    }

    /// The six sex and age groups, the forms of exploitation (reached only), the total.
    fn rows(&self) -> Vec<Vec<Cell>> {
        let mut rows = Vec::new();
        for g in &self.by_sex_and_age_group {
            rows.push(vec![
                Cell::value("sex_and_age_group"),
                Cell::value(serde_plain(&g.sex)),
                Cell::value(serde_plain(&g.age_group)),
                Cell::empty(),
                Cell::value(g.targeted),
                Cell::value(g.reached),
            ]);
        }
        for f in &self.by_exploitation {
            rows.push(vec![
                Cell::value("exploitation"),
                Cell::empty(),
                Cell::empty(),
                Cell::value(serde_plain(&f.exploitation)),
                Cell::empty(),
                Cell::value(f.reached),
            ]);
        }
        rows.push(vec![
            Cell::value("total"),
            Cell::empty(),
            Cell::empty(),
            Cell::empty(),
            Cell::value(self.totals.targeted),
            Cell::value(self.totals.reached),
        ]);
        rows
    }
}

/// Beneficiaries targeted (in the applications of the grants awarded in the period)
/// against reached (in the grantee reports accepted in the period), by sex and age group,
/// and reached by form of exploitation: counts only (staff, trustees, auditors). JSON, or
/// CSV with `format=csv`.
#[utoipa::path(get, path = "/api/v1/reports/beneficiaries", tag = "reports", security(("bearer" = [])),
    params(ReportQuery),
    responses((status = 200, content((BeneficiariesReport = "application/json"), (String = "text/csv")),
        description = "The report; with `format=csv`, `text/csv` with one row per sex and age group, per form of exploitation (reached only), and the total")))]
pub async fn get(
    caller: Caller,
    db: web::Data<Db>,
    query: Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    require_reader(&caller)?;
    let period = query.period()?;
    let report = db.read(move |conn| beneficiaries(conn, period)).await?;
    super::period::respond(&report, "beneficiaries", period, query.format)
}
