//! The Fund's reports by form of exploitation and type of aid, on beneficiaries, and on the
//! Board (issue 12 item 2): a known data set built through the API, each figure checked to
//! the unit against it, CSV against JSON, totals against the geography report.

use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::csv::{column, csv_rows};
use crate::support::grants::{grant_in, payment, refund_of, schedule, usd_json as usd};
use crate::support::scenarios::{decide, fund, seat_board, vote, Board};
use trustfund::domain::GrantId;

on_both_backends!(
    exploitation_splits_each_grant_equally_to_the_cent_and_reconciles_with_geography,
    beneficiaries_targeted_against_reached_in_accepted_reports,
    the_board_report_shows_terms_groups_and_shortfalls,
    the_demo_data_makes_every_report_meaningful,
);

fn day(offset: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset)).to_string()
}

fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|v| v[key] == value)
        .unwrap_or_else(|| panic!("{key} = {value} in {list}"))
}

/// Two grants whose applications both name sexual exploitation and forced labour, and
/// humanitarian and legal aid (helpers::application): Kenya USD 30,000.00 (agreement,
/// USD 10,000.00 paid, USD 500.25 refunded) and Chile USD 20,000.01.
async fn two_grants(app: &TestApp) -> (Board, GrantId) {
    let board = seat_board(app).await;
    fund(app, "200000.00").await;
    let kenya = grant_in(app, &board, "KE", "30000.00").await;
    grant_in(app, &board, "CL", "20000.01").await;
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
    (board, kenya)
}

async fn exploitation_splits_each_grant_equally_to_the_cent_and_reconciles_with_geography(
    app: TestApp,
) {
    two_grants(&app).await;
    let auditor = app.user(Role::Auditor).await;
    let report = app
        .get(&auditor, "/api/v1/reports/exploitation")
        .await
        .expect(200)
        .body;
    let forms = &report["by_exploitation"];
    assert_eq!(forms.as_array().unwrap().len(), 9, "every form, even empty");
    // Chile's 20,000.01 splits 10,000.01 + 10,000.00 (the cent to the earlier form);
    // the refund's 500.25 splits 250.13 + 250.12.
    let sexual = find(forms, "exploitation", "sexual_exploitation");
    assert_eq!(sexual["grants"], 2);
    assert_eq!(sexual["awarded"], usd("25000.01"));
    assert_eq!(sexual["disbursed"], usd("5000.00"));
    assert_eq!(sexual["refunded"], usd("250.13"));
    assert_eq!(sexual["net_disbursed"], usd("4749.87"));
    assert_eq!(sexual["awarded_share"], "0.5000");
    assert_eq!(sexual["disbursed_share"], "0.5000");
    let labour = find(forms, "exploitation", "forced_labour");
    assert_eq!(labour["grants"], 2);
    assert_eq!(labour["awarded"], usd("25000.00"));
    assert_eq!(labour["refunded"], usd("250.12"));
    assert_eq!(labour["net_disbursed"], usd("4749.88"));
    let slavery = find(forms, "exploitation", "slavery");
    assert_eq!(slavery["grants"], 0);
    assert_eq!(slavery["awarded"], usd("0.00"));
    assert_eq!(slavery["awarded_share"], "0.0000");

    let aids = &report["by_aid_type"];
    assert_eq!(aids.as_array().unwrap().len(), 3);
    assert_eq!(
        find(aids, "aid_type", "humanitarian")["awarded"],
        usd("25000.01")
    );
    assert_eq!(find(aids, "aid_type", "legal")["awarded"], usd("25000.00"));
    assert_eq!(find(aids, "aid_type", "financial")["grants"], 0);

    let totals = &report["totals"];
    assert_eq!(totals["grants"], 2, "each grant once");
    assert_eq!(totals["awarded"], usd("50000.01"));
    assert_eq!(totals["disbursed"], usd("10000.00"));
    assert_eq!(totals["refunded"], usd("500.25"));
    assert_eq!(totals["net_disbursed"], usd("9499.75"));
    assert!(report["attribution"]
        .as_str()
        .unwrap()
        .contains("split equally"));

    // The totals are the geography report's.
    let geography = app
        .get(&auditor, "/api/v1/reports/geography")
        .await
        .expect(200)
        .body;
    for field in [
        "grants",
        "awarded",
        "disbursed",
        "refunded",
        "net_disbursed",
    ] {
        assert_eq!(totals[field], geography["totals"][field], "{field}");
    }

    // CSV: the same figures.
    let csv = app
        .get(&auditor, "/api/v1/reports/exploitation?format=csv")
        .await
        .expect(200);
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .contains("trustfund-exploitation-"));
    let (header, rows) = csv_rows(&csv.text);
    assert_eq!(rows.len(), 9 + 3 + 1);
    let total = rows.last().unwrap();
    assert_eq!(total[column(&header, "level")], "total");
    assert_eq!(total[column(&header, "awarded")], "50000.01");
    assert_eq!(total[column(&header, "grants")], "2");
    let sexual_row = rows
        .iter()
        .find(|r| r[column(&header, "category")] == "sexual_exploitation")
        .unwrap();
    assert_eq!(sexual_row[column(&header, "level")], "exploitation");
    assert_eq!(sexual_row[column(&header, "awarded")], "25000.01");
    assert_eq!(sexual_row[column(&header, "refunded")], "250.13");
    let legal_row = rows
        .iter()
        .find(|r| r[column(&header, "category")] == "legal")
        .unwrap();
    assert_eq!(legal_row[column(&header, "level")], "aid_type");
    assert_eq!(legal_row[column(&header, "net_disbursed")], "4749.88");
}

/// An approved application by a Kenyan NGO, with its applicant and grant id.
async fn grant_with_applicant(app: &TestApp, board: &Board) -> (TestUser, String) {
    let (applicant, application) = app.application_under_review("KE").await;
    for nationality in ["GH", "JP", "PL"] {
        vote(
            app,
            board.trustee(nationality),
            &application,
            "approve",
            Some("30000.00"),
        )
        .await
        .expect(200);
    }
    let decision = decide(app, board, &application).await.expect(201);
    (
        applicant,
        decision.body["grant_id"].as_str().unwrap().to_string(),
    )
}

async fn beneficiaries_targeted_against_reached_in_accepted_reports(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    let (applicant, grant) = grant_with_applicant(&app, &board).await;
    grant_in(&app, &board, "CL", "20000.00").await;
    let finance = app.user(Role::Finance).await;
    app.post(
        &board.secretariat,
        &format!("/api/v1/grants/{grant}/agreement"),
        schedule(),
    )
    .await
    .expect(201);
    app.post(
        &finance,
        &format!("/api/v1/grants/{grant}/disbursements"),
        payment(1, "15000.00"),
    )
    .await
    .expect(201);

    let trustee = app.user(Role::Trustee).await;
    // Filed but not yet reviewed: nothing reached yet.
    let filed = app
        .post(
            &applicant,
            &format!("/api/v1/grants/{grant}/reports"),
            json!({
                "kind": "progress", "tranche": 1,
                "period_start": day(0), "period_end": day(0),
                "beneficiaries": [
                    {"sex": "female", "age_group": "child", "exploitation": "sexual_exploitation", "count": 12},
                    {"sex": "female", "age_group": "child", "exploitation": "forced_labour", "count": 3},
                    {"sex": "male", "age_group": "adult", "exploitation": "forced_labour", "count": 5}
                ],
                "spent": [{"label": "Shelter rent", "amount": usd("0.00")}],
                "narrative": "Twenty survivors sheltered."
            }),
        )
        .await
        .expect(201);
    let pending = app
        .get(&trustee, "/api/v1/reports/beneficiaries")
        .await
        .expect(200)
        .body;
    assert_eq!(pending["totals"]["reached"], 0);
    assert_eq!(pending["totals"]["accepted_reports"], 0);
    assert_eq!(pending["totals"]["targeted"], 80);

    let report_id = filed.body["id"].as_str().unwrap();
    app.post(
        &board.secretariat,
        &format!("/api/v1/reports/{report_id}/review"),
        json!({"accepted": true}),
    )
    .await
    .expect(200);

    let report = app
        .get(&trustee, "/api/v1/reports/beneficiaries")
        .await
        .expect(200)
        .body;
    let groups = report["by_sex_and_age_group"].as_array().unwrap();
    assert_eq!(groups.len(), 6, "every sex and age group");
    let group = |sex: &str, age: &str| {
        groups
            .iter()
            .find(|g| g["sex"] == sex && g["age_group"] == age)
            .unwrap()
    };
    // Both applications target 40 girls and 0 men (helpers::application).
    assert_eq!(group("female", "child")["targeted"], 80);
    assert_eq!(group("female", "child")["reached"], 15);
    assert_eq!(group("male", "adult")["targeted"], 0);
    assert_eq!(group("male", "adult")["reached"], 5);
    assert_eq!(group("other", "adult")["reached"], 0);
    let forms = &report["by_exploitation"];
    assert_eq!(forms.as_array().unwrap().len(), 9);
    assert_eq!(
        find(forms, "exploitation", "sexual_exploitation")["reached"],
        12
    );
    assert_eq!(find(forms, "exploitation", "forced_labour")["reached"], 8);
    assert_eq!(
        report["totals"],
        json!({"targeted": 80, "reached": 20, "grants": 2, "accepted_reports": 1})
    );

    let csv = app
        .get(&trustee, "/api/v1/reports/beneficiaries?format=csv")
        .await
        .expect(200);
    let (header, rows) = csv_rows(&csv.text);
    assert_eq!(rows.len(), 6 + 9 + 1);
    let total = rows.last().unwrap();
    assert_eq!(total[column(&header, "targeted")], "80");
    assert_eq!(total[column(&header, "reached")], "20");
    let girls = rows
        .iter()
        .find(|r| {
            r[column(&header, "sex")] == "female" && r[column(&header, "age_group")] == "child"
        })
        .unwrap();
    assert_eq!(girls[column(&header, "targeted")], "80");
    assert_eq!(girls[column(&header, "reached")], "15");
    let labour = rows
        .iter()
        .find(|r| r[column(&header, "exploitation")] == "forced_labour")
        .unwrap();
    assert_eq!(labour[column(&header, "reached")], "8");

    // A period before any of it: nothing.
    let empty = app
        .get(
            &trustee,
            &format!(
                "/api/v1/reports/beneficiaries?from=2020-01-01&to={}",
                day(-1)
            ),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(
        empty["totals"],
        json!({"targeted": 0, "reached": 0, "grants": 0, "accepted_reports": 0})
    );
}

async fn the_board_report_shows_terms_groups_and_shortfalls(app: TestApp) {
    // Five trustees (GH JP PL BR FR) seated from 30 days ago; the Polish one resigns with
    // effect from 5 days ahead.
    let board = seat_board(&app).await;
    let poland = board.appointment("PL").to_string();
    app.post(
        &board.secretariat,
        &format!("/api/v1/board/appointments/{poland}/end"),
        json!({"ended_on": day(5), "reason": "resignation"}),
    )
    .await
    .expect(200);

    let auditor = app.user(Role::Auditor).await;
    let (from, to) = (day(-40), day(9));
    let report = app
        .get(
            &auditor,
            &format!("/api/v1/reports/board?from={from}&to={to}"),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(report["days"], 50);
    assert_eq!(report["seats"], 5);
    let terms = &report["terms"];
    assert_eq!(terms.as_array().unwrap().len(), 5);
    let pl = find(terms, "nationality", "PL");
    assert_eq!(pl["regional_group"], "eastern_european");
    assert_eq!(pl["term_start"], day(-30));
    assert_eq!(pl["term_end"], day(5));
    assert_eq!(pl["days_in_period"], 35);
    assert_eq!(find(terms, "nationality", "GH")["days_in_period"], 40);

    let groups = &report["regional_groups"];
    assert_eq!(groups.as_array().unwrap().len(), 5);
    let east = find(groups, "regional_group", "eastern_european");
    assert_eq!(east["days_represented"], 35);
    assert_eq!(east["days_unrepresented"], 15);
    assert_eq!(
        find(groups, "regional_group", "african")["days_represented"],
        40
    );

    assert_eq!(report["days_whole_and_balanced"], 35);
    assert_eq!(
        report["shortfalls"],
        json!([
            {"from": day(-40), "to": day(-31), "days": 10, "members": 0,
             "groups_missing": ["african", "asia_pacific", "eastern_european",
                                "latin_american_caribbean", "western_european_other"],
             "groups_doubled": []},
            {"from": day(5), "to": day(9), "days": 5, "members": 4,
             "groups_missing": ["eastern_european"], "groups_doubled": []}
        ])
    );

    let csv = app
        .get(
            &auditor,
            &format!("/api/v1/reports/board?from={from}&to={to}&format=csv"),
        )
        .await
        .expect(200);
    assert_eq!(
        csv.header("content-disposition").unwrap(),
        format!("attachment; filename=\"trustfund-board-{from}-to-{to}.csv\"")
    );
    let (header, rows) = csv_rows(&csv.text);
    assert_eq!(rows.len(), 5 + 5 + 2 + 1);
    let level = column(&header, "level");
    let shortfall = rows
        .iter()
        .filter(|r| r[level] == "shortfall")
        .nth(1)
        .unwrap();
    assert_eq!(shortfall[column(&header, "from")], day(5));
    assert_eq!(shortfall[column(&header, "members")], "4");
    assert_eq!(
        shortfall[column(&header, "groups_missing")],
        "eastern_european"
    );
    let pl_row = rows
        .iter()
        .find(|r| r[column(&header, "nationality")] == "PL")
        .unwrap();
    assert_eq!(pl_row[column(&header, "days")], "35");
    let total = rows.last().unwrap();
    assert_eq!(total[level], "whole_and_balanced");
    assert_eq!(total[column(&header, "days")], "35");
}

async fn the_demo_data_makes_every_report_meaningful(app: TestApp) {
    for _ in 0..2 {
        let db = app.db.clone();
        tokio::task::spawn_blocking(move || trustfund::demo::load(&db).expect("demo loads"))
            .await
            .unwrap();
    }
    let token = app
        .login(
            "auditor@demo.trustfund.local",
            trustfund::demo::DEMO_PASSWORD,
        )
        .await;
    let auditor = TestUser {
        id: uuid::Uuid::nil(),
        email: String::new(),
        role: Role::Auditor,
        token,
    };
    let period = format!("from=2020-01-01&to={}", day(0));
    let report = |name: &str| {
        let path = format!("/api/v1/reports/{name}?{period}");
        let app = &app;
        let auditor = &auditor;
        async move { app.get(auditor, &path).await.expect(200).body }
    };

    // Grants in every regional group, and the wider round loaded once.
    let geography = report("geography").await;
    for group in geography["regional_groups"].as_array().unwrap() {
        assert!(group["grants"].as_i64().unwrap() >= 2, "{group}");
        assert!(group["countries"].as_array().unwrap().len() >= 2, "{group}");
    }
    assert!(geography["totals"]["grants"].as_i64().unwrap() >= 20);

    let exploitation = report("exploitation").await;
    let forms_with_grants = exploitation["by_exploitation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["grants"].as_i64().unwrap() > 0)
        .count();
    assert!(forms_with_grants >= 6, "{exploitation}");
    assert!(exploitation["by_aid_type"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["grants"].as_i64().unwrap() > 0));
    for field in ["grants", "awarded", "disbursed", "refunded"] {
        assert_eq!(
            exploitation["totals"][field], geography["totals"][field],
            "{field}"
        );
    }

    let beneficiaries = report("beneficiaries").await;
    assert!(beneficiaries["totals"]["targeted"].as_i64().unwrap() > 1000);
    assert!(beneficiaries["totals"]["reached"].as_i64().unwrap() > 200);
    assert!(
        beneficiaries["totals"]["accepted_reports"]
            .as_i64()
            .unwrap()
            >= 8
    );
    let forms_reached = beneficiaries["by_exploitation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["reached"].as_i64().unwrap() > 0)
        .count();
    assert!(forms_reached >= 5, "{beneficiaries}");

    let contributions = report("contributions").await;
    assert_eq!(contributions["by_donor_type"].as_array().unwrap().len(), 5);
    assert!(contributions["by_currency"].as_array().unwrap().len() >= 6);
    assert!(contributions["donors"].as_array().unwrap().len() >= 12);

    let board = report("board").await;
    assert!(board["terms"].as_array().unwrap().len() >= 7);
    let shortfalls = board["shortfalls"].as_array().unwrap();
    assert!(
        shortfalls
            .iter()
            .any(|s| s["members"] == 4 && s["groups_missing"] == json!(["western_european_other"])),
        "the vacancy between the Western European trustees: {shortfalls:?}"
    );

    // Applications in every state.
    let secretariat_token = app
        .login(
            "secretariat@demo.trustfund.local",
            trustfund::demo::DEMO_PASSWORD,
        )
        .await;
    let secretariat = TestUser {
        id: uuid::Uuid::nil(),
        email: String::new(),
        role: Role::Secretariat,
        token: secretariat_token,
    };
    let list = app
        .get(&secretariat, "/api/v1/applications?limit=100")
        .await
        .expect(200)
        .body;
    let states: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["state"].as_str().unwrap())
        .collect();
    for state in [
        "draft",
        "submitted",
        "screening",
        "ineligible",
        "under_review",
        "approved",
        "rejected",
        "reserve_list",
        "withdrawn",
    ] {
        assert!(states.contains(&state), "{state} missing from {states:?}");
    }
}
