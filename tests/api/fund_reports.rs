//! The Fund's reports (issue 12 item 2): a known data set built through the API, each
//! report's figures checked against it and against the ledger, CSV against JSON, the
//! roles refused and the bad periods refused.

use serde_json::{json, Value};
use trustfund::api::contributions::{CreateContributionRequest, DonorRequest};
use trustfund::auth::Role;
use trustfund::contributions::DonorType;
use trustfund::domain::PositiveMoney;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, country, decimal, positive, positive_usd, short};
use crate::support::csv::{column, csv_rows};
use crate::support::grants::{fund_balances, grant_in, usd_json as usd};
use crate::support::resources::ALL;
use crate::support::scenarios::{fund, seat_board, verified_organization};
use crate::support::{money, Reply};

on_both_backends!(
    geography_reconciles_with_the_grants_and_the_ledger,
    contributions_show_pledged_against_received_in_currency_and_usd,
    only_staff_trustees_and_auditors_read_reports,
    bad_periods_are_refused_naming_the_field,
);

fn today() -> String {
    bodies::today().to_string()
}

/// The Fund's report `name` over `query`, as `who` reads it (JSON: see
/// `resources::FundReport`).
async fn read_report(
    app: &TestApp,
    who: &TestUser,
    name: &str,
    query: &[(&str, &str)],
) -> Reply<Value> {
    app.as_(who).fund_report(name).read(query).await
}

async fn geography_reconciles_with_the_grants_and_the_ledger(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    let kenya = grant_in(&app, &board, "KE", "30000.00").await;
    grant_in(&app, &board, "CL", "20000.00").await;
    let finance = app.user(Role::Finance).await;
    app.as_(&board.secretariat)
        .grant(kenya)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    let as_finance = app.as_(&finance);
    as_finance
        .grant(kenya)
        .pay(&bodies::disbursement(1, "10000.00"))
        .await
        .created();
    as_finance
        .grant(kenya)
        .refund(&bodies::refund("500.25"))
        .await
        .created();

    let trustee = app.user(Role::Trustee).await;
    let report = read_report(&app, &trustee, "geography", ALL).await.ok();
    let totals = &report["totals"];
    assert_eq!(totals["grants"], 2);
    assert_eq!(totals["awarded"], usd("50000.00"));
    assert_eq!(totals["psc_committed"], usd("6500.00"));
    assert_eq!(totals["disbursed"], usd("10000.00"));
    assert_eq!(totals["disbursement_psc"], usd("1300.00"));
    assert_eq!(totals["refunded"], usd("500.25"));
    assert_eq!(totals["net_disbursed"], usd("9499.75"));
    assert_eq!(totals["awarded_share"], "1.0000");

    // The ledger says the same (the whole history is in this period).
    let balances = fund_balances(&app, &finance).await;
    assert_eq!(balances.disbursed_to_date, money(&totals["disbursed"]));
    assert_eq!(balances.refunds_to_date, money(&totals["refunded"]));

    let groups = report["regional_groups"].as_array().unwrap();
    assert_eq!(groups.len(), 5, "every group, even the empty ones");
    let group = |key: &str| groups.iter().find(|g| g["regional_group"] == key).unwrap();
    let africa = group("african");
    assert_eq!(africa["awarded"], usd("30000.00"));
    assert_eq!(africa["awarded_share"], "0.6000");
    assert_eq!(africa["disbursed_share"], "1.0000");
    assert_eq!(africa["countries"][0]["country"], "KE");
    assert_eq!(africa["countries"][0]["net_disbursed"], usd("9499.75"));
    let latin = group("latin_american_caribbean");
    assert_eq!(latin["awarded"], usd("20000.00"));
    assert_eq!(latin["awarded_share"], "0.4000");
    assert_eq!(latin["disbursed_share"], "0.0000");
    assert_eq!(latin["countries"][0]["country"], "CL");
    assert_eq!(group("eastern_european")["grants"], 0);
    assert_eq!(group("eastern_european")["countries"], json!([]));
    let share_sum: rust_decimal::Decimal = groups
        .iter()
        .map(|g| decimal(g["awarded_share"].as_str().expect("a share")))
        .sum();
    assert_eq!(share_sum, rust_decimal::Decimal::ONE);

    // CSV: the same figures, with a file name naming the report and the period.
    let csv = read_report(&app, &trustee, "geography", &[("format", "csv")])
        .await
        .raw()
        .expect(200);
    let from = format!("{}-01-01", &today()[..4]);
    assert_eq!(
        csv.header("content-disposition").unwrap(),
        format!(
            "attachment; filename=\"trustfund-geography-{from}-to-{}.csv\"",
            today()
        )
    );
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let (header, rows) = csv_rows(&csv.text);
    assert_eq!(
        rows.len(),
        5 + 2 + 1,
        "five groups, two countries, the total"
    );
    let total = rows.last().unwrap();
    assert_eq!(total[column(&header, "level")], "total");
    for field in [
        "awarded",
        "psc_committed",
        "disbursed",
        "refunded",
        "net_disbursed",
    ] {
        assert_eq!(
            total[column(&header, field)],
            money(&totals[field]).amount().to_string(),
            "{field}"
        );
    }
    let kenya_row = rows
        .iter()
        .find(|r| r[column(&header, "country")] == "KE")
        .unwrap();
    assert_eq!(kenya_row[column(&header, "regional_group")], "african");
    assert_eq!(kenya_row[column(&header, "awarded_share")], "0.6000");
    assert_eq!(kenya_row[column(&header, "grants")], "1");

    // A period before any of it: nothing, and shares of nothing are zero.
    let yesterday = bodies::days_from_today(-1).to_string();
    let empty = read_report(
        &app,
        &trustee,
        "geography",
        &[("from", "2020-01-01"), ("to", yesterday.as_str())],
    )
    .await
    .ok();
    assert_eq!(
        empty["period"],
        json!({"from": "2020-01-01", "to": yesterday})
    );
    assert_eq!(empty["totals"]["grants"], 0);
    assert_eq!(empty["totals"]["awarded"], usd("0.00"));
    assert_eq!(empty["totals"]["awarded_share"], "0.0000");
}

fn donor(name: &str, donor_type: DonorType, from: Option<&str>) -> DonorRequest {
    DonorRequest {
        name: Some(short(name)),
        donor_type,
        country: from.map(country),
    }
}

/// A contribution by `donor` made today (`pledged`, or none for a gift), and a receipt
/// of `receipt` at its rate to the dollar.
async fn contribute(
    app: &TestApp,
    who: &TestUser,
    donor: DonorRequest,
    pledged: Option<PositiveMoney>,
    receipt: Option<(PositiveMoney, &str)>,
) {
    let as_who = app.as_(who);
    let created = as_who
        .contributions()
        .record(&CreateContributionRequest {
            donor,
            pledged,
            pledged_on: bodies::today(),
        })
        .await
        .created();
    if let Some((amount, rate)) = receipt {
        as_who
            .contribution(created.id)
            .receive(&bodies::receipt(amount, rate))
            .await
            .created();
    }
}

async fn contributions_show_pledged_against_received_in_currency_and_usd(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    contribute(
        &app,
        &finance,
        donor("Japan", DonorType::MemberState, Some("JP")),
        Some(positive("1000000", "JPY")),
        Some((positive("600000", "JPY"), "0.0067")),
    )
    .await;
    contribute(
        &app,
        &finance,
        donor("Norway", DonorType::MemberState, Some("NO")),
        Some(positive_usd("50000.00")),
        Some((positive_usd("49999.99"), "1")),
    )
    .await;
    contribute(
        &app,
        &finance,
        donor("A private foundation", DonorType::PrivateSector, None),
        None,
        Some((positive("1000.00", "EUR"), "1.08")),
    )
    .await;

    let auditor = app.user(Role::Auditor).await;
    let report = read_report(&app, &auditor, "contributions", ALL).await.ok();
    // 600,000 JPY × 0.0067 = 4,020.00; 49,999.99; 1,000 EUR × 1.08 = 1,080.00.
    assert_eq!(report["received_usd"], usd("55099.99"));
    // The JPY pledge's month has no rate of exchange recorded: no total is guessed, and
    // the month and currency are named.
    assert_eq!(report["pledged_usd"], Value::Null);
    let this_month = &bodies::today().to_string()[..7];
    assert_eq!(
        report["rates_missing"],
        json!([{"month": this_month, "currency": "JPY"}])
    );
    let balances = fund_balances(&app, &finance).await;
    assert_eq!(balances.received_to_date, bodies::usd("55099.99"));

    let donors = report["donors"].as_array().unwrap();
    assert_eq!(donors.len(), 3);
    let donor = |name: &str| donors.iter().find(|d| d["donor"] == name).unwrap();
    let japan = donor("Japan");
    assert_eq!(japan["currency"], "JPY");
    assert_eq!(
        japan["pledged"],
        json!({"amount": "1000000", "currency": "JPY"})
    );
    assert_eq!(
        japan["received"],
        json!({"amount": "600000", "currency": "JPY"})
    );
    assert_eq!(japan["received_usd"], usd("4020.00"));
    assert_eq!(
        japan["pledged_usd"],
        Value::Null,
        "no JPY rate is recorded for the pledge's month"
    );
    assert_eq!(donor("Norway")["pledged_usd"], usd("50000.00"));
    assert_eq!(donor("Norway")["receivable"]["amount"], usd("0.01"));
    assert_eq!(
        donor("Norway")["receivable"]["exchange_difference_usd"],
        usd("0.00")
    );
    let foundation = donor("A private foundation");
    assert_eq!(foundation["pledges"], 0);
    assert_eq!(foundation["receipts"], 1);
    assert_eq!(
        foundation["received"],
        json!({"amount": "1000.00", "currency": "EUR"})
    );

    let types = report["by_donor_type"].as_array().unwrap();
    let by_type = |t: &str| types.iter().find(|d| d["donor_type"] == t).unwrap();
    assert_eq!(by_type("member_state")["received_usd"], usd("54019.99"));
    assert_eq!(by_type("private_sector")["received_usd"], usd("1080.00"));
    let currencies = report["by_currency"].as_array().unwrap();
    assert_eq!(currencies.len(), 3);

    let csv = app
        .as_(&auditor)
        .fund_report("contributions")
        .read(&[("format", "csv")])
        .await
        .raw()
        .expect(200);
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .contains("trustfund-contributions-"));
    let (header, rows) = csv_rows(&csv.text);
    let total = rows.last().unwrap();
    assert_eq!(total[column(&header, "level")], "total");
    assert_eq!(total[column(&header, "received_usd")], "55099.99");
    assert_eq!(total[column(&header, "pledged_usd")], "");
    assert_eq!(
        total[column(&header, "rates_missing")],
        format!("{this_month} JPY")
    );
    let japan_row = rows
        .iter()
        .find(|r| r[column(&header, "donor")] == "Japan")
        .unwrap();
    assert_eq!(japan_row[column(&header, "pledged")], "1000000");
    assert_eq!(japan_row[column(&header, "received_usd")], "4020.00");
    assert_eq!(japan_row[column(&header, "pledged_usd")], "");
}

const REPORTS: [&str; 5] = [
    "geography",
    "contributions",
    "exploitation",
    "beneficiaries",
    "board",
];

async fn only_staff_trustees_and_auditors_read_reports(app: TestApp) {
    let (applicant, _) = verified_organization(&app, "KE").await;
    for name in REPORTS {
        for role in [
            Role::Admin,
            Role::Secretariat,
            Role::Finance,
            Role::Trustee,
            Role::Auditor,
        ] {
            read_report(&app, &app.user(role).await, name, ALL)
                .await
                .ok();
        }
        read_report(&app, &applicant, name, ALL)
            .await
            .refused(403, "forbidden");
        app.anonymous()
            .fund_report(name)
            .read(ALL)
            .await
            .raw()
            .expect(401);
    }
}

async fn bad_periods_are_refused_naming_the_field(app: TestApp) {
    let auditor = app.user(Role::Auditor).await;
    let cases: [(&[(&str, &str)], &str); 5] = [
        (&[("from", "2026-13-01")], "from"),
        (&[("to", "yesterday")], "to"),
        (&[("from", "2026-03-02"), ("to", "2026-03-01")], "from"),
        (&[("format", "xml")], "format"),
        (&[("colour", "red")], "colour"),
    ];
    for (query, field) in cases {
        for name in REPORTS {
            let bad = read_report(&app, &auditor, name, query)
                .await
                .refused(400, "validation");
            assert_eq!(bad.fields(), vec![field], "{name}?{query:?}");
        }
    }
    // One day is a period.
    read_report(
        &app,
        &auditor,
        "geography",
        &[("from", "2026-03-01"), ("to", "2026-03-01")],
    )
    .await
    .ok();
}
