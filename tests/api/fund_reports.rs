//! The Fund's reports (issue 12 item 2): a known data set built through the API, each
//! report's figures checked against it and against the ledger, CSV against JSON, the
//! roles refused and the bad periods refused.

use reqwest::Method;
use serde_json::{json, Value};
use trustfund::auth::Role;
use uuid::Uuid;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::csv::{column, csv_rows};
use crate::support::grants::{grant_in, payment, refund_of, schedule, usd_json as usd};
use crate::support::scenarios::{fund, seat_board};

on_both_backends!(
    geography_reconciles_with_the_grants_and_the_ledger,
    contributions_show_pledged_against_received_in_currency_and_usd,
    only_staff_trustees_and_auditors_read_reports,
    bad_periods_are_refused_naming_the_field,
);

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

fn amount(v: &Value) -> &str {
    v["amount"].as_str().unwrap()
}

async fn geography_reconciles_with_the_grants_and_the_ledger(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    let kenya = grant_in(&app, &board, "KE", "30000.00").await;
    grant_in(&app, &board, "CL", "20000.00").await;
    let finance = app.user(Role::Finance).await;
    app.post(
        &board.secretariat,
        &format!("/api/v1/grants/{kenya}/agreement"),
        schedule(),
    )
    .await
    .expect(201);
    app.post(
        &finance,
        &format!("/api/v1/grants/{kenya}/disbursements"),
        payment(1, "10000.00"),
    )
    .await
    .expect(201);
    app.post(
        &finance,
        &format!("/api/v1/grants/{kenya}/refunds"),
        refund_of("500.25"),
    )
    .await
    .expect(201);

    let trustee = app.user(Role::Trustee).await;
    let report = app
        .get(&trustee, "/api/v1/reports/geography")
        .await
        .expect(200)
        .body;
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
    let balances = app.get(&finance, "/api/v1/fund").await.expect(200).body["balances"].clone();
    assert_eq!(
        amount(&balances["disbursed_to_date"]),
        amount(&totals["disbursed"])
    );
    assert_eq!(
        amount(&balances["refunds_to_date"]),
        amount(&totals["refunded"])
    );

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
        .map(|g| {
            g["awarded_share"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(share_sum, rust_decimal::Decimal::ONE);

    // CSV: the same figures, with a file name naming the report and the period.
    let csv = app
        .get(&trustee, "/api/v1/reports/geography?format=csv")
        .await
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
            amount(&totals[field]),
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
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
    let empty = app
        .get(
            &trustee,
            &format!("/api/v1/reports/geography?from=2020-01-01&to={yesterday}"),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(
        empty["period"],
        json!({"from": "2020-01-01", "to": yesterday})
    );
    assert_eq!(empty["totals"]["grants"], 0);
    assert_eq!(empty["totals"]["awarded"], usd("0.00"));
    assert_eq!(empty["totals"]["awarded_share"], "0.0000");
}

async fn contribute(
    app: &TestApp,
    who: &TestUser,
    donor: Value,
    pledged: Option<Value>,
    receipt: Option<(Value, &str)>,
) {
    let mut body = json!({"donor": donor, "pledged_on": today()});
    if let Some(pledged) = pledged {
        body["pledged"] = pledged;
    }
    let created = app
        .post(who, "/api/v1/contributions", body)
        .await
        .expect(201);
    let id = created.body["id"].as_str().unwrap();
    if let Some((amount, rate)) = receipt {
        app.post(
            who,
            &format!("/api/v1/contributions/{id}/receipts"),
            json!({"amount": amount, "received_on": today(), "rate_to_usd": rate,
                   "bank_reference": format!("REF-{}", Uuid::new_v4().simple())}),
        )
        .await
        .expect(201);
    }
}

async fn contributions_show_pledged_against_received_in_currency_and_usd(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let japan = json!({"name": "Japan", "donor_type": "member_state", "country": "JP"});
    contribute(
        &app,
        &finance,
        japan,
        Some(json!({"amount": "1000000", "currency": "JPY"})),
        Some((json!({"amount": "600000", "currency": "JPY"}), "0.0067")),
    )
    .await;
    let norway = json!({"name": "Norway", "donor_type": "member_state", "country": "NO"});
    contribute(
        &app,
        &finance,
        norway,
        Some(json!({"amount": "50000.00", "currency": "USD"})),
        Some((json!({"amount": "49999.99", "currency": "USD"}), "1")),
    )
    .await;
    let foundation = json!({"name": "A private foundation", "donor_type": "private_sector"});
    contribute(
        &app,
        &finance,
        foundation,
        None,
        Some((json!({"amount": "1000.00", "currency": "EUR"}), "1.08")),
    )
    .await;

    let auditor = app.user(Role::Auditor).await;
    let report = app
        .get(&auditor, "/api/v1/reports/contributions")
        .await
        .expect(200)
        .body;
    // 600,000 JPY × 0.0067 = 4,020.00; 49,999.99; 1,000 EUR × 1.08 = 1,080.00.
    assert_eq!(report["received_usd"], usd("55099.99"));
    assert_eq!(report["pledged_usd"], usd("50000.00"));
    let balances = app.get(&finance, "/api/v1/fund").await.expect(200).body["balances"].clone();
    assert_eq!(amount(&balances["received_to_date"]), "55099.99");

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
        "a JPY pledge has no rate"
    );
    assert_eq!(donor("Norway")["pledged_usd"], usd("50000.00"));
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
        .get(&auditor, "/api/v1/reports/contributions?format=csv")
        .await
        .expect(200);
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .contains("trustfund-contributions-"));
    let (header, rows) = csv_rows(&csv.text);
    let total = rows.last().unwrap();
    assert_eq!(total[column(&header, "level")], "total");
    assert_eq!(total[column(&header, "received_usd")], "55099.99");
    assert_eq!(total[column(&header, "pledged_usd")], "50000.00");
    let japan_row = rows
        .iter()
        .find(|r| r[column(&header, "donor")] == "Japan")
        .unwrap();
    assert_eq!(japan_row[column(&header, "pledged")], "1000000");
    assert_eq!(japan_row[column(&header, "received_usd")], "4020.00");
    assert_eq!(japan_row[column(&header, "pledged_usd")], "");
}

async fn only_staff_trustees_and_auditors_read_reports(app: TestApp) {
    let (applicant, _) = app.verified_applicant().await;
    for path in [
        "/api/v1/reports/geography",
        "/api/v1/reports/contributions",
        "/api/v1/reports/exploitation",
        "/api/v1/reports/beneficiaries",
        "/api/v1/reports/board",
    ] {
        for role in [
            Role::Admin,
            Role::Secretariat,
            Role::Finance,
            Role::Trustee,
            Role::Auditor,
        ] {
            app.get(&app.user(role).await, path).await.expect(200);
        }
        app.get(&applicant, path)
            .await
            .expect_problem(403, "forbidden");
        app.send(Method::GET, path, None, None).await.expect(401);
    }
}

async fn bad_periods_are_refused_naming_the_field(app: TestApp) {
    let auditor = app.user(Role::Auditor).await;
    for (query, field) in [
        ("from=2026-13-01", "from"),
        ("to=yesterday", "to"),
        ("from=2026-03-02&to=2026-03-01", "from"),
        ("format=xml", "format"),
        ("colour=red", "colour"),
    ] {
        for report in [
            "geography",
            "contributions",
            "exploitation",
            "beneficiaries",
            "board",
        ] {
            let bad = app
                .get(&auditor, &format!("/api/v1/reports/{report}?{query}"))
                .await
                .expect_problem(400, "validation");
            assert_eq!(bad.bad_fields(), vec![field], "{report}?{query}");
        }
    }
    // One day is a period.
    app.get(
        &auditor,
        "/api/v1/reports/geography?from=2026-03-01&to=2026-03-01",
    )
    .await
    .expect(200);
}
