//! Every refusal of a draft or a submission, by its rule name.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::{application, registration, TestApp, PASSWORD};
use crate::on_both_backends;

on_both_backends!(
    submission_rules_refuse_by_name,
    the_call_window_and_duplicates_are_enforced,
    unverified_and_ineligible_organisations_cannot_submit,
    drafts_are_checked_for_shape,
);

async fn draft(app: &TestApp, user: &crate::helpers::TestUser, body: Value) -> String {
    let created = app
        .post(user, "/api/v1/applications", body)
        .await
        .expect(201);
    created.body["id"].as_str().unwrap().to_string()
}

async fn submission_rules_refuse_by_name(app: TestApp) {
    let (applicant, _) = app.verified_applicant().await;
    let call = app.open_call().await;
    let id = draft(&app, &applicant, application(&call)).await;
    let path = format!("/api/v1/applications/{id}");
    let submit_path = format!("/api/v1/applications/{id}/submit");
    let submit = || app.post(&applicant, &submit_path, json!({}));

    app.patch(&applicant, &path, json!({"requested": {"amount": "70000.00", "currency": "USD"}, "budget_lines": [{"label": "All", "amount": {"amount": "70000.00", "currency": "USD"}}]}))
        .await
        .expect(200);
    let refused = submit().await.expect_problem(422, "amount-out-of-range");
    assert_eq!(refused.bad_fields(), vec!["requested"]);
    app.patch(&applicant, &path, json!({"requested": {"amount": "10000.00", "currency": "USD"}, "budget_lines": [{"label": "All", "amount": {"amount": "10000.00", "currency": "USD"}}]}))
        .await
        .expect(200);
    submit().await.expect_problem(422, "amount-out-of-range");

    app.patch(&applicant, &path, json!({"requested": {"amount": "45000.00", "currency": "USD"}, "budget_lines": [{"label": "All", "amount": {"amount": "45000.00", "currency": "USD"}}], "duration_months": 25}))
        .await
        .expect(200);
    let refused = submit().await.expect_problem(422, "duration-too-long");
    assert_eq!(refused.bad_fields(), vec!["duration_months"]);

    app.patch(
        &applicant,
        &path,
        json!({"duration_months": 24, "budget_lines": [
        {"label": "Rent", "amount": {"amount": "30000.00", "currency": "USD"}},
        {"label": "Staff", "amount": {"amount": "14999.99", "currency": "USD"}}]}),
    )
    .await
    .expect(200);
    let refused = submit().await.expect_problem(422, "budget-mismatch");
    let detail = refused.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("44999.99 USD") && detail.contains("45000.00 USD"),
        "{detail}"
    );
    assert_eq!(refused.body["rule"], "budget-mismatch");

    // Still a draft after every refusal; fixed, it goes through.
    let still = app.get(&applicant, &path).await.expect(200);
    assert_eq!(still.body["state"], "draft");
    app.patch(
        &applicant,
        &path,
        json!({"budget_lines": [
        {"label": "Rent", "amount": {"amount": "30000.00", "currency": "USD"}},
        {"label": "Staff", "amount": {"amount": "15000.00", "currency": "USD"}}]}),
    )
    .await
    .expect(200);
    submit().await.expect(200);
}

async fn the_call_window_and_duplicates_are_enforced(app: TestApp) {
    let (applicant, _) = app.verified_applicant().await;
    let secretariat = app.user(Role::Secretariat).await;
    let now = Utc::now();
    let mut terms = json!({
        "title": "Call", "description": "d",
        "envelope": {"amount": "500000.00", "currency": "USD"},
        "min_grant": {"amount": "20000.00", "currency": "USD"},
        "max_grant": {"amount": "60000.00", "currency": "USD"},
        "max_duration_months": 24, "eligible_org_types": ["ngo"]
    });
    terms["opens_at"] = json!((now - Duration::days(20)).to_rfc3339());
    terms["closes_at"] = json!((now + Duration::days(1)).to_rfc3339());
    let closed = app
        .post(&secretariat, "/api/v1/calls", terms.clone())
        .await
        .expect(201);
    // A call cannot be created closed: time passes instead.
    crate::support::scenarios::close_call(&app, closed.body["id"].as_str().unwrap()).await;
    terms["opens_at"] = json!((now + Duration::days(2)).to_rfc3339());
    terms["closes_at"] = json!((now + Duration::days(20)).to_rfc3339());
    let upcoming = app
        .post(&secretariat, "/api/v1/calls", terms)
        .await
        .expect(201);

    // No draft under a closed call; a draft ahead of the window cannot be submitted yet.
    app.post(
        &applicant,
        "/api/v1/applications",
        application(closed.body["id"].as_str().unwrap()),
    )
    .await
    .expect_problem(422, "call-closed");
    let early = draft(
        &app,
        &applicant,
        application(upcoming.body["id"].as_str().unwrap()),
    )
    .await;
    app.post(
        &applicant,
        &format!("/api/v1/applications/{early}/submit"),
        json!({}),
    )
    .await
    .expect_problem(422, "call-closed");

    // One application per organisation per call; withdrawn ones don't count.
    let call = app.open_call().await;
    let first = draft(&app, &applicant, application(&call)).await;
    app.post(&applicant, "/api/v1/applications", application(&call))
        .await
        .expect_problem(422, "duplicate-application");
    app.post(
        &applicant,
        &format!("/api/v1/applications/{first}/withdraw"),
        json!({"reason": "no longer needed"}),
    )
    .await
    .expect(200);
    let second = draft(&app, &applicant, application(&call)).await;
    app.post(
        &applicant,
        &format!("/api/v1/applications/{second}/submit"),
        json!({}),
    )
    .await
    .expect(200);
    // A colleague of the same organisation is refused too.
    let org = app.get(&applicant, "/api/v1/me").await.body["organization_id"]
        .as_str()
        .unwrap()
        .to_string();
    app.post(
        &applicant,
        &format!("/api/v1/organizations/{org}/users"),
        json!({"email": "colleague@example.org", "name": "C", "password": PASSWORD}),
    )
    .await
    .expect(201);
    let token = app.login("colleague@example.org", PASSWORD).await;
    app.send(
        Method::POST,
        "/api/v1/applications",
        Some(&token),
        Some(application(&call)),
    )
    .await
    .expect_problem(422, "duplicate-application");
}

async fn unverified_and_ineligible_organisations_cannot_submit(app: TestApp) {
    let call = app.open_call().await;
    // Pending: may draft, may not submit.
    let body = registration("KE");
    let email = body["applicant"]["email"].as_str().unwrap().to_string();
    let created = app
        .send(
            Method::POST,
            "/api/v1/organizations/register",
            None,
            Some(body),
        )
        .await
        .expect(201);
    let token = app.login(&email, PASSWORD).await;
    let pending = crate::helpers::TestUser {
        id: uuid::Uuid::nil(),
        email,
        role: Role::Applicant,
        token,
    };
    let id = draft(&app, &pending, application(&call)).await;
    app.post(
        &pending,
        &format!("/api/v1/applications/{id}/submit"),
        json!({}),
    )
    .await
    .expect_problem(422, "organization-not-verified");
    // Refused: still not.
    let secretariat = app.user(Role::Secretariat).await;
    let org = created.body["id"].as_str().unwrap();
    app.post(
        &secretariat,
        &format!("/api/v1/organizations/{org}/verification"),
        json!({"verified": false, "reason": "no bank letter"}),
    )
    .await
    .expect(200);
    app.post(
        &pending,
        &format!("/api/v1/applications/{id}/submit"),
        json!({}),
    )
    .await
    .expect_problem(422, "organization-not-verified");

    // A governmental body under a call for NGOs only.
    let mut gov = registration("PH");
    gov["org_type"] = json!("governmental");
    let email = gov["applicant"]["email"].as_str().unwrap().to_string();
    let created = app
        .send(
            Method::POST,
            "/api/v1/organizations/register",
            None,
            Some(gov),
        )
        .await
        .expect(201);
    let org = created.body["id"].as_str().unwrap();
    app.post(
        &secretariat,
        &format!("/api/v1/organizations/{org}/verification"),
        json!({"verified": true}),
    )
    .await
    .expect(200);
    let token = app.login(&email, PASSWORD).await;
    let official = crate::helpers::TestUser {
        id: uuid::Uuid::nil(),
        email,
        role: Role::Applicant,
        token,
    };
    let id = draft(&app, &official, application(&call)).await;
    app.post(
        &official,
        &format!("/api/v1/applications/{id}/submit"),
        json!({}),
    )
    .await
    .expect_problem(422, "organization-type-ineligible");
}

async fn drafts_are_checked_for_shape(app: TestApp) {
    let (applicant, _) = app.verified_applicant().await;
    let call = app.open_call().await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("countries", json!([]), "countries"),
        ("countries", json!(["KE", "KE"]), "countries[1]"),
        ("countries", json!(["KE", "ZZ"]), "countries[1]"),
        (
            "beneficiaries",
            json!([{"sex": "female", "age_group": "child", "count": 0}]),
            "beneficiaries",
        ),
        (
            "beneficiaries",
            json!([{"sex": "female", "age_group": "child", "count": -1}]),
            "beneficiaries[0].count",
        ),
        (
            "beneficiaries",
            json!([{"sex": "female", "age_group": "child", "count": 3, "name": "Jane"}]),
            "beneficiaries[0].name",
        ),
        ("exploitation", json!(["piracy"]), "exploitation[0]"),
        ("aid_types", json!([]), "aid_types"),
        (
            "requested",
            json!({"amount": "45000.00", "currency": "EUR"}),
            "requested.currency",
        ),
        (
            "requested",
            json!({"amount": "0", "currency": "USD"}),
            "requested",
        ),
        ("budget_lines", json!([]), "budget_lines"),
        (
            "budget_lines",
            json!([{"label": "Rent", "amount": {"amount": "-5.00", "currency": "USD"}}]),
            "budget_lines[0].amount",
        ),
        (
            "budget_lines",
            json!([{"label": "Rent", "amount": {"amount": "45000.00", "currency": "EUR"}}]),
            "budget_lines[0].amount.currency",
        ),
        ("duration_months", json!(0), "duration_months"),
        ("call_id", json!(uuid::Uuid::new_v4()), "call_id"),
    ];
    for (field, value, named) in cases {
        let mut body = application(&call);
        body[field] = value;
        let bad = app
            .post(&applicant, "/api/v1/applications", body)
            .await
            .expect_problem(400, "validation");
        assert_eq!(bad.bad_fields(), vec![named.to_string()], "{field}");
    }
    for role in [Role::Secretariat, Role::Trustee, Role::Admin] {
        let user = app.user(role).await;
        app.post(&user, "/api/v1/applications", application(&call))
            .await
            .expect_problem(403, "forbidden");
    }
}
