//! Signing in, the token's life, and attacks on it.

use base64_helpers::{b64, forge};
use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{TestApp, PASSWORD, TEST_SECRET};
use crate::on_both_backends;

on_both_backends!(
    login_then_me_shows_the_caller,
    wrong_password_and_unknown_email_get_the_same_answer,
    repeated_failures_are_throttled,
    a_disabled_account_cannot_sign_in_and_its_tokens_stop_working,
    forged_and_stale_tokens_are_refused,
    no_or_malformed_authorization_is_401,
    a_token_issued_in_the_future_is_refused,
);

async fn login_then_me_shows_the_caller(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let login = app
        .send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": finance.email.to_uppercase(), "password": PASSWORD})),
        )
        .await
        .expect(200);
    assert_eq!(login.body["token_type"], "Bearer");
    assert_eq!(login.body["expires_in"], 900);
    let token = login.body["access_token"].as_str().unwrap();
    let me = app
        .send(Method::GET, "/api/v1/me", Some(token), None)
        .await
        .expect(200);
    assert_eq!(me.body["id"], finance.id.to_string());
    assert_eq!(me.body["role"], finance.role.as_str());
    assert_eq!(me.body["email"], finance.email);
    assert!(me.body.get("password_hash").is_none());
}

async fn wrong_password_and_unknown_email_get_the_same_answer(app: TestApp) {
    let user = app.user(Role::Auditor).await;
    let wrong = app
        .send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": user.email, "password": "not the password"})),
        )
        .await
        .expect_problem(401, "unauthorized");
    let unknown = app
        .send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "nobody@example.org", "password": "not the password"})),
        )
        .await
        .expect_problem(401, "unauthorized");
    assert_eq!(wrong.body, unknown.body);
}

async fn repeated_failures_are_throttled(app: TestApp) {
    let user = app.user(Role::Secretariat).await;
    for _ in 0..5 {
        app.send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": user.email, "password": "guess guess guess"})),
        )
        .await
        .expect(401);
    }
    // Now even the right password is refused for a while, with a hint of when to retry.
    let throttled = app
        .send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": user.email, "password": PASSWORD})),
        )
        .await
        .expect_problem(429, "too-many-requests");
    let retry: u64 = throttled.header("retry-after").unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 15 * 60);
    // Another account is not affected.
    let other = app.user(Role::Finance).await;
    app.login(&other.email, PASSWORD).await;
}

async fn a_disabled_account_cannot_sign_in_and_its_tokens_stop_working(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let trustee = app.user(Role::Trustee).await;
    app.get(&trustee, "/api/v1/me").await.expect(200);
    app.patch(
        &admin,
        &format!("/api/v1/users/{}", trustee.id),
        json!({"enabled": false}),
    )
    .await
    .expect(200);
    app.get(&trustee, "/api/v1/me")
        .await
        .expect_problem(401, "unauthorized");
    app.send(
        Method::POST,
        "/api/v1/auth/login",
        None,
        Some(json!({"email": trustee.email, "password": PASSWORD})),
    )
    .await
    .expect_problem(401, "unauthorized");
    // Re-enabled, it signs in again; the tokens issued before it was disabled stay dead.
    app.patch(
        &admin,
        &format!("/api/v1/users/{}", trustee.id),
        json!({"enabled": true}),
    )
    .await
    .expect(200);
    app.get(&trustee, "/api/v1/me")
        .await
        .expect_problem(401, "unauthorized");
    let token = app.login(&trustee.email, PASSWORD).await;
    app.send(Method::GET, "/api/v1/me", Some(&token), None)
        .await
        .expect(200);
}

async fn forged_and_stale_tokens_are_refused(app: TestApp) {
    let user = app.user(Role::Admin).await;
    let now = chrono::Utc::now().timestamp();
    let claims = |iat: i64, exp: i64, iss: &str, aud: &str| json!({"sub": user.id, "role": "admin", "org": null, "iat": iat, "exp": exp, "iss": iss, "aud": aud});
    let good = forge(
        &claims(now, now + 600, "trustfund", "trustfund-api"),
        TEST_SECRET,
    );
    app.send(Method::GET, "/api/v1/me", Some(&good), None)
        .await
        .expect(200);

    let attacks = [
        (
            "expired",
            forge(
                &claims(now - 3600, now - 1800, "trustfund", "trustfund-api"),
                TEST_SECRET,
            ),
        ),
        (
            "wrong signature",
            forge(
                &claims(now, now + 600, "trustfund", "trustfund-api"),
                "another-secret-that-is-also-long-enough",
            ),
        ),
        (
            "wrong audience",
            forge(
                &claims(now, now + 600, "trustfund", "someone-else"),
                TEST_SECRET,
            ),
        ),
        (
            "wrong issuer",
            forge(
                &claims(now, now + 600, "evil", "trustfund-api"),
                TEST_SECRET,
            ),
        ),
        (
            "alg none",
            format!(
                "{}.{}.",
                b64(br#"{"alg":"none","typ":"JWT"}"#),
                b64(claims(now, now + 600, "trustfund", "trustfund-api")
                    .to_string()
                    .as_bytes())
            ),
        ),
        ("garbage", "not.a.token".to_string()),
        (
            "unknown user",
            forge(
                &json!({"sub": uuid::Uuid::new_v4(), "role": "admin", "org": null, "iat": now, "exp": now + 600, "iss": "trustfund", "aud": "trustfund-api"}),
                TEST_SECRET,
            ),
        ),
    ];
    for (attack, token) in attacks {
        let answer = app
            .send(Method::GET, "/api/v1/users", Some(&token), None)
            .await;
        assert_eq!(answer.status, 401, "{attack}: {}", answer.text);
        assert_eq!(
            answer.header("content-type").as_deref(),
            Some("application/problem+json")
        );
    }
}

/// A token whose issue time lies ahead of the clock would outlive every cutoff (a password
/// change ends the sessions issued before it): refused, beyond a minute of clock skew.
async fn a_token_issued_in_the_future_is_refused(app: TestApp) {
    let user = app.user(Role::Admin).await;
    let now = chrono::Utc::now().timestamp();
    let token = |iat: i64, iat_ms: Option<i64>| {
        let mut claims = json!({"sub": user.id, "role": "admin", "org": null, "iat": iat,
            "exp": now + 7200, "iss": "trustfund", "aud": "trustfund-api"});
        if let Some(ms) = iat_ms {
            claims["iat_ms"] = json!(ms);
        }
        forge(&claims, TEST_SECRET)
    };
    // Within the allowance for clocks: accepted.
    let skewed = token(now + 20, None);
    app.send(Method::GET, "/api/v1/me", Some(&skewed), None)
        .await
        .expect(200);
    // An hour ahead, by `iat` or by `iat_ms`: refused.
    let ahead = token(now + 3600, None);
    let ahead_ms = token(now, Some((now + 3600) * 1000));
    for forged in [&ahead, &ahead_ms] {
        app.send(Method::GET, "/api/v1/me", Some(forged), None)
            .await
            .expect_problem(401, "unauthorized");
    }
    // And so no such token survives a password change: after it, the refusal stands and
    // only a new sign-in works.
    app.send(
        Method::POST,
        "/api/v1/me/password",
        Some(&user.token),
        Some(json!({"current_password": PASSWORD, "new_password": "a brand new password 2026"})),
    )
    .await
    .expect(204);
    for forged in [&ahead, &ahead_ms] {
        app.send(Method::GET, "/api/v1/me", Some(forged), None)
            .await
            .expect_problem(401, "unauthorized");
    }
    let fresh = app.login(&user.email, "a brand new password 2026").await;
    app.send(Method::GET, "/api/v1/me", Some(&fresh), None)
        .await
        .expect(200);
}

async fn no_or_malformed_authorization_is_401(app: TestApp) {
    app.send(Method::GET, "/api/v1/me", None, None)
        .await
        .expect_problem(401, "unauthorized");
    let answer = app
        .client
        .get(format!("{}/api/v1/me", app.address))
        .header("authorization", "Basic dXNlcjpwYXNz")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 401);
}

/// Hand-made tokens, so the attacks are not limited to what our own encoder would produce.
mod base64_helpers {
    use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};

    pub fn forge(claims: &serde_json::Value, secret: &str) -> String {
        encode(
            &Header::new(Algorithm::HS256),
            claims,
            &EncodingKey::from_secret(secret.as_bytes()),
        )
        .unwrap()
    }

    pub fn b64(bytes: &[u8]) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }
}
