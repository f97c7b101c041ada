//! What guards every step that moves money toward an organisation: it must still be
//! verified (a refusal after submission stops the award), and a call never awards more
//! than its envelope, reserve list included. A refusal writes nothing.

use serde_json::{json, Value};
use trustfund::auth::Role;
use uuid::Uuid;

use crate::helpers::{application, TestApp, TestUser};
use crate::on_both_backends;
use crate::support::scenarios::{balances, decide, fund, seat_board, vote, Board};

on_both_backends!(
    a_refused_organisation_is_never_awarded,
    a_refused_organisation_does_not_block_the_reserve_list,
    a_call_never_awards_more_than_its_envelope,
    the_reserve_list_holds_its_place_in_the_envelope,
);

/// Three approvals of `amount` by the trustees from Ghana, Japan and Poland.
async fn approve_by_three(app: &TestApp, board: &Board, application: &str, amount: &str) {
    for nationality in ["GH", "JP", "PL"] {
        vote(
            app,
            board.trustee(nationality),
            application,
            "approve",
            Some(amount),
        )
        .await
        .expect(200);
    }
}

async fn refuse(app: &TestApp, organization: Uuid) {
    let secretariat = app.user(Role::Secretariat).await;
    let refused = app
        .post(
            &secretariat,
            &format!("/api/v1/organizations/{organization}/verification"),
            json!({"verified": false, "reason": "fraud found"}),
        )
        .await
        .expect(200);
    assert_eq!(refused.body["state"], "refused");
}

/// Everything a refused or capped decision must leave as it was.
async fn nothing_written(app: &TestApp, board: &Board, application: &str, state: &str) {
    let path = format!("/api/v1/applications/{application}");
    let seen = app.get(&board.secretariat, &path).await.expect(200);
    assert_eq!(seen.body["state"], state);
    let grants = app
        .get(&board.secretariat, "/api/v1/grants")
        .await
        .expect(200);
    assert!(
        grants.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["application_id"] != application),
        "{}",
        grants.text
    );
    let auditor = app.user(Role::Auditor).await;
    let check = app.get(&auditor, "/api/v1/ledger/check").await.expect(200);
    assert_eq!(check.body["ok"], true, "{}", check.text);
}

async fn a_refused_organisation_is_never_awarded(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let (applicant, application) = app.application_under_review("KE").await;
    let organization = applicant_organization(&app, &applicant, &application).await;
    refuse(&app, organization).await;
    approve_by_three(&app, &board, &application, "42000.00").await;
    let before = balances(&app, &board.secretariat).await;

    let refused = decide(&app, &board, &application)
        .await
        .expect_problem(422, "organization-refused");
    assert_eq!(refused.body["rule"], "organization-refused");
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("fraud found"),
        "{}",
        refused.text
    );
    nothing_written(&app, &board, &application, "under_review").await;
    assert_eq!(balances(&app, &board.secretariat).await, before);
    app.get(
        &board.secretariat,
        &format!("/api/v1/applications/{application}/decision"),
    )
    .await
    .expect_problem(404, "not-found");

    // Rejecting moves no money: the Board can still close the file.
    for nationality in ["GH", "JP", "PL"] {
        vote(
            &app,
            board.trustee(nationality),
            &application,
            "reject",
            None,
        )
        .await
        .expect(200);
    }
    let closed = decide(&app, &board, &application).await.expect(201);
    assert_eq!(closed.body["status"], "rejected");
}

async fn a_refused_organisation_does_not_block_the_reserve_list(app: TestApp) {
    let board = seat_board(&app).await;
    // No money yet: both approvals wait on the reserve list, the first ahead.
    let (first_applicant, first) = app.application_under_review("KE").await;
    approve_by_three(&app, &board, &first, "30000.00").await;
    let (_, second) = app.application_under_review("KE").await;
    approve_by_three(&app, &board, &second, "30000.00").await;
    for application in [&first, &second] {
        let decided = decide(&app, &board, application).await.expect(201);
        assert_eq!(decided.body["status"], "reserve_list");
    }
    let organization = applicant_organization(&app, &first_applicant, &first).await;
    refuse(&app, organization).await;
    fund(&app, "100000.00").await;
    let before = balances(&app, &board.secretariat).await;

    let award = |id: &str| {
        let path = format!("/api/v1/applications/{id}/award");
        let app = &app;
        let secretariat = board.secretariat.clone();
        async move { app.post(&secretariat, &path, json!({})).await }
    };
    award(&first)
        .await
        .expect_problem(422, "organization-refused");
    nothing_written(&app, &board, &first, "reserve_list").await;
    assert_eq!(balances(&app, &board.secretariat).await, before);

    // The refused organisation's place does not hold up the next in line.
    let awarded = award(&second).await.expect(200);
    assert_eq!(awarded.body["status"], "approved");
}

/// The organisation behind an application, as its applicant sees it.
async fn applicant_organization(app: &TestApp, applicant: &TestUser, application: &str) -> Uuid {
    let seen = app
        .get(applicant, &format!("/api/v1/applications/{application}"))
        .await
        .expect(200);
    seen.body["organization_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// A call open now with an envelope of 100,000.00 (grants of 10,000 to 60,000).
async fn call_of_100k(app: &TestApp) -> String {
    let secretariat = app.user(Role::Secretariat).await;
    let now = chrono::Utc::now();
    let usd = |amount: &str| json!({"amount": amount, "currency": "USD"});
    app.post(
        &secretariat,
        "/api/v1/calls",
        json!({
            "title": "Small call", "description": "Direct assistance to victims.",
            "opens_at": (now - chrono::Duration::days(1)).to_rfc3339(),
            "closes_at": (now + chrono::Duration::days(30)).to_rfc3339(),
            "envelope": usd("100000.00"), "min_grant": usd("10000.00"),
            "max_grant": usd("60000.00"), "max_duration_months": 24,
            "eligible_org_types": ["ngo"], "priority_groups": [],
            "priority_exploitation": []
        }),
    )
    .await
    .expect(201)
    .body["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A Kenyan NGO's application for USD 48,000 under `call`, screened eligible.
async fn under_review_in(app: &TestApp, call: &str) -> String {
    let (applicant, _) = app.verified_applicant_in("KE").await;
    let mut body = application(call);
    body["requested"] = json!({"amount": "48000.00", "currency": "USD"});
    body["budget_lines"][0]["amount"]["amount"] = json!("33000.00");
    let id = app
        .post(&applicant, "/api/v1/applications", body)
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.post(
        &applicant,
        &format!("/api/v1/applications/{id}/submit"),
        json!({}),
    )
    .await
    .expect(200);
    let secretariat = app.user(Role::Secretariat).await;
    app.post(
        &secretariat,
        &format!("/api/v1/applications/{id}/screening"),
        json!({"eligible": true, "reasons": ["meets every criterion"]}),
    )
    .await
    .expect(200);
    id
}

async fn envelope_of(app: &TestApp, user: &TestUser, call: &str) -> (Value, Value) {
    let seen = app
        .get(user, &format!("/api/v1/calls/{call}"))
        .await
        .expect(200);
    (
        seen.body["committed"].clone(),
        seen.body["remaining"].clone(),
    )
}

fn usd(amount: &str) -> Value {
    json!({"amount": amount, "currency": "USD"})
}

async fn a_call_never_awards_more_than_its_envelope(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "1000000.00").await;
    let call = call_of_100k(&app).await;
    assert_eq!(
        envelope_of(&app, &board.secretariat, &call).await,
        (usd("0.00"), usd("100000.00"))
    );
    let mut applications = Vec::new();
    for amount in ["40000.00", "48000.00", "48000.00"] {
        let id = under_review_in(&app, &call).await;
        approve_by_three(&app, &board, &id, amount).await;
        applications.push(id);
    }
    for id in &applications[..2] {
        let decided = decide(&app, &board, id).await.expect(201);
        assert_eq!(decided.body["status"], "approved");
    }
    assert_eq!(
        envelope_of(&app, &board.secretariat, &call).await,
        (usd("88000.00"), usd("12000.00"))
    );
    let before = balances(&app, &board.secretariat).await;

    // 88,000 + 48,000 would be 136,000 under an envelope of 100,000.
    let capped = decide(&app, &board, &applications[2])
        .await
        .expect_problem(422, "envelope-exhausted");
    assert!(
        capped.body["detail"].as_str().unwrap().contains("12000.00"),
        "{}",
        capped.text
    );
    nothing_written(&app, &board, &applications[2], "under_review").await;
    assert_eq!(balances(&app, &board.secretariat).await, before);

    // The application stays under review: the Board lowers the award to what is left.
    approve_by_three(&app, &board, &applications[2], "12000.00").await;
    let decided = decide(&app, &board, &applications[2]).await.expect(201);
    assert_eq!(decided.body["status"], "approved");
    assert_eq!(decided.body["award"], usd("12000.00"));
    assert_eq!(
        envelope_of(&app, &board.secretariat, &call).await,
        (usd("100000.00"), usd("0.00"))
    );
}

async fn the_reserve_list_holds_its_place_in_the_envelope(app: TestApp) {
    let board = seat_board(&app).await;
    let call = call_of_100k(&app).await;
    // No money in the Fund: the first approval waits on the reserve list, and its award
    // already counts against the call.
    let first = under_review_in(&app, &call).await;
    approve_by_three(&app, &board, &first, "48000.00").await;
    let waiting = decide(&app, &board, &first).await.expect(201);
    assert_eq!(waiting.body["status"], "reserve_list");
    assert_eq!(
        envelope_of(&app, &board.secretariat, &call).await,
        (usd("48000.00"), usd("52000.00"))
    );
    let second = under_review_in(&app, &call).await;
    approve_by_three(&app, &board, &second, "48000.00").await;
    let third = under_review_in(&app, &call).await;
    approve_by_three(&app, &board, &third, "10000.00").await;
    let waiting = decide(&app, &board, &second).await.expect(201);
    assert_eq!(waiting.body["status"], "reserve_list");
    decide(&app, &board, &third)
        .await
        .expect_problem(422, "envelope-exhausted");
    nothing_written(&app, &board, &third, "under_review").await;

    fund(&app, "1000000.00").await;
    for id in [&first, &second] {
        let path = format!("/api/v1/applications/{id}/award");
        let awarded = app
            .post(&board.secretariat, &path, json!({}))
            .await
            .expect(200);
        assert_eq!(awarded.body["status"], "approved");
    }
    assert_eq!(
        envelope_of(&app, &board.secretariat, &call).await,
        (usd("96000.00"), usd("4000.00"))
    );
}
