//! `GET /api/v1/reports/beneficiaries`: people targeted against people reached, by sex and
//! age group, and reached by form of exploitation. Counts only, never a person.
//!
//! Targeted: the target beneficiaries of the applications whose grants were awarded in the
//! period. Reached: grantee reports count people cumulatively (everyone assisted under the
//! grant to the end of the report's period, `crate::grant_reports`), so each grant counts
//! once, by its latest accepted report (its final report once accepted), never by the sum
//! of its reports. Reached in a period is what those figures grew by in it: per group, the
//! grants' latest figures accepted by the period's end less those accepted before its
//! start. Periods therefore add up (two halves of a year reach what the year reaches), and
//! a period from the first report to today reaches each grant's latest figures. Reports
//! count from the day the secretariat accepted them; a returned or unreviewed report counts
//! for nothing. Accepted figures never go down in any group (`report-beneficiaries-
//! decreased`), so no group's figure is negative. An application states its targets by sex
//! and age group only, so `targeted` has no split by form of exploitation.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};
use serde::Serialize;
use utoipa::ToSchema;

use super::categories::{index_of, parse_list, parse_name, AGE_GROUPS, EXPLOITATION, SEXES};
use super::geography::serde_plain;
use super::period::Period;
use super::sums::{self, over_instants};
use super::table::{Table, Tabular};
use crate::applications::Beneficiaries;
use crate::calls::{AgeGroup, Exploitation, Sex};
use crate::db::{dialect, Actor, DbConnection};
use crate::domain::csv_cell::Cell;
use crate::error::AppError;

/// What `targeted` and `reached` count, stated in the report.
pub const BASIS: &str = "targeted: the target beneficiaries of the applications whose \
grants were awarded in the period; reached: grantee reports count people to date, so each \
grant counts once, by its latest accepted report (its final report once accepted), never \
the sum of its reports; reached in the period is the growth of those figures over it (the \
latest figures accepted by its end less those accepted before its start), so periods add \
up. Applications state targets by sex and age group only, so the forms of exploitation \
have reached figures only.";

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
    /// Grantee reports accepted in the period (whose figures the reached grew by).
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
    #[diesel(sql_type = Text)]
    beneficiaries: String,
}

#[derive(QueryableByName)]
struct ReachedSum {
    #[diesel(sql_type = Text)]
    sex: String,
    #[diesel(sql_type = Text)]
    age_group: String,
    #[diesel(sql_type = Text)]
    exploitation: String,
    #[diesel(sql_type = Nullable<BigInt>)]
    n: Option<i64>,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn slot(sex: &Sex, age: &AgeGroup) -> Result<usize, AppError> {
    Ok(index_of(&SEXES, sex)? * AGE_GROUPS.len() + index_of(&AGE_GROUPS, age)?)
}

fn overflow() -> AppError {
    AppError::internal(anyhow::anyhow!("beneficiaries: a count out of range"))
}

/// The people reached to the instant `bound`: each grant's latest figures accepted
/// before it, summed by group.
fn to_date(conn: &mut DbConnection, bound: NaiveDateTime) -> Result<Vec<ReachedSum>, AppError> {
    Ok(
        dialect::sql_query(conn, include_str!("sql/beneficiaries_to_date.sql"))
            .bind::<Timestamp, _>(bound)
            .load(conn)?,
    )
}

/// The beneficiaries report for `period`, from one snapshot (readers of the Fund's reports, as
/// the faces declare).
pub fn beneficiaries_report(
    conn: &mut DbConnection,
    _actor: &Actor,
    period: Period,
) -> Result<BeneficiariesReport, AppError> {
    let mut targeted = vec![0_i64; SEXES.len() * AGE_GROUPS.len()];
    let mut reached = vec![0_i64; SEXES.len() * AGE_GROUPS.len()];
    let mut by_form = vec![0_i64; EXPLOITATION.len()];

    // One row per grant awarded in the period: its application's targets (a JSON list).
    let targets: Vec<Targets> =
        over_instants(conn, include_str!("sql/beneficiaries_targets.sql"), period)?;
    let grants = i64::try_from(targets.len()).map_err(AppError::internal)?;
    for row in &targets {
        for b in parse_list::<Beneficiaries>(&row.beneficiaries)? {
            let at = slot(&b.sex, &b.age_group)?;
            targeted[at] = sums::add(targeted[at], i64::from(b.count))?;
        }
    }

    // The figures to the period's end, less those to its start.
    let (start, end) = period.instants();
    for (bound, sign) in [(end, 1_i64), (start, -1_i64)] {
        for row in to_date(conn, bound)? {
            let n = row.n.unwrap_or(0).checked_mul(sign).ok_or_else(overflow)?;
            let at = slot(&parse_name(&row.sex)?, &parse_name(&row.age_group)?)?;
            reached[at] = sums::add(reached[at], n)?;
            let form = index_of(&EXPLOITATION, &parse_name(&row.exploitation)?)?;
            by_form[form] = sums::add(by_form[form], n)?;
        }
    }
    let reports: Vec<Count> =
        over_instants(conn, include_str!("sql/beneficiaries_reports.sql"), period)?;
    let accepted_reports = reports.first().map_or(0, |c| c.n);

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
    fn rows(&self, table: &mut Table) {
        for g in &self.by_sex_and_age_group {
            table.row([
                ("level", Cell::value("sex_and_age_group")),
                ("sex", Cell::value(serde_plain(&g.sex))),
                ("age_group", Cell::value(serde_plain(&g.age_group))),
                ("targeted", Cell::value(g.targeted)),
                ("reached", Cell::value(g.reached)),
            ]);
        }
        for f in &self.by_exploitation {
            table.row([
                ("level", Cell::value("exploitation")),
                ("exploitation", Cell::value(serde_plain(&f.exploitation))),
                ("reached", Cell::value(f.reached)),
            ]);
        }
        table.row([
            ("level", Cell::value("total")),
            ("targeted", Cell::value(self.totals.targeted)),
            ("reached", Cell::value(self.totals.reached)),
        ]);
    }
}
