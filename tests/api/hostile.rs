//! Hostile input that once answered 500 on PostgreSQL (found with schemathesis, see
//! `scripts/fuzz.sh`): each is now a 400 problem+json naming the field, on both backends.
//! Also the OpenAPI contract for answers every operation can give.

use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::scenarios::japan;

on_both_backends!(
    dates_outside_years_1_to_9999_are_refused,
    cursors_far_in_the_past_are_refused,
    audit_filters_with_control_characters_are_refused,
    login_with_a_malformed_email_is_refused,
    the_contract_lists_the_common_answers
);

#[track_caller]
fn assert_bad_field(answer: crate::helpers::Answer, field: &str) {
    let answer = answer.expect_problem(400, "validation");
    assert_eq!(
        answer.bad_fields(),
        vec![field.to_string()],
        "{}",
        answer.text
    );
}

async fn dates_outside_years_1_to_9999_are_refused(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let pledged = json!({"amount": "1000.00", "currency": "USD"});
    for day in ["-5000-01-01", "0000-12-31", "+10000-01-01"] {
        let mut body = japan(pledged.clone());
        body["pledged_on"] = json!(day);
        let answer = app.post(&finance, "/api/v1/contributions", body).await;
        assert_bad_field(answer, "pledged_on");
    }
    let answer = app.get(&finance, "/api/v1/ledger?from=-5000-01-01").await;
    assert_bad_field(answer, "from");
    // A query's dates have their own, narrower range (tests/api/dates_edges.rs); its
    // edges are fine.
    app.get(&finance, "/api/v1/ledger?from=1900-03-01&to=9999-09-30")
        .await
        .expect(200);
    // Nothing was recorded.
    let list = app.get(&finance, "/api/v1/contributions").await.expect(200);
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(0));
}

async fn cursors_far_in_the_past_are_refused(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let answer = app
        .get(&admin, "/api/v1/users?cursor=-8000000000000000000_a")
        .await;
    assert_bad_field(answer, "cursor");
}

async fn audit_filters_with_control_characters_are_refused(app: TestApp) {
    let auditor = app.user(Role::Auditor).await;
    let answer = app.get(&auditor, "/api/v1/audit?entity_type=a%00b").await;
    assert_bad_field(answer, "entity_type");
    let answer = app.get(&auditor, "/api/v1/audit?entity_id=%00").await;
    assert_bad_field(answer, "entity_id");
    app.get(&auditor, "/api/v1/audit?entity_type=user")
        .await
        .expect(200);
}

async fn login_with_a_malformed_email_is_refused(app: TestApp) {
    let answer = app
        .send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "a\u{0}b@example.org", "password": "whatever it is"})),
        )
        .await;
    assert_bad_field(answer, "email");
}

async fn the_contract_lists_the_common_answers(app: TestApp) {
    let doc = app
        .send(Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .expect(200)
        .body;
    let post = &doc["paths"]["/api/v1/contributions"]["post"]["responses"];
    for status in ["400", "401", "403", "413", "415"] {
        assert!(
            post.get(status).is_some(),
            "POST /contributions lacks {status}"
        );
    }
    let get = &doc["paths"]["/api/v1/contributions/{id}"]["get"]["responses"];
    assert!(get.get("401").is_some() && get.get("404").is_some());
    let params = doc["paths"]["/api/v1/calls"]["get"]["parameters"]
        .as_array()
        .expect("parameters");
    let limit = params.iter().find(|p| p["name"] == "limit").expect("limit");
    assert_eq!(limit["schema"]["minimum"], 1);
    assert_eq!(limit["schema"]["maximum"], 200);
    let cursor = params
        .iter()
        .find(|p| p["name"] == "cursor")
        .expect("cursor");
    assert!(cursor["schema"]["pattern"].is_string());
}
