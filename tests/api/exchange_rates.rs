//! The UN operational rates of exchange: finance records a month's table (JSON or CSV,
//! replaced whole, audited), every bad line refused naming its field; a receipt takes the
//! rate in force on its day (a mid-month revision from its day on), a month without one
//! is refused naming it, and another rate needs its reason; pledges are valued in USD,
//! with what is still receivable and its exchange difference adding up to the cent, in
//! the contribution and in the contributions report (JSON and CSV).

use chrono::{Datelike, Utc};
use reqwest::Method;
use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::{Answer, TestApp, TestUser};
use crate::on_both_backends;
use crate::support::scenarios::contribution;

on_both_backends!(
    finance_records_a_month_as_json_or_csv_and_auditors_read_it,
    bad_tables_are_refused_naming_the_field,
    only_finance_records_and_only_finance_and_auditors_read,
    a_receipt_takes_the_rate_in_force_on_its_day,
    a_rate_other_than_the_one_in_force_needs_its_reason,
    pledges_are_valued_with_their_receivable_and_exchange_difference
);

fn rates_path(month: &str) -> String {
    format!("/api/v1/exchange-rates/{month}")
}

async fn put_json(app: &TestApp, user: Option<&TestUser>, month: &str, body: Value) -> Answer {
    let token = user.map(|u| u.token.as_str());
    app.send(Method::PUT, &rates_path(month), token, Some(body))
        .await
}

async fn put_csv(app: &TestApp, user: &TestUser, month: &str, csv: &str) -> Answer {
    app.send_raw(
        Method::PUT,
        &rates_path(month),
        Some(&user.token),
        "text/csv",
        csv.to_string(),
    )
    .await
}

async fn month_rates(app: &TestApp, user: &TestUser, month: &str) -> Value {
    app.get(user, &format!("/api/v1/exchange-rates?month={month}"))
        .await
        .expect(200)
        .body
}

/// `(currency, rate, from)` of a table's rows, in order.
fn rows(table: &Value) -> Vec<(String, String, String)> {
    table["rates"]
        .as_array()
        .expect("rates")
        .iter()
        .map(|r| {
            (
                r["currency"].as_str().unwrap().to_string(),
                r["rate_to_usd"].as_str().unwrap().to_string(),
                r["from"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn row(c: &str, r: &str, f: &str) -> (String, String, String) {
    (c.to_string(), r.to_string(), f.to_string())
}

async fn finance_records_a_month_as_json_or_csv_and_auditors_read_it(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let auditor = app.user(Role::Auditor).await;
    let admin = app.user(Role::Admin).await;
    let march = json!({"rates": [
        {"currency": "NOK", "rate_to_usd": "0.0912345"},
        {"currency": "EUR", "rate_to_usd": "1.0850"},
        {"currency": "NOK", "rate_to_usd": "0.0951", "from": "2026-03-16"},
    ]});
    let answer = put_json(&app, Some(&finance), "2026-03", march)
        .await
        .expect(200);
    assert_eq!(answer.body["month"], "2026-03");
    let expected = vec![
        row("EUR", "1.085", "2026-03-01"),
        row("NOK", "0.0912345", "2026-03-01"),
        row("NOK", "0.0951", "2026-03-16"),
    ];
    // Stored exactly: the decimal as given (its trailing zero is no digit of it).
    assert_eq!(rows(&answer.body), expected);
    assert_eq!(
        rows(&month_rates(&app, &auditor, "2026-03").await),
        expected
    );

    let csv = "currency,rate_to_usd,from\r\nNOK,0.0940,\r\n\"JPY\",0.00668,2026-04-01\r\n";
    put_csv(&app, &finance, "2026-04", csv).await.expect(200);
    assert_eq!(
        rows(&month_rates(&app, &finance, "2026-04").await),
        vec![
            row("JPY", "0.00668", "2026-04-01"),
            row("NOK", "0.094", "2026-04-01")
        ]
    );
    // A month with no table reads empty.
    assert_eq!(rows(&month_rates(&app, &auditor, "2026-05").await), vec![]);

    // A PUT replaces the month's table whole; the audit keeps what it replaced.
    put_json(
        &app,
        Some(&finance),
        "2026-03",
        json!({"rates": [{"currency": "EUR", "rate_to_usd": "1.0861"}]}),
    )
    .await
    .expect(200);
    assert_eq!(
        rows(&month_rates(&app, &auditor, "2026-03").await),
        vec![row("EUR", "1.0861", "2026-03-01")]
    );
    let trail = app
        .get(
            &admin,
            "/api/v1/audit?entity_type=exchange_rates&entity_id=2026-03",
        )
        .await
        .expect(200)
        .body;
    let events = trail["items"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["action"], "exchange_rates.recorded");
    assert_eq!(events[0]["changes"]["rates"][0]["rate_to_usd"], "1.0861");
    assert_eq!(
        events[0]["changes"]["replaced"].as_array().unwrap().len(),
        3
    );
}

async fn bad_tables_are_refused_naming_the_field(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let line = |c: &str, r: &str| json!({"currency": c, "rate_to_usd": r});
    let cases = [
        (
            json!({"rates": [line("NOK", "0.09"), line("XXX", "1")]}),
            "rates[1].currency",
        ),
        (json!({"rates": [line("NOK", "0")]}), "rates[0].rate_to_usd"),
        (
            json!({"rates": [line("NOK", "-0.09")]}),
            "rates[0].rate_to_usd",
        ),
        (
            json!({"rates": [line("NOK", "0.09"), line("EUR", "abc")]}),
            "rates[1].rate_to_usd",
        ),
        (json!({"rates": [line("USD", "1")]}), "rates[0].currency"),
        (
            json!({"rates": [{"currency": "NOK", "rate_to_usd": "0.09", "from": "2026-04-01"}]}),
            "rates[0].from",
        ),
        (
            json!({"rates": [line("NOK", "0.09"), {"currency": "NOK", "rate_to_usd": "0.091", "from": "2026-03-01"}]}),
            "rates[1]",
        ),
        (json!({"rates": []}), "rates"),
    ];
    for (body, field) in cases {
        let refused = put_json(&app, Some(&finance), "2026-03", body.clone())
            .await
            .expect_problem(400, "validation");
        assert_eq!(refused.body["errors"][0]["field"], field, "{body}");
    }
    let refused = put_json(
        &app,
        Some(&finance),
        "2026-13",
        json!({"rates": [line("NOK", "0.09")]}),
    )
    .await
    .expect_problem(400, "validation");
    assert_eq!(refused.body["errors"][0]["field"], "month");

    // The CSV form names the same fields, counting lines after the header from 0.
    let csv_cases = [
        (
            "currency,rate_to_usd,from\nNOK,0.09,\nEUR,-1,\n",
            "rates[1].rate_to_usd",
        ),
        (
            "currency,rate_to_usd,from\nNOK,0.09,2026-02-28\n",
            "rates[0].from",
        ),
        (
            "currency,rate_to_usd,from\nNOK,0.09,\nNOK,0.1,\n",
            "rates[1]",
        ),
        ("currency,rate\nNOK,0.09\n", "body"),
    ];
    for (csv, field) in csv_cases {
        let refused = put_csv(&app, &finance, "2026-03", csv)
            .await
            .expect_problem(400, "validation");
        assert_eq!(refused.body["errors"][0]["field"], field, "{csv}");
    }
    app.send_raw(
        Method::PUT,
        &rates_path("2026-03"),
        Some(&finance.token),
        "text/plain",
        "NOK 0.09",
    )
    .await
    .expect(415);
    // Nothing of the refused tables was kept.
    assert_eq!(rows(&month_rates(&app, &finance, "2026-03").await), vec![]);
}

async fn only_finance_records_and_only_finance_and_auditors_read(app: TestApp) {
    let table = json!({"rates": [{"currency": "NOK", "rate_to_usd": "0.09"}]});
    for role in [
        Role::Secretariat,
        Role::Trustee,
        Role::Applicant,
        Role::Auditor,
    ] {
        let user = app.user(role).await;
        put_json(&app, Some(&user), "2026-03", table.clone())
            .await
            .expect(403);
    }
    put_json(&app, None, "2026-03", table.clone())
        .await
        .expect(401);
    for role in [Role::Secretariat, Role::Trustee, Role::Applicant] {
        let user = app.user(role).await;
        app.get(&user, "/api/v1/exchange-rates?month=2026-03")
            .await
            .expect(403);
    }
    app.send(
        Method::GET,
        "/api/v1/exchange-rates?month=2026-03",
        None,
        None,
    )
    .await
    .expect(401);
    let finance = app.user(Role::Finance).await;
    put_json(&app, Some(&finance), "2026-03", table)
        .await
        .expect(200);
}

async fn receive(app: &TestApp, user: &TestUser, id: &str, body: Value) -> Answer {
    app.post(user, &format!("/api/v1/contributions/{id}/receipts"), body)
        .await
}

fn nok(amount: &str) -> Value {
    json!({"amount": amount, "currency": "NOK"})
}

async fn a_receipt_takes_the_rate_in_force_on_its_day(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    put_json(
        &app,
        Some(&finance),
        "2026-03",
        json!({"rates": [
            {"currency": "NOK", "rate_to_usd": "0.0912345"},
            {"currency": "NOK", "rate_to_usd": "0.0951", "from": "2026-03-16"},
        ]}),
    )
    .await
    .expect(200);
    let id = contribution(&app, &finance, Some(nok("1000000.00"))).await;
    // Before the revision: the 1st's rate; from its day on, the revision.
    let early = receive(
        &app,
        &finance,
        &id,
        json!({"amount": nok("1000.00"),
        "received_on": "2026-03-15", "bank_reference": "NO-1"}),
    )
    .await
    .expect(201);
    assert_eq!(early.body["rate_to_usd"], "0.0912345");
    assert_eq!(early.body["usd"]["amount"], "91.23");
    assert_eq!(early.body["rate_reason"], Value::Null);
    let late = receive(
        &app,
        &finance,
        &id,
        json!({"amount": nok("1000.00"),
        "received_on": "2026-03-16", "bank_reference": "NO-2"}),
    )
    .await
    .expect(201);
    assert_eq!(late.body["rate_to_usd"], "0.0951");
    assert_eq!(late.body["usd"]["amount"], "95.10");
    // The rate in force given as such needs no reason.
    receive(
        &app,
        &finance,
        &id,
        json!({"amount": nok("1000.00"), "rate_to_usd": "0.0951",
        "received_on": "2026-03-20", "bank_reference": "NO-3"}),
    )
    .await
    .expect(201);

    // A month with no table: refused, naming the month and currency to record.
    let missing = receive(
        &app,
        &finance,
        &id,
        json!({"amount": nok("1000.00"),
        "received_on": "2026-04-02", "bank_reference": "NO-4"}),
    )
    .await
    .expect_problem(422, "exchange-rate-missing");
    assert_eq!(missing.body["errors"][0]["field"], "rate_to_usd");
    let detail = missing.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("2026-04") && detail.contains("NOK"),
        "{detail}"
    );

    // A later table does not touch what the receipts recorded.
    put_json(
        &app,
        Some(&finance),
        "2026-03",
        json!({"rates": [{"currency": "NOK", "rate_to_usd": "0.5"}]}),
    )
    .await
    .expect(200);
    let view = app
        .get(&finance, &format!("/api/v1/contributions/{id}"))
        .await
        .expect(200)
        .body;
    let recorded: Vec<&str> = view["receipts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rate_to_usd"].as_str().unwrap())
        .collect();
    assert_eq!(recorded, vec!["0.0912345", "0.0951", "0.0951"]);
    assert_eq!(view["received_usd"]["amount"], "281.43");

    // USD needs no table.
    let usd = contribution(
        &app,
        &finance,
        Some(json!({"amount": "100.00", "currency": "USD"})),
    )
    .await;
    let answer = receive(
        &app,
        &finance,
        &usd,
        json!({"amount": {"amount": "10.00", "currency": "USD"},
        "received_on": "2026-04-02", "bank_reference": "US-1"}),
    )
    .await
    .expect(201);
    assert_eq!(answer.body["rate_to_usd"], "1");
}

async fn a_rate_other_than_the_one_in_force_needs_its_reason(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let admin = app.user(Role::Admin).await;
    put_json(
        &app,
        Some(&finance),
        "2026-03",
        json!({"rates": [{"currency": "NOK", "rate_to_usd": "0.0912345"}]}),
    )
    .await
    .expect(200);
    let id = contribution(&app, &finance, Some(nok("1000000.00"))).await;
    let refused = receive(
        &app,
        &finance,
        &id,
        json!({"amount": nok("1000.00"),
        "rate_to_usd": "0.105", "received_on": "2026-03-10", "bank_reference": "NO-1"}),
    )
    .await
    .expect_problem(422, "rate-reason-required");
    assert_eq!(refused.body["errors"][0]["field"], "rate_reason");
    assert!(refused.body["detail"]
        .as_str()
        .unwrap()
        .contains("0.0912345"));

    let reason = "converted by the donor's bank at its own rate, agreed with the UN treasury";
    let kept = receive(
        &app,
        &finance,
        &id,
        json!({"amount": nok("1000.00"),
        "rate_to_usd": "0.105", "rate_reason": reason,
        "received_on": "2026-03-10", "bank_reference": "NO-1"}),
    )
    .await
    .expect(201);
    assert_eq!(kept.body["rate_to_usd"], "0.105");
    assert_eq!(kept.body["usd"]["amount"], "105.00");
    assert_eq!(kept.body["rate_reason"], reason);
    let view = app
        .get(&finance, &format!("/api/v1/contributions/{id}"))
        .await
        .expect(200)
        .body;
    assert_eq!(view["receipts"][0]["rate_reason"], reason);
    let trail = app
        .get(
            &admin,
            &format!("/api/v1/audit?entity_type=contribution&entity_id={id}"),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(trail["items"][0]["action"], "contribution.receipt_recorded");
    assert_eq!(
        trail["items"][0]["changes"]["receipt"]["rate_reason"],
        reason
    );

    // A reason with nothing to explain is refused, naming it.
    let refused = receive(
        &app,
        &finance,
        &id,
        json!({"amount": nok("1000.00"),
        "rate_reason": reason, "received_on": "2026-03-11", "bank_reference": "NO-2"}),
    )
    .await
    .expect_problem(400, "validation");
    assert_eq!(refused.body["errors"][0]["field"], "rate_reason");
}

fn money(value: &Value) -> &str {
    value["amount"]
        .as_str()
        .unwrap_or_else(|| panic!("money: {value}"))
}

fn cents(value: &Value) -> i64 {
    let text = money(value);
    let negative = text.starts_with('-');
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let n: i64 = digits.parse().unwrap();
    if negative {
        -n
    } else {
        n
    }
}

async fn pledges_are_valued_with_their_receivable_and_exchange_difference(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let today = Utc::now().date_naive();
    let this_month = format!("{:04}-{:02}", today.year(), today.month());
    let table = |rate: &str| json!({"rates": [{"currency": "NOK", "rate_to_usd": rate}]});
    // Pledged in January (the scenario's 2026-01-15), received in March, valued today.
    put_json(&app, Some(&finance), "2026-01", table("0.0912345"))
        .await
        .expect(200);
    put_json(&app, Some(&finance), "2026-03", table("0.0930"))
        .await
        .expect(200);
    put_json(&app, Some(&finance), &this_month, table("0.0951"))
        .await
        .expect(200);
    let id = contribution(&app, &finance, Some(nok("1000000.00"))).await;
    receive(
        &app,
        &finance,
        &id,
        json!({"amount": nok("666666.67"),
        "received_on": "2026-03-02", "bank_reference": "NO-1"}),
    )
    .await
    .expect(201);

    let view = app
        .get(&finance, &format!("/api/v1/contributions/{id}"))
        .await
        .expect(200)
        .body;
    assert_eq!(view["pledged_rate_to_usd"], "0.0912345");
    assert_eq!(money(&view["pledged_usd"]), "91234.50");
    let r = &view["receivable"];
    assert_eq!(r["amount"], nok("333333.33"));
    assert_eq!(r["rate_to_usd"], "0.0951");
    // 333333.33 × 0.0912345 = 30411.4997 and × 0.0951 = 31699.9997, each to the cent.
    assert_eq!(money(&r["usd_at_pledge_rate"]), "30411.50");
    assert_eq!(money(&r["usd"]), "31700.00");
    assert_eq!(money(&r["exchange_difference_usd"]), "1288.50");
    assert_eq!(
        cents(&r["usd_at_pledge_rate"]) + cents(&r["exchange_difference_usd"]),
        cents(&r["usd"])
    );
    assert_eq!(view["rates_missing"], json!([]));

    // A USD pledge: its rate is 1 and it has no exchange difference.
    let usd = contribution(
        &app,
        &finance,
        Some(json!({"amount": "50000.00", "currency": "USD"})),
    )
    .await;
    receive(
        &app,
        &finance,
        &usd,
        json!({"amount": {"amount": "20000.00", "currency": "USD"},
        "received_on": "2026-03-02", "bank_reference": "US-1"}),
    )
    .await
    .expect(201);

    let report = app
        .get(&finance, "/api/v1/reports/contributions?from=2026-01-01")
        .await
        .expect(200)
        .body;
    assert_eq!(money(&report["pledged_usd"]), "141234.50");
    assert_eq!(
        money(&report["receivable"]["usd_at_pledge_rate"]),
        "60411.50"
    );
    assert_eq!(money(&report["receivable"]["usd"]), "61700.00");
    assert_eq!(
        money(&report["receivable"]["exchange_difference_usd"]),
        "1288.50"
    );
    let donor = report["donors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["currency"] == "NOK")
        .unwrap();
    assert_eq!(money(&donor["pledged_usd"]), "91234.50");
    assert_eq!(donor["receivable"]["amount"], nok("333333.33"));
    assert_eq!(
        money(&donor["receivable"]["exchange_difference_usd"]),
        "1288.50"
    );

    let csv = app
        .get(
            &finance,
            "/api/v1/reports/contributions?from=2026-01-01&format=csv",
        )
        .await
        .expect(200)
        .text;
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.ends_with(
        "receivable,receivable_usd_at_pledge_rate,receivable_usd,exchange_difference_usd,rates_missing"
    ), "{header}");
    let total = lines.find(|l| l.starts_with("total,")).unwrap();
    assert!(
        total.contains(",141234.50,") && total.contains(",60411.50,61700.00,1288.50,"),
        "{total}"
    );

    // A pledge in a month without its currency's rate: null, and the month named.
    let eur = contribution(
        &app,
        &finance,
        Some(json!({"amount": "100000.00", "currency": "EUR"})),
    )
    .await;
    let view = app
        .get(&finance, &format!("/api/v1/contributions/{eur}"))
        .await
        .expect(200)
        .body;
    assert_eq!(view["pledged_usd"], Value::Null);
    assert_eq!(view["receivable"]["usd"], Value::Null);
    assert_eq!(view["receivable"]["exchange_difference_usd"], Value::Null);
    let missing = view["rates_missing"].as_array().unwrap();
    assert!(missing.contains(&json!({"month": "2026-01", "currency": "EUR"})));
    assert!(missing.contains(&json!({"month": this_month, "currency": "EUR"})));
    let report = app
        .get(&finance, "/api/v1/reports/contributions?from=2026-01-01")
        .await
        .expect(200)
        .body;
    assert_eq!(report["pledged_usd"], Value::Null);
    assert_eq!(report["receivable"]["exchange_difference_usd"], Value::Null);
    assert!(report["rates_missing"]
        .as_array()
        .unwrap()
        .contains(&json!({"month": "2026-01", "currency": "EUR"})));
}
