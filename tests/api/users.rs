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
    changing_your_password_ends_your_sessions,
    an_admin_reset_ends_the_sessions,
    re_enabling_an_account_does_not_revive_its_old_tokens,
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

// Changing or resetting a password, and disabling an account, end every session: tokens
// issued before stop working, and re-enabling an account does not bring them back.

const NEW_PASSWORD: &str = "a brand new passphrase 2026";

async fn changing_your_password_ends_your_sessions(app: TestApp) {
    let user = app.user(Role::Finance).await;
    let other_session = app.login(&user.email, PASSWORD).await;
    // The current password must be proved.
    let wrong = app
        .post(
            &user,
            "/api/v1/me/password",
            json!({"current_password": "not my password", "new_password": NEW_PASSWORD}),
        )
        .await
        .expect_problem(400, "validation");
    assert_eq!(wrong.bad_fields(), vec!["current_password"]);
    // A weak new password is refused, naming the field.
    let weak = app
        .post(
            &user,
            "/api/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "short"}),
        )
        .await
        .expect_problem(400, "validation");
    assert_eq!(weak.bad_fields(), vec!["new_password"]);
    app.get(&user, "/api/v1/me").await.expect(200);

    app.post(
        &user,
        "/api/v1/me/password",
        json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD}),
    )
    .await
    .expect(204);
    // Both sessions are over.
    app.get(&user, "/api/v1/me")
        .await
        .expect_problem(401, "unauthorized");
    app.send(Method::GET, "/api/v1/me", Some(&other_session), None)
        .await
        .expect_problem(401, "unauthorized");
    // The old password no longer signs in; the new one does, and its token works.
    app.send(
        Method::POST,
        "/api/v1/auth/login",
        None,
        Some(json!({"email": user.email, "password": PASSWORD})),
    )
    .await
    .expect(401);
    let token = app.login(&user.email, NEW_PASSWORD).await;
    app.send(Method::GET, "/api/v1/me", Some(&token), None)
        .await
        .expect(200);
    // The audit trail says it happened, never the hash.
    let auditor = app.user(Role::Auditor).await;
    let trail = app
        .get(&auditor, "/api/v1/audit?limit=100")
        .await
        .expect(200);
    assert!(
        trail.text.contains("user.password_changed"),
        "{}",
        trail.text
    );
    assert!(!trail.text.contains("argon2"));
}

async fn an_admin_reset_ends_the_sessions(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let user = app.user(Role::Trustee).await;
    let path = format!("/api/v1/users/{}/password", user.id);
    // Only an admin may reset.
    app.post(&user, &path, json!({"new_password": NEW_PASSWORD}))
        .await
        .expect_problem(403, "forbidden");
    app.post(&admin, &path, json!({"new_password": NEW_PASSWORD}))
        .await
        .expect(204);
    app.get(&user, "/api/v1/me")
        .await
        .expect_problem(401, "unauthorized");
    let token = app.login(&user.email, NEW_PASSWORD).await;
    app.send(Method::GET, "/api/v1/me", Some(&token), None)
        .await
        .expect(200);
    app.post(
        &admin,
        &format!("/api/v1/users/{}/password", uuid::Uuid::new_v4()),
        json!({"new_password": NEW_PASSWORD}),
    )
    .await
    .expect_problem(404, "not-found");
}

async fn re_enabling_an_account_does_not_revive_its_old_tokens(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let user = app.user(Role::Secretariat).await;
    let path = format!("/api/v1/users/{}", user.id);
    app.patch(&admin, &path, json!({"enabled": false}))
        .await
        .expect(200);
    app.patch(&admin, &path, json!({"enabled": true}))
        .await
        .expect(200);
    app.get(&user, "/api/v1/me")
        .await
        .expect_problem(401, "unauthorized");
    // Signing in again works.
    let token = app.login(&user.email, PASSWORD).await;
    app.send(Method::GET, "/api/v1/me", Some(&token), None)
        .await
        .expect(200);
}
