//! The admin's account management.

use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{TestApp, PASSWORD};
use crate::on_both_backends;

on_both_backends!(
    an_admin_creates_accounts_that_can_sign_in,
    only_admins_manage_accounts,
    emails_are_unique_whatever_their_case,
    lists_are_paginated_newest_first,
    applicants_need_an_organization,
);

async fn an_admin_creates_accounts_that_can_sign_in(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let created = app
        .post(&admin, "/api/v1/users", json!({"email": "Fund.Manager@UNODC.org", "name": "Fund Manager", "role": "secretariat", "password": PASSWORD}))
        .await
        .expect(201);
    assert_eq!(created.body["email"], "fund.manager@unodc.org");
    assert_eq!(created.body["role"], "secretariat");
    assert_eq!(created.body["enabled"], true);
    assert!(created.body.get("password").is_none() && created.body.get("password_hash").is_none());
    let token = app.login("fund.manager@unodc.org", PASSWORD).await;
    let me = app
        .send(Method::GET, "/api/v1/me", Some(&token), None)
        .await
        .expect(200);
    assert_eq!(me.body["id"], created.body["id"]);
    let fetched = app
        .get(
            &admin,
            &format!("/api/v1/users/{}", created.body["id"].as_str().unwrap()),
        )
        .await
        .expect(200);
    assert_eq!(fetched.body, created.body);
}

async fn only_admins_manage_accounts(app: TestApp) {
    for role in [
        Role::Secretariat,
        Role::Trustee,
        Role::Finance,
        Role::Auditor,
    ] {
        let user = app.user(role).await;
        app.get(&user, "/api/v1/users")
            .await
            .expect_problem(403, "forbidden");
        app.post(
            &user,
            "/api/v1/users",
            json!({"email": "x@example.org", "name": "X", "role": "admin", "password": PASSWORD}),
        )
        .await
        .expect_problem(403, "forbidden");
    }
    let admin = app.user(Role::Admin).await;
    // An admin cannot lock themselves out.
    app.patch(
        &admin,
        &format!("/api/v1/users/{}", admin.id),
        json!({"enabled": false}),
    )
    .await
    .expect_problem(409, "conflict");
}

async fn emails_are_unique_whatever_their_case(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let body = |email: &str| json!({"email": email, "name": "Someone", "role": "auditor", "password": PASSWORD});
    app.post(&admin, "/api/v1/users", body("auditor@oios.org"))
        .await
        .expect(201);
    app.post(&admin, "/api/v1/users", body("AUDITOR@oios.org"))
        .await
        .expect_problem(409, "conflict");
}

async fn lists_are_paginated_newest_first(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    for i in 0..5 {
        app.post(&admin, "/api/v1/users", json!({"email": format!("user{i}@example.org"), "name": format!("User {i}"), "role": "finance", "password": PASSWORD}))
            .await
            .expect(201);
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/users?limit=2".to_string();
    loop {
        let page = app.get(&admin, &path).await.expect(200);
        let items = page.body["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(
            items
                .iter()
                .map(|u| u["email"].as_str().unwrap().to_string()),
        );
        match page.body["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/users?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 6);
    assert_eq!(seen[0], "user4@example.org");
    assert_eq!(seen[4], "user0@example.org");
    assert_eq!(seen[5], admin.email);
}

async fn applicants_need_an_organization(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let answer = app
        .post(&admin, "/api/v1/users", json!({"email": "ngo@example.org", "name": "NGO", "role": "applicant", "password": PASSWORD}))
        .await
        .expect_problem(400, "validation");
    assert_eq!(answer.bad_fields(), vec!["organization_id"]);
}
