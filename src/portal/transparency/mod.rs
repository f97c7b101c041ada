//! `/transparency`: the Fund's public page, for anyone, signed in or not. It shows the
//! figures the open data publishes (`/api/v1/public/*`, from the same snapshot, so page
//! and files agree), each chart beside its table, with links to the files.

mod chart;

use actix_web::{get, web, HttpResponse};
use minijinja::value::Serde;
use rust_decimal::Decimal;
use serde::Serialize;

use self::chart::{bars, Chart, Item};
use super::failure::PageError;
use super::formats;
use super::language::PageLanguage;
use super::messages;
use super::visitor::Visitor;
use crate::db::Db;
use crate::domain::Money;
use crate::transparency::figures::GrantMoney;
use crate::transparency::{Count, Snapshot};

crate::portal_templates!["transparency.html"];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(transparency_page);
}

/// A row of a table of grants and money, with its label in the page's language.
#[derive(Debug, Serialize)]
struct MoneyRow {
    label: String,
    grants: i64,
    awarded: Money,
    disbursed: Money,
}

/// A row of a table of people, the count as the page writes it.
#[derive(Debug, Serialize)]
struct PeopleRow {
    label: String,
    reached: String,
}

#[derive(Debug, Serialize)]
struct DonorRow {
    year: i32,
    donor: String,
    received: Money,
}

#[derive(Debug, Serialize)]
struct GrantRow {
    organization: String,
    country: &'static str,
    year: i32,
    awarded: Money,
    disbursed: Money,
    summary: Option<String>,
}

#[derive(Debug, Serialize)]
struct TrusteeRow {
    name: String,
    group: String,
    chair: bool,
}

#[derive(Debug, Serialize)]
struct GroupSeatRow {
    group: String,
    members: usize,
}

/// A table with its chart.
#[derive(Debug, Serialize)]
struct Figure<R> {
    chart: Chart,
    rows: Vec<R>,
}

fn word(language: PageLanguage, key: &str) -> String {
    messages::plain(language, key)
}

fn plain<T: Serialize>(value: &T) -> String {
    crate::fund_reports::geography::serde_plain(value)
}

fn usd(language: PageLanguage, m: &Money) -> String {
    formats::money(m.amount(), m.currency().code(), language)
}

fn people(language: PageLanguage, c: Count) -> String {
    match c {
        Count::Exact(n) => formats::decimal(Decimal::from(n), language),
        Count::FewerThan5 => word(language, "public-fewer-than-5"),
        Count::Withheld => word(language, "public-withheld"),
    }
}

fn money_figure(
    language: PageLanguage,
    id: &'static str,
    rows: Vec<(String, &GrantMoney)>,
) -> Figure<MoneyRow> {
    let chart = bars(
        id,
        rows.iter()
            .map(|(label, f)| Item {
                label: label.clone(),
                size: Some(f.awarded.amount()),
                value: usd(language, &f.awarded),
            })
            .collect(),
    );
    Figure {
        chart,
        rows: rows
            .into_iter()
            .map(|(label, f)| MoneyRow {
                label,
                grants: f.grants,
                awarded: f.awarded,
                disbursed: f.disbursed,
            })
            .collect(),
    }
}

fn people_figure(
    language: PageLanguage,
    id: &'static str,
    rows: Vec<(String, Count)>,
) -> Figure<PeopleRow> {
    let chart = bars(
        id,
        rows.iter()
            .map(|(label, c)| Item {
                label: label.clone(),
                size: c.exact().map(Decimal::from),
                value: people(language, *c),
            })
            .collect(),
    );
    Figure {
        chart,
        rows: rows
            .into_iter()
            .map(|(label, c)| PeopleRow {
                label,
                reached: people(language, c),
            })
            .collect(),
    }
}

#[get("/transparency")]
async fn transparency_page(
    visitor: Visitor,
    db: web::Data<Db>,
    snapshot: web::Data<Snapshot>,
) -> Result<HttpResponse, PageError> {
    let figures = snapshot
        .figures(&db)
        .await
        .map_err(|error| visitor.failed(error))?;
    let l = visitor.language;
    let group = |g: &crate::domain::RegionalGroup| word(l, &format!("public-region-{}", plain(g)));
    let form =
        |e: &crate::calls::Exploitation| word(l, &format!("public-exploitation-{}", plain(e)));
    let (grants, contributions, reach, summary) = (
        &figures.grants,
        &figures.contributions,
        &figures.beneficiaries,
        &figures.summary,
    );

    let by_year = money_figure(
        l,
        "chart-grants-year",
        grants
            .by_year
            .iter()
            .map(|y| (y.year.to_string(), &y.figures))
            .collect(),
    );
    let by_group = money_figure(
        l,
        "chart-grants-group",
        grants
            .by_regional_group
            .iter()
            .map(|g| (group(&g.regional_group), &g.figures))
            .collect(),
    );
    let by_country = money_figure(
        l,
        "chart-grants-country",
        grants
            .by_country
            .iter()
            .map(|c| (c.country.name().to_string(), &c.figures))
            .collect(),
    );
    let by_form = money_figure(
        l,
        "chart-grants-exploitation",
        grants
            .by_exploitation
            .iter()
            .map(|e| (form(&e.exploitation), &e.figures))
            .collect(),
    );
    let received_by_year = Figure {
        chart: bars(
            "chart-contributions-year",
            contributions
                .by_year
                .iter()
                .map(|y| Item {
                    label: y.year.to_string(),
                    size: Some(y.received.amount()),
                    value: usd(l, &y.received),
                })
                .collect(),
        ),
        rows: contributions
            .by_year
            .iter()
            .map(|y| (y.year, y.received))
            .collect::<Vec<_>>(),
    };
    let donors: Vec<DonorRow> = contributions
        .by_donor
        .iter()
        .map(|d| DonorRow {
            year: d.year,
            donor: d
                .donor
                .clone()
                .unwrap_or_else(|| word(l, &format!("public-donor-type-{}", d.donor_type))),
            received: d.received,
        })
        .collect();
    let sex_age = people_figure(
        l,
        "chart-people-group",
        reach
            .by_sex_and_age_group
            .iter()
            .map(|g| {
                let key = format!("public-people-{}-{}", plain(&g.sex), plain(&g.age_group));
                (word(l, &key), g.reached)
            })
            .collect(),
    );
    let people_by_form = people_figure(
        l,
        "chart-people-exploitation",
        reach
            .by_exploitation
            .iter()
            .map(|f| (form(&f.exploitation), f.reached))
            .collect(),
    );
    let list: Vec<GrantRow> = grants
        .grants
        .iter()
        .map(|g| GrantRow {
            organization: g.organization.clone(),
            country: g.country.name(),
            year: g.year,
            awarded: g.awarded,
            disbursed: g.disbursed,
            summary: g.public_summary.clone(),
        })
        .collect();
    let trustees: Vec<TrusteeRow> = summary
        .board
        .members
        .iter()
        .map(|m| TrusteeRow {
            name: m.name.clone(),
            group: group(&m.regional_group),
            chair: m.chair,
        })
        .collect();
    let seats: Vec<GroupSeatRow> = summary
        .board
        .regional_groups
        .iter()
        .map(|g| GroupSeatRow {
            group: group(&g.regional_group),
            members: g.members,
        })
        .collect();
    visitor.page(
        "transparency.html",
        minijinja::context! {
            summary => Serde(summary),
            people_reached => people(l, summary.people_reached),
            received_by_year => Serde(received_by_year),
            donors => Serde(donors),
            contributions_total => Serde(contributions.received),
            by_year => Serde(by_year),
            by_group => Serde(by_group),
            by_country => Serde(by_country),
            by_form => Serde(by_form),
            grants_total => Serde(&grants.totals),
            grants => Serde(list),
            sex_age => Serde(sex_age),
            people_by_form => Serde(people_by_form),
            trustees => Serde(trustees),
            seats => Serde(seats),
        },
    )
}
