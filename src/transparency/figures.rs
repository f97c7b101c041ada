//! The use case: every public figure of the Fund, read in one snapshot from the same
//! reports staff read (`crate::fund_reports`) and the ledger's balances, over the Fund's
//! whole history to today, then cut down to what may be published.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use diesel::dsl::min;
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use super::count::{suppress, Count};
use super::grants::{awarded_grants, PublicGrant};
use crate::calls::{AgeGroup, Exploitation, Sex};
use crate::db::schema::{contribution_receipts, grants};
use crate::db::{Actor, DbConnection};
use crate::domain::{CountryCode, Currency, Money, QueryDate, RegionalGroup};
use crate::error::AppError;
use crate::fund_reports::{self, Period};

/// The donor type whose donors are named: the Fund publishes what each Member State gave;
/// every other donor (a company, a foundation, a person) only within its type's sum.
pub const NAMED_DONOR_TYPE: &str = "member_state";

/// Grants, money awarded and paid, in USD.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GrantMoney {
    pub grants: i64,
    /// Awards, without programme support cost.
    pub awarded: Money,
    /// Paid to grantees (payments not reversed).
    pub disbursed: Money,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearGrants {
    /// Grants by the year of their award, payments by the year of their value date.
    pub year: i32,
    #[serde(flatten)]
    pub figures: GrantMoney,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupGrants {
    pub regional_group: RegionalGroup,
    #[serde(flatten)]
    pub figures: GrantMoney,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CountryGrants {
    pub country: CountryCode,
    pub regional_group: RegionalGroup,
    #[serde(flatten)]
    pub figures: GrantMoney,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExploitationGrants {
    pub exploitation: Exploitation,
    #[serde(flatten)]
    pub figures: GrantMoney,
}

/// `GET /api/v1/public/grants`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicGrants {
    #[schema(value_type = String, format = Date)]
    pub as_of: NaiveDate,
    /// Every grant awarded, oldest first.
    pub grants: Vec<PublicGrant>,
    pub by_year: Vec<YearGrants>,
    /// All five groups, in the UN's order.
    pub by_regional_group: Vec<GroupGrants>,
    pub by_country: Vec<CountryGrants>,
    /// A grant counts under every form its application names, its money split equally.
    pub by_exploitation: Vec<ExploitationGrants>,
    pub totals: GrantMoney,
}

/// What donors gave in one year: a Member State by name, any other donor type in sum.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DonorYear {
    pub year: i32,
    /// `member_state`, `public`, `private_sector`, `individual`, `intergovernmental`.
    pub donor_type: String,
    /// The Member State; `null` for a sum over a donor type.
    pub donor: Option<String>,
    /// Received in the year (receipts not reversed), in USD at the rate of each receipt.
    pub received: Money,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearReceived {
    pub year: i32,
    pub received: Money,
}

/// `GET /api/v1/public/contributions`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicContributions {
    #[schema(value_type = String, format = Date)]
    pub as_of: NaiveDate,
    pub by_donor: Vec<DonorYear>,
    pub by_year: Vec<YearReceived>,
    pub received: Money,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SexAgeReached {
    pub sex: Sex,
    pub age_group: AgeGroup,
    pub reached: Count,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExploitationReached {
    pub exploitation: Exploitation,
    pub reached: Count,
}

/// `GET /api/v1/public/beneficiaries`: people reached, from accepted grantee reports.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicBeneficiaries {
    #[schema(value_type = String, format = Date)]
    pub as_of: NaiveDate,
    pub by_sex_and_age_group: Vec<SexAgeReached>,
    pub by_exploitation: Vec<ExploitationReached>,
    pub reached: Count,
    /// How small counts are hidden.
    pub small_counts: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicTrustee {
    pub name: String,
    pub regional_group: RegionalGroup,
    pub chair: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupSeats {
    pub regional_group: RegionalGroup,
    pub members: usize,
}

/// The Board today: names and regional groups, nothing else about a trustee.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicBoard {
    pub seats: usize,
    pub members: Vec<PublicTrustee>,
    /// All five groups, in the UN's order: one member each when the Board is balanced.
    pub regional_groups: Vec<GroupSeats>,
}

/// `GET /api/v1/public/summary`: the Fund's money in USD, its reach and its Board.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicSummary {
    /// The figures cover the Fund's history to this day.
    #[schema(value_type = String, format = Date)]
    pub as_of: NaiveDate,
    /// Contributions received (net of reversals), as the ledger holds them.
    pub contributions_received: Money,
    pub grants: i64,
    /// Awards of every grant, without programme support cost.
    pub awarded: Money,
    /// Grant money paid to grantees, as the ledger holds it.
    pub disbursed: Money,
    /// Refunded by grantees, as the ledger holds it.
    pub refunded: Money,
    /// Committed to grants (award and support cost) and not yet paid, as the ledger holds it.
    pub commitments_outstanding: Money,
    pub people_reached: Count,
    pub board: PublicBoard,
}

/// Everything published, built at once so the four answers agree.
#[derive(Debug, Clone)]
pub struct PublicFigures {
    pub summary: PublicSummary,
    pub grants: PublicGrants,
    pub contributions: PublicContributions,
    pub beneficiaries: PublicBeneficiaries,
}

fn usd(minor: i64) -> Result<Money, AppError> {
    Money::from_minor(minor, Currency::USD).map_err(AppError::internal)
}

fn add(a: i64, b: i64) -> Result<i64, AppError> {
    a.checked_add(b)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("public sum overflows")))
}

fn whole_history(today: NaiveDate) -> Period {
    Period {
        from: QueryDate::FIRST.min(today),
        to: today,
    }
}

fn year(y: i32, today: NaiveDate) -> Period {
    let first = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(today);
    let last = NaiveDate::from_ymd_opt(y, 12, 31)
        .unwrap_or(today)
        .min(today);
    Period {
        from: first,
        to: last,
    }
}

/// The years from the first grant or receipt to today's.
fn years(
    conn: &mut DbConnection,
    today: NaiveDate,
) -> Result<std::ops::RangeInclusive<i32>, AppError> {
    let first_grant: Option<chrono::NaiveDateTime> = grants::table
        .select(min(grants::created_at))
        .get_result(conn)?;
    let first_receipt: Option<NaiveDate> = contribution_receipts::table
        .select(min(contribution_receipts::received_on))
        .get_result(conn)?;
    let first = [
        first_grant.map(|t| t.year()),
        first_receipt.map(|d| d.year()),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(today.year());
    Ok(first.min(today.year())..=today.year())
}

/// Every public figure, as of today on the actor's clock, from one read snapshot.
pub fn public_figures(conn: &mut DbConnection, actor: &Actor) -> Result<PublicFigures, AppError> {
    let today = actor.clock.today();
    let all = whole_history(today);
    let years = years(conn, today)?;

    let geography = fund_reports::geography_report(conn, actor, all)?;
    let money = |f: &fund_reports::geography::GeographyFigures| GrantMoney {
        grants: f.grants,
        awarded: f.awarded,
        disbursed: f.disbursed,
    };
    let mut by_country = Vec::new();
    let mut by_regional_group = Vec::new();
    for group in &geography.regional_groups {
        by_regional_group.push(GroupGrants {
            regional_group: group.regional_group,
            figures: money(&group.figures),
        });
        for c in &group.countries {
            by_country.push(CountryGrants {
                country: c.country,
                regional_group: group.regional_group,
                figures: money(&c.figures),
            });
        }
    }
    let exploitation = fund_reports::exploitation_report(conn, actor, all)?;
    let mut by_year = Vec::new();
    let mut contributions_by_year = Vec::new();
    let mut by_donor = Vec::new();
    for y in years.clone() {
        let period = year(y, today);
        let g = fund_reports::geography_report(conn, actor, period)?;
        by_year.push(YearGrants {
            year: y,
            figures: money(&g.totals),
        });
        let c = fund_reports::contributions_report(conn, actor, period)?;
        // Summed over currencies, by donor for Member States and by type for the rest.
        let mut sums: BTreeMap<(String, Option<String>), i64> = BTreeMap::new();
        for d in &c.donors {
            let named = (d.donor_type == NAMED_DONOR_TYPE).then(|| d.donor.clone());
            let sum = sums.entry((d.donor_type.clone(), named)).or_default();
            *sum = add(*sum, d.received_usd.to_minor())?;
        }
        for ((donor_type, donor), minor) in sums {
            if minor != 0 {
                by_donor.push(DonorYear {
                    year: y,
                    donor_type,
                    donor,
                    received: usd(minor)?,
                });
            }
        }
        contributions_by_year.push(YearReceived {
            year: y,
            received: c.received_usd,
        });
    }

    let people = fund_reports::beneficiaries_report(conn, actor, all)?;
    let sex_age: Vec<i64> = people
        .by_sex_and_age_group
        .iter()
        .map(|g| g.reached)
        .collect();
    let forms: Vec<i64> = people.by_exploitation.iter().map(|f| f.reached).collect();
    let reached = Count::of(people.totals.reached);
    let beneficiaries = PublicBeneficiaries {
        as_of: today,
        by_sex_and_age_group: people
            .by_sex_and_age_group
            .iter()
            .zip(suppress(&sex_age))
            .map(|(g, reached)| SexAgeReached {
                sex: g.sex,
                age_group: g.age_group,
                reached,
            })
            .collect(),
        by_exploitation: people
            .by_exploitation
            .iter()
            .zip(suppress(&forms))
            .map(|(f, reached)| ExploitationReached {
                exploitation: f.exploitation,
                reached,
            })
            .collect(),
        reached,
        small_counts: super::SMALL_COUNTS.to_string(),
    };

    let board = crate::board::show_board(conn, actor, Some(today))?;
    let chair = board.chair.as_ref().map(|c| c.appointment_id);
    let board = PublicBoard {
        seats: board.seats,
        members: board
            .members
            .iter()
            .map(|m| PublicTrustee {
                name: m.name.clone(),
                regional_group: m.regional_group,
                chair: chair == Some(m.appointment_id),
            })
            .collect(),
        regional_groups: <RegionalGroup as strum::VariantArray>::VARIANTS
            .iter()
            .map(|&g| GroupSeats {
                regional_group: g,
                members: board
                    .members
                    .iter()
                    .filter(|m| m.regional_group == g)
                    .count(),
            })
            .collect(),
    };

    let ledger = crate::ledger::balances(conn)?;
    let received = ledger.received_to_date;
    let summary = PublicSummary {
        as_of: today,
        contributions_received: received,
        grants: geography.totals.grants,
        awarded: geography.totals.awarded,
        disbursed: ledger.disbursed_to_date,
        refunded: ledger.refunds_to_date,
        commitments_outstanding: ledger.commitments_outstanding,
        people_reached: reached,
        board,
    };
    Ok(PublicFigures {
        summary,
        grants: PublicGrants {
            as_of: today,
            grants: awarded_grants(conn)?,
            by_year,
            by_regional_group,
            by_country,
            by_exploitation: exploitation
                .by_exploitation
                .iter()
                .map(|e| ExploitationGrants {
                    exploitation: e.exploitation,
                    figures: GrantMoney {
                        grants: e.figures.grants,
                        awarded: e.figures.awarded,
                        disbursed: e.figures.disbursed,
                    },
                })
                .collect(),
            totals: money(&geography.totals),
        },
        contributions: PublicContributions {
            as_of: today,
            by_donor,
            by_year: contributions_by_year,
            received,
        },
        beneficiaries,
    })
}
