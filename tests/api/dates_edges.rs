//! Dates at the edges of what a query may ask: every `from`, `to` and `on` query parameter
//! (the Fund's reports, the ledger export, the journal, the Board's balance) takes days
//! from 1900-03-01 to 9999-09-30; outside, a 400 naming the parameter, never a 500 or
//! silently wrong figures. The last day gives the same figures as today; the first day
//! makes a workbook Excel reads.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{Answer, TestApp, TestUser};
use crate::on_both_backends;
use crate::support::grants::{awarded_grant, usd_json as usd};

on_both_backends!(
    dates_past_the_last_day_are_refused_by_parameter,
    the_last_day_counts_what_today_counts,
    the_first_day_makes_a_readable_workbook,
);

const REPORTS: [&str; 5] = [
    "geography",
    "exploitation",
    "beneficiaries",
    "contributions",
    "board",
];

#[track_caller]
fn assert_bad_parameter(answer: Answer, field: &str) {
    let answer = answer.expect_problem(400, "validation");
    assert_eq!(
        answer.bad_fields(),
        vec![field.to_string()],
        "{}",
        answer.text
    );
    assert!(answer.text.contains("1900-03-01"), "{}", answer.text);
}

async fn get(app: &TestApp, user: &TestUser, path: &str) -> Answer {
    app.get(user, path).await
}

async fn dates_past_the_last_day_are_refused_by_parameter(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    for report in REPORTS {
        for (query, field) in [
            ("to=9999-12-31", "to"),
            ("from=2020-01-01&to=9999-12-31", "to"),
            ("from=9999-10-01", "from"),
            ("from=1899-12-31&to=2020-01-01", "from"),
            ("from=0001-01-01&to=2020-01-01", "from"),
        ] {
            let answer = get(&app, &finance, &format!("/api/v1/reports/{report}?{query}")).await;
            assert_bad_parameter(answer, field);
        }
    }
    for format in ["csv", "json", "xlsx", "iati"] {
        for (query, field) in [
            ("from=1899-12-31&to=1900-12-31", "from"),
            ("from=1900-02-28&to=1900-12-31", "from"),
            ("to=9999-12-31", "to"),
        ] {
            let path = format!("/api/v1/ledger/export?format={format}&{query}");
            assert_bad_parameter(get(&app, &finance, &path).await, field);
        }
    }
    assert_bad_parameter(
        get(&app, &finance, "/api/v1/ledger?from=0001-01-01").await,
        "from",
    );
    assert_bad_parameter(
        get(&app, &finance, "/api/v1/ledger?to=9999-12-31").await,
        "to",
    );
    assert_bad_parameter(
        get(&app, &finance, "/api/v1/board/balance?on=9999-12-31").await,
        "on",
    );
    assert_bad_parameter(
        get(&app, &finance, "/api/v1/board/balance?on=1000-01-01").await,
        "on",
    );
}

async fn the_last_day_counts_what_today_counts(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let today = chrono::Utc::now().date_naive();
    let contribution = app
        .post(
            &finance,
            "/api/v1/contributions",
            json!({
                "donor": {"name": "Sweden", "donor_type": "member_state", "country": "SE"},
                "pledged": usd("100000.00"), "pledged_on": today,
            }),
        )
        .await
        .expect(201);
    let id = contribution.body["id"].as_str().unwrap();
    app.post(
        &finance,
        &format!("/api/v1/contributions/{id}/receipts"),
        json!({"amount": usd("100000.00"), "received_on": today, "rate_to_usd": "1",
               "bank_reference": "EDGE-1"}),
    )
    .await
    .expect(201);
    awarded_grant(&app, "1.00").await;
    for report in REPORTS {
        let now = get(
            &app,
            &finance,
            &format!("/api/v1/reports/{report}?from=2020-01-01&to={today}"),
        )
        .await
        .expect(200);
        let last = get(
            &app,
            &finance,
            &format!("/api/v1/reports/{report}?from=2020-01-01&to=9999-09-30"),
        )
        .await
        .expect(200);
        if report == "geography" || report == "exploitation" {
            assert_eq!(now.body["totals"]["grants"], 1, "{report}: {}", now.text);
        }
        let mut a = now.body.clone();
        let mut b = last.body.clone();
        a["period"] = serde_json::Value::Null;
        b["period"] = serde_json::Value::Null;
        if report != "board" {
            assert_eq!(a, b, "{report}");
        }
    }
    // The journal, the export and the Board's balance take the edges too.
    let journal = get(
        &app,
        &finance,
        "/api/v1/ledger?from=1900-03-01&to=9999-09-30",
    )
    .await
    .expect(200);
    assert!(!journal.body["items"].as_array().unwrap().is_empty());
    get(&app, &finance, "/api/v1/board/balance?on=9999-09-30")
        .await
        .expect(200);
    get(&app, &finance, "/api/v1/board/balance?on=1900-03-01")
        .await
        .expect(200);
    let csv = get(
        &app,
        &finance,
        "/api/v1/ledger/export?format=csv&kind=all&from=1900-03-01&to=9999-09-30",
    )
    .await
    .expect(200);
    assert!(csv.text.contains("\nentry,"), "{}", csv.text);
}

async fn the_first_day_makes_a_readable_workbook(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let response = app
        .client
        .get(format!(
            "{}/api/v1/ledger/export?format=xlsx&kind=all&from=1900-03-01&to=1900-12-31",
            app.address
        ))
        .bearer_auth(&finance.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("a workbook Excel can open");
    assert!(!book.sheet_names().is_empty());
    let first = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&first).unwrap();
    assert!(sheet.height() >= 2);
}
