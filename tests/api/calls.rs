//! Calls for proposals: the secretariat publishes, everyone signed in reads.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends!(
    the_secretariat_publishes_and_everyone_reads,
    call_terms_are_checked,
    the_funds_ceiling_caps_the_maximum_grant,
    calls_keep_the_domains_limits,
);

/// Moves a call's window into the past, as time would: no call can be created closed.
pub async fn close_call(app: &TestApp, id: &str) {
    let sql = format!(
        "UPDATE calls SET opens_at = '2020-01-01 00:00:00', closes_at = '2020-02-01 00:00:00' \
         WHERE id = '{id}'"
    );
    app.with_db(move |conn| {
        use diesel::connection::SimpleConnection;
        conn.batch_execute(&sql).unwrap()
    })
    .await;
}

fn call(opens_in_days: i64, closes_in_days: i64) -> Value {
    let now = Utc::now();
    json!({
        "title": "2027 call", "description": "Direct assistance.",
        "opens_at": (now + Duration::days(opens_in_days)).to_rfc3339(),
        "closes_at": (now + Duration::days(closes_in_days)).to_rfc3339(),
        "envelope": {"amount": "500000.00", "currency": "USD"},
        "min_grant": {"amount": "20000.00", "currency": "USD"},
        "max_grant": {"amount": "60000.00", "currency": "USD"},
        "max_duration_months": 24,
        "eligible_org_types": ["ngo", "intergovernmental"],
        "priority_groups": [{"sex": "female", "age_group": "child"}],
        "priority_exploitation": ["forced_labour", "forced_marriage"]
    })
}

async fn the_secretariat_publishes_and_everyone_reads(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let open = app
        .post(&secretariat, "/api/v1/calls", call(-1, 10))
        .await
        .expect(201);
    assert_eq!(open.body["status"], "open");
    assert_eq!(
        open.body["max_grant"],
        json!({"amount": "60000.00", "currency": "USD"})
    );
    assert_eq!(
        open.body["eligible_org_types"],
        json!(["ngo", "intergovernmental"])
    );
    assert_eq!(
        open.body["priority_groups"],
        json!([{"sex": "female", "age_group": "child"}])
    );
    let upcoming = app
        .post(&secretariat, "/api/v1/calls", call(5, 10))
        .await
        .expect(201);
    assert_eq!(upcoming.body["status"], "upcoming");
    let closed = app
        .post(&secretariat, "/api/v1/calls", call(-10, 5))
        .await
        .expect(201);
    let closed_id = closed.body["id"].as_str().unwrap();
    close_call(&app, closed_id).await;
    let closed = app
        .get(&secretariat, &format!("/api/v1/calls/{closed_id}"))
        .await
        .expect(200);
    assert_eq!(closed.body["status"], "closed");

    for role in [Role::Applicant, Role::Trustee, Role::Auditor] {
        let user = if role == Role::Applicant {
            app.verified_applicant().await.0
        } else {
            app.user(role).await
        };
        let all = app.get(&user, "/api/v1/calls").await.expect(200);
        assert_eq!(all.body["items"].as_array().unwrap().len(), 3);
        let now_open = app.get(&user, "/api/v1/calls?open=true").await.expect(200);
        let ids: Vec<_> = now_open.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].clone())
            .collect();
        assert_eq!(ids, vec![open.body["id"].clone()]);
        let one = app
            .get(
                &user,
                &format!("/api/v1/calls/{}", closed.body["id"].as_str().unwrap()),
            )
            .await
            .expect(200);
        assert_eq!(one.body, closed.body);
    }
    let page = app
        .get(&secretariat, "/api/v1/calls?limit=2")
        .await
        .expect(200);
    assert_eq!(page.body["items"][0]["id"], closed.body["id"]);
    assert!(page.body["next_cursor"].is_string());
    app.send(Method::GET, "/api/v1/calls", None, None)
        .await
        .expect_problem(401, "unauthorized");
    app.get(
        &secretariat,
        &format!("/api/v1/calls/{}", uuid::Uuid::new_v4()),
    )
    .await
    .expect_problem(404, "not-found");
    // No edits: a call's terms are fixed once published.
    app.patch(
        &secretariat,
        &format!("/api/v1/calls/{}", open.body["id"].as_str().unwrap()),
        json!({"title": "x"}),
    )
    .await
    .expect(405);

    let auditor = app.user(Role::Auditor).await;
    let trail = app
        .get(&auditor, "/api/v1/audit?entity_type=call")
        .await
        .expect(200);
    assert_eq!(trail.body["items"].as_array().unwrap().len(), 3);
    assert_eq!(trail.body["items"][0]["action"], "call.created");
}

async fn call_terms_are_checked(app: TestApp) {
    for role in [Role::Admin, Role::Finance, Role::Trustee] {
        let user = app.user(role).await;
        app.post(&user, "/api/v1/calls", call(0, 5))
            .await
            .expect_problem(403, "forbidden");
    }
    let (applicant, _) = app.verified_applicant().await;
    app.post(&applicant, "/api/v1/calls", call(0, 5))
        .await
        .expect_problem(403, "forbidden");

    let secretariat = app.user(Role::Secretariat).await;
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "closes_at",
            json!((Utc::now() - Duration::days(3)).to_rfc3339()),
            "closes_at",
        ),
        (
            "min_grant",
            json!({"amount": "70000.00", "currency": "USD"}),
            "min_grant",
        ),
        (
            "max_grant",
            json!({"amount": "600000.00", "currency": "USD"}),
            "max_grant",
        ),
        (
            "envelope",
            json!({"amount": "500000.00", "currency": "EUR"}),
            "envelope.currency",
        ),
        ("max_duration_months", json!(0), "max_duration_months"),
        ("max_duration_months", json!(37), "max_duration_months"),
        ("eligible_org_types", json!([]), "eligible_org_types"),
        (
            "eligible_org_types",
            json!(["ngo", "ngo"]),
            "eligible_org_types[1]",
        ),
        (
            "eligible_org_types",
            json!(["company"]),
            "eligible_org_types[0]",
        ),
        (
            "priority_exploitation",
            json!(["piracy"]),
            "priority_exploitation[0]",
        ),
        ("opens_at", json!("next tuesday"), "opens_at"),
        ("title", json!(""), "title"),
    ];
    for (field, value, named) in cases {
        let mut body = call(0, 5);
        body[field] = value;
        let bad = app
            .post(&secretariat, "/api/v1/calls", body)
            .await
            .expect_problem(400, "validation");
        assert_eq!(bad.bad_fields(), vec![named.to_string()], "{field}");
    }
}

async fn the_funds_ceiling_caps_the_maximum_grant(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    app.patch(
        &secretariat,
        "/api/v1/fund/settings",
        json!({"max_grant": {"amount": "50000.00", "currency": "USD"}}),
    )
    .await
    .expect(200);
    let refused = app
        .post(&secretariat, "/api/v1/calls", call(0, 5))
        .await
        .expect_problem(422, "fund-max-grant");
    assert!(refused.body["detail"]
        .as_str()
        .unwrap()
        .contains("50000.00 USD"));
    let mut body = call(0, 5);
    body["max_grant"] = json!({"amount": "50000.00", "currency": "USD"});
    app.post(&secretariat, "/api/v1/calls", body)
        .await
        .expect(201);
}

/// DOMAIN: a maximum duration of 8 to 24 months; amounts positive and ordered; and a call
/// whose window has already closed cannot be created.
async fn calls_keep_the_domains_limits(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let usd = |amount: &str| json!({"amount": amount, "currency": "USD"});
    let cases: Vec<(&str, Value, &str)> = vec![
        ("max_duration_months", json!(6), "max_duration_months"),
        ("max_duration_months", json!(30), "max_duration_months"),
        ("envelope", usd("0.00"), "envelope.amount"),
        ("min_grant", usd("-500.00"), "min_grant.amount"),
        ("min_grant", usd("0.00"), "min_grant.amount"),
    ];
    for (field, value, named) in cases {
        let mut body = call(0, 5);
        body[field] = value;
        let bad = app
            .post(&secretariat, "/api/v1/calls", body)
            .await
            .expect_problem(400, "validation");
        assert_eq!(bad.bad_fields(), vec![named.to_string()], "{field}");
    }
    let mut zero_max = call(0, 5);
    zero_max["min_grant"] = usd("0.00");
    zero_max["max_grant"] = usd("0.00");
    let bad = app
        .post(&secretariat, "/api/v1/calls", zero_max)
        .await
        .expect_problem(400, "validation");
    assert_eq!(bad.bad_fields(), vec!["min_grant.amount".to_string()]);
    let closed = app
        .post(&secretariat, "/api/v1/calls", call(-10, -5))
        .await
        .expect_problem(400, "validation");
    assert_eq!(closed.bad_fields(), vec!["closes_at".to_string()]);
    for months in [8, 24] {
        let mut body = call(0, 5);
        body["max_duration_months"] = json!(months);
        app.post(&secretariat, "/api/v1/calls", body)
            .await
            .expect(201);
    }
    // Nothing refused was recorded.
    let all = app.get(&secretariat, "/api/v1/calls").await.expect(200);
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
}
