//! `GET /api/v1/reports/geography`: grants, awards and disbursements by regional group
//! and country, with their shares.
//!
//! Money goes to the grantee organisation's country (and through it to one UN regional
//! group): an application may name several countries of implementation, but its money is
//! not split among them, so no amount is ever counted twice and every total reconciles to
//! the ledger. Awards are the grants awarded in the period (award and the programme support
//! cost committed with it); disbursements are the payments with a value date in the period
//! and refunds those received in it, both as they stand (a reversed entry counts for
//! nothing). Programme support cost is shown as paid, as credited back with the refunds,
//! and net of those credits: over the Fund's whole history the net is the ledger's
//! `programme_support_costs_to_date`, and the sum of the grants' own figures. All amounts
//! are in USD, the currency of every grant.

use std::collections::BTreeMap;
use strum::VariantArray;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;

use super::period::Period;
use super::shares::{shares, SHARE_ROUNDING};
use super::sums::{self, cell, over_days, over_instants, usd};
use super::table::{Table, Tabular};
use crate::db::{Actor, DbConnection};
use crate::domain::csv_cell::Cell;
use crate::domain::{CountryCode, Money, RegionalGroup};
use crate::error::AppError;

/// The figures of one country, one group, or the Fund.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GeographyFigures {
    /// Grants awarded in the period.
    pub grants: i64,
    /// Their awards (without programme support cost).
    pub awarded: Money,
    /// The programme support cost committed with them.
    pub psc_committed: Money,
    /// Paid to grantees (value date in the period, not reversed).
    pub disbursed: Money,
    /// Programme support cost paid with those payments.
    pub disbursement_psc: Money,
    /// Refunded by grantees in the period (not reversed).
    pub refunded: Money,
    /// Programme support cost credited back with those refunds.
    pub psc_credited: Money,
    /// `disbursement_psc − psc_credited`: the support cost the period charged, net.
    pub net_psc: Money,
    /// `disbursed − refunded`.
    pub net_disbursed: Money,
    /// Share of the total `awarded` (see `rounding`).
    #[schema(value_type = String, example = "0.2500")]
    pub awarded_share: Decimal,
    /// Share of the total `disbursed` (see `rounding`).
    #[schema(value_type = String, example = "0.2500")]
    pub disbursed_share: Decimal,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CountryFigures {
    pub country: CountryCode,
    pub name: String,
    #[serde(flatten)]
    pub figures: GeographyFigures,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegionalGroupFigures {
    pub regional_group: RegionalGroup,
    pub name: String,
    #[serde(flatten)]
    pub figures: GeographyFigures,
    /// The group's countries with any activity in the period, by code.
    pub countries: Vec<CountryFigures>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GeographyReport {
    pub period: Period,
    /// All five groups, in the UN's order, even those with nothing in the period.
    pub regional_groups: Vec<RegionalGroupFigures>,
    pub totals: GeographyFigures,
    /// How the shares are rounded. Group shares are shares of the Fund's total among the
    /// groups, country shares among all countries; each list adds up to 1.0000.
    pub rounding: String,
}

/// Per-country sums in USD cents, straight from the database.
#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    grants: i64,
    awarded: i64,
    psc_committed: i64,
    disbursed: i64,
    disbursement_psc: i64,
    refunded: i64,
    psc_credited: i64,
}

impl Sums {
    fn plus(self, o: Sums) -> Result<Sums, AppError> {
        Ok(Sums {
            grants: sums::add(self.grants, o.grants)?,
            awarded: sums::add(self.awarded, o.awarded)?,
            psc_committed: sums::add(self.psc_committed, o.psc_committed)?,
            disbursed: sums::add(self.disbursed, o.disbursed)?,
            disbursement_psc: sums::add(self.disbursement_psc, o.disbursement_psc)?,
            refunded: sums::add(self.refunded, o.refunded)?,
            psc_credited: sums::add(self.psc_credited, o.psc_credited)?,
        })
    }

    fn figures(
        self,
        awarded_share: Decimal,
        disbursed_share: Decimal,
    ) -> Result<GeographyFigures, AppError> {
        Ok(GeographyFigures {
            grants: self.grants,
            awarded: usd(self.awarded)?,
            psc_committed: usd(self.psc_committed)?,
            disbursed: usd(self.disbursed)?,
            disbursement_psc: usd(self.disbursement_psc)?,
            refunded: usd(self.refunded)?,
            psc_credited: usd(self.psc_credited)?,
            net_psc: usd(sums::sub(self.disbursement_psc, self.psc_credited)?)?,
            net_disbursed: usd(sums::sub(self.disbursed, self.refunded)?)?,
            awarded_share,
            disbursed_share,
        })
    }
}

/// One country's count and two sums (which, the query says).
#[derive(QueryableByName)]
struct CountrySum {
    #[diesel(sql_type = Text)]
    country: CountryCode,
    #[diesel(sql_type = BigInt)]
    n: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    a: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    b: Option<i64>,
}

/// Three grouped queries (awards, payments, refunds per country), run in the caller's
/// snapshot.
fn country_sums(
    conn: &mut DbConnection,
    period: Period,
) -> Result<BTreeMap<CountryCode, Sums>, AppError> {
    let mut out: BTreeMap<CountryCode, Sums> = BTreeMap::new();
    let awards: Vec<CountrySum> =
        over_instants(conn, include_str!("sql/geography_awards.sql"), period)?;
    for r in awards {
        let s = out.entry(r.country).or_default();
        s.grants = r.n;
        s.awarded = r.a.unwrap_or(0);
        s.psc_committed = r.b.unwrap_or(0);
    }
    let payments: Vec<CountrySum> =
        over_days(conn, include_str!("sql/geography_payments.sql"), period)?;
    for r in payments {
        let s = out.entry(r.country).or_default();
        s.disbursed = r.a.unwrap_or(0);
        s.disbursement_psc = r.b.unwrap_or(0);
    }
    let refunds: Vec<CountrySum> =
        over_days(conn, include_str!("sql/geography_refunds.sql"), period)?;
    for r in refunds {
        let s = out.entry(r.country).or_default();
        s.refunded = r.a.unwrap_or(0);
        s.psc_credited = r.b.unwrap_or(0);
    }
    Ok(out)
}

/// Builds the report from per-country sums: groups are the sums of their countries.
fn assemble(
    period: Period,
    countries: BTreeMap<CountryCode, Sums>,
) -> Result<GeographyReport, AppError> {
    let list: Vec<(CountryCode, Sums)> = countries.into_iter().collect();
    let country_awarded = shares(&list.iter().map(|(_, s)| s.awarded).collect::<Vec<_>>());
    let country_disbursed = shares(&list.iter().map(|(_, s)| s.disbursed).collect::<Vec<_>>());
    let mut group_sums = Vec::with_capacity(RegionalGroup::VARIANTS.len());
    for &group in RegionalGroup::VARIANTS {
        let mut total = Sums::default();
        for (country, s) in &list {
            if country.regional_group() == group {
                total = total.plus(*s)?;
            }
        }
        group_sums.push((group, total));
    }
    let group_awarded = shares(
        &group_sums
            .iter()
            .map(|(_, s)| s.awarded)
            .collect::<Vec<_>>(),
    );
    let group_disbursed = shares(
        &group_sums
            .iter()
            .map(|(_, s)| s.disbursed)
            .collect::<Vec<_>>(),
    );
    let mut fund = Sums::default();
    let mut regional_groups = Vec::with_capacity(group_sums.len());
    for (g, (group, total)) in group_sums.into_iter().enumerate() {
        fund = fund.plus(total)?;
        let mut members = Vec::new();
        for (c, (country, s)) in list.iter().enumerate() {
            if country.regional_group() == group {
                members.push(CountryFigures {
                    country: *country,
                    name: country.name().to_string(),
                    figures: s.figures(country_awarded[c], country_disbursed[c])?,
                });
            }
        }
        regional_groups.push(RegionalGroupFigures {
            regional_group: group,
            name: group.name().to_string(),
            figures: total.figures(group_awarded[g], group_disbursed[g])?,
            countries: members,
        });
    }
    let whole = |amount: i64| shares(&[amount])[0];
    Ok(GeographyReport {
        period,
        regional_groups,
        totals: fund.figures(whole(fund.awarded), whole(fund.disbursed))?,
        rounding: SHARE_ROUNDING.to_string(),
    })
}

/// The geography report for `period`, from one snapshot (readers of the Fund's reports, as
/// the faces declare).
pub fn geography_report(
    conn: &mut DbConnection,
    _actor: &Actor,
    period: Period,
) -> Result<GeographyReport, AppError> {
    let countries = country_sums(conn, period)?;
    assemble(period, countries)
}

fn row(table: &mut Table, level: &str, group: &str, country: &str, f: &GeographyFigures) {
    table.row([
        ("level", Cell::value(level)),
        ("regional_group", Cell::value(group)),
        ("country", Cell::value(country)),
        ("grants", Cell::value(f.grants)),
        ("awarded", cell(&f.awarded)),
        ("psc_committed", cell(&f.psc_committed)),
        ("disbursed", cell(&f.disbursed)),
        ("disbursement_psc", cell(&f.disbursement_psc)),
        ("refunded", cell(&f.refunded)),
        ("psc_credited", cell(&f.psc_credited)),
        ("net_psc", cell(&f.net_psc)),
        ("net_disbursed", cell(&f.net_disbursed)),
        ("awarded_share", Cell::value(f.awarded_share)),
        ("disbursed_share", Cell::value(f.disbursed_share)),
        ("currency", Cell::value("USD")),
    ]);
}

impl Tabular for GeographyReport {
    fn header() -> &'static [&'static str] {
        &[
            "level",
            "regional_group",
            "country",
            "grants",
            "awarded",
            "psc_committed",
            "disbursed",
            "disbursement_psc",
            "refunded",
            "psc_credited",
            "net_psc",
            "net_disbursed",
            "awarded_share",
            "disbursed_share",
            "currency",
        ]
    }

    /// One row per group, then its countries; the Fund's total last.
    fn rows(&self, table: &mut Table) {
        for group in &self.regional_groups {
            let key = serde_plain(&group.regional_group);
            row(table, "regional_group", &key, "", &group.figures);
            for c in &group.countries {
                row(table, "country", &key, c.country.code(), &c.figures);
            }
        }
        row(table, "total", "", "", &self.totals);
    }
}

/// An enum's wire name (`asia_pacific`), the same in CSV as in JSON.
pub fn serde_plain<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
