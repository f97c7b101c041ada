//! Hostile input that once answered 500 on PostgreSQL (found with schemathesis, see
//! `scripts/fuzz.sh`): each is now a 400 problem+json naming the field, on both backends.
//! Also the OpenAPI contract for answers every operation can give.

use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::resources::ALL;
use crate::support::scenarios::japan;
use crate::support::{paths, Reply};

on_both_backends!(
    dates_outside_years_1_to_9999_are_refused,
    cursors_far_in_the_past_are_refused,
    audit_filters_with_control_characters_are_refused,
    login_with_a_malformed_email_is_refused,
    the_contract_lists_the_common_answers
);

#[track_caller]
fn assert_bad_field<T>(reply: Reply<T>, field: &str) {
    let refused = reply.refused(400, "validation");
    assert_eq!(refused.fields(), vec![field], "{refused:?}");
}

async fn dates_outside_years_1_to_9999_are_refused(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let finance = app.as_(&finance);
    let pledged = json!({"amount": "1000.00", "currency": "USD"});
    for day in ["-5000-01-01", "0000-12-31", "+10000-01-01"] {
        // JSON: no date type the crate has can hold these days.
        let mut body = japan(pledged.clone());
        body["pledged_on"] = json!(day);
        assert_bad_field(finance.contributions().record(&body).await, "pledged_on");
    }
    assert_bad_field(
        finance.ledger().journal(&[("from", "-5000-01-01")]).await,
        "from",
    );
    // A query's dates have their own, narrower range (tests/api/dates_edges.rs); its
    // edges are fine.
    finance
        .ledger()
        .journal(&[("from", "1900-03-01"), ("to", "9999-09-30")])
        .await
        .ok();
    // Nothing was recorded.
    let list = finance.contributions().list(ALL).await.ok();
    assert!(list.items.is_empty(), "{:?}", list.items);
}

async fn cursors_far_in_the_past_are_refused(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let answer = app
        .as_(&admin)
        .users()
        .list(&[("cursor", "-8000000000000000000_a")])
        .await;
    assert_bad_field(answer, "cursor");
}

async fn audit_filters_with_control_characters_are_refused(app: TestApp) {
    let auditor = app.user(Role::Auditor).await;
    let audit = || app.as_(&auditor).audit();
    // Sent as `a%00b` and `%00`.
    let answer = audit().list(&[("entity_type", "a\u{0}b")]).await;
    assert_bad_field(answer, "entity_type");
    let answer = audit().list(&[("entity_id", "\u{0}")]).await;
    assert_bad_field(answer, "entity_id");
    audit().list(&[("entity_type", "user")]).await.ok();
}

async fn login_with_a_malformed_email_is_refused(app: TestApp) {
    let answer = app
        .anonymous()
        .auth()
        .login(&json!({"email": "a\u{0}b@example.org", "password": "whatever it is"}))
        .await;
    assert_bad_field(answer, "email");
}

async fn the_contract_lists_the_common_answers(app: TestApp) {
    // The document as published (JSON): its keys are the API's paths, as written there.
    let doc = app
        .anonymous()
        .get::<serde_json::Value>(paths::openapi())
        .await
        .ok();
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
