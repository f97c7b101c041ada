//! The admin's account management.

use serde_json::{json, Value};
use trustfund::api::users::UpdateUserRequest;
use trustfund::auth::Role;
use trustfund::domain::UserId;

use crate::helpers::{TestApp, PASSWORD};
use crate::on_both_backends;
use crate::support::paths;
use crate::support::resources::ALL;

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

/// A new account's body: it carries a password, which the crate's types only read, so it
/// goes as JSON.
fn account(email: &str, name: &str, role: Role) -> Value {
    json!({"email": email, "name": name, "role": role, "password": PASSWORD})
}

fn enabled(enabled: bool) -> UpdateUserRequest {
    UpdateUserRequest {
        name: None,
        role: None,
        enabled: Some(enabled),
    }
}

async fn an_admin_creates_accounts_that_can_sign_in(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let created = app
        .as_(&admin)
        .users()
        .create(&account(
            "Fund.Manager@UNODC.org",
            "Fund Manager",
            Role::Secretariat,
        ))
        .await
        .raw()
        .expect(201);
    // Never the password, nor its hash.
    assert!(created.body.get("password").is_none() && created.body.get("password_hash").is_none());
    let created: trustfund::users::UserView = serde_json::from_value(created.body).unwrap();
    assert_eq!(created.email, "fund.manager@unodc.org");
    assert_eq!(created.role, Role::Secretariat);
    assert!(created.enabled);
    let token = app.login("fund.manager@unodc.org", PASSWORD).await;
    let me = app.with_token(&token).me().get().await.ok();
    assert_eq!(me.id, created.id);
    let fetched = app.as_(&admin).user(created.id).get().await.ok();
    assert_eq!(
        serde_json::to_value(&fetched).unwrap(),
        serde_json::to_value(&created).unwrap()
    );
}

async fn only_admins_manage_accounts(app: TestApp) {
    for role in [
        Role::Secretariat,
        Role::Trustee,
        Role::Finance,
        Role::Auditor,
    ] {
        let user = app.user(role).await;
        let as_user = app.as_(&user);
        as_user.users().list(ALL).await.refused(403, "forbidden");
        as_user
            .users()
            .create(&account("x@example.org", "X", Role::Admin))
            .await
            .refused(403, "forbidden");
    }
    let admin = app.user(Role::Admin).await;
    // An admin cannot lock themselves out.
    app.as_(&admin)
        .user(admin.id)
        .update(&enabled(false))
        .await
        .refused(409, "conflict");
}

async fn emails_are_unique_whatever_their_case(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let users = app.as_(&admin).users();
    users
        .clone()
        .create(&account("auditor@oios.org", "Someone", Role::Auditor))
        .await
        .created();
    users
        .create(&account("AUDITOR@oios.org", "Someone", Role::Auditor))
        .await
        .refused(409, "conflict");
}

async fn lists_are_paginated_newest_first(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let users = app.as_(&admin).users();
    for i in 0..5 {
        users
            .clone()
            .create(&account(
                &format!("user{i}@example.org"),
                &format!("User {i}"),
                Role::Finance,
            ))
            .await
            .created();
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut query = vec![("limit", "2".to_string())];
        if let Some(cursor) = cursor {
            query.push(("cursor", cursor));
        }
        let page = users.clone().list(&query).await.ok();
        assert!(page.items.len() <= 2);
        seen.extend(page.items.into_iter().map(|u| u.email));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 6);
    assert_eq!(seen[0], "user4@example.org");
    assert_eq!(seen[4], "user0@example.org");
    assert_eq!(seen[5], admin.email);
}

async fn applicants_need_an_organization(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let refused = app
        .as_(&admin)
        .users()
        .create(&account("ngo@example.org", "NGO", Role::Applicant))
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["organization_id"]);
}

// Changing or resetting a password, and disabling an account, end every session: tokens
// issued before stop working, and re-enabling an account does not bring them back.

const NEW_PASSWORD: &str = "a brand new passphrase 2026";

async fn changing_your_password_ends_your_sessions(app: TestApp) {
    let user = app.user(Role::Finance).await;
    let other_session = app.login(&user.email, PASSWORD).await;
    let me = app.as_(&user).me();
    // The current password must be proved.
    let wrong = me
        .clone()
        .change_password(
            &json!({"current_password": "not my password", "new_password": NEW_PASSWORD}),
        )
        .await
        .refused(400, "validation");
    assert_eq!(wrong.fields(), vec!["current_password"]);
    // A weak new password is refused, naming the field.
    let weak = me
        .clone()
        .change_password(&json!({"current_password": PASSWORD, "new_password": "short"}))
        .await
        .refused(400, "validation");
    assert_eq!(weak.fields(), vec!["new_password"]);
    me.clone().get().await.ok();

    me.clone()
        .change_password(&json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD}))
        .await
        .no_content();
    // Both sessions are over.
    me.get().await.refused(401, "unauthorized");
    app.with_token(&other_session)
        .me()
        .get()
        .await
        .refused(401, "unauthorized");
    // The old password no longer signs in; the new one does, and its token works.
    app.anonymous()
        .post::<Value>(
            paths::login(),
            &json!({"email": user.email, "password": PASSWORD}),
        )
        .await
        .raw()
        .expect(401);
    let token = app.login(&user.email, NEW_PASSWORD).await;
    app.with_token(&token).me().get().await.ok();
    // The audit trail says it happened, never the hash.
    let auditor = app.user(Role::Auditor).await;
    let trail = app
        .as_(&auditor)
        .audit()
        .list(&[("limit", "100")])
        .await
        .raw()
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
    let reset = json!({"new_password": NEW_PASSWORD});
    // Only an admin may reset.
    app.as_(&user)
        .user(user.id)
        .reset_password(&reset)
        .await
        .refused(403, "forbidden");
    app.as_(&admin)
        .user(user.id)
        .reset_password(&reset)
        .await
        .no_content();
    app.as_(&user).me().get().await.refused(401, "unauthorized");
    let token = app.login(&user.email, NEW_PASSWORD).await;
    app.with_token(&token).me().get().await.ok();
    app.as_(&admin)
        .user(UserId::new())
        .reset_password(&reset)
        .await
        .refused(404, "not-found");
}

async fn re_enabling_an_account_does_not_revive_its_old_tokens(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let user = app.user(Role::Secretariat).await;
    let account = app.as_(&admin).user(user.id);
    account.clone().update(&enabled(false)).await.ok();
    account.update(&enabled(true)).await.ok();
    app.as_(&user).me().get().await.refused(401, "unauthorized");
    // Signing in again works.
    let token = app.login(&user.email, PASSWORD).await;
    app.with_token(&token).me().get().await.ok();
}
