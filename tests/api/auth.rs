//! Signing in, the token's life, and attacks on it.
//!
//! Sign-ins and password changes carry passwords, which the crate's request types only
//! read: those bodies are JSON; the forged tokens are hand-made on purpose.

use base64_helpers::{b64, forge};
use serde_json::json;
use trustfund::api::users::UpdateUserRequest;
use trustfund::auth::Role;
use trustfund::users::UserView;

use crate::helpers::{Answer, TestApp, PASSWORD, TEST_SECRET};
use crate::on_both_backends;
use crate::support::resources::ALL;
use crate::support::{paths, Reply};

on_both_backends!(
    login_then_me_shows_the_caller,
    wrong_password_and_unknown_email_get_the_same_answer,
    repeated_failures_are_throttled,
    a_disabled_account_cannot_sign_in_and_its_tokens_stop_working,
    forged_and_stale_tokens_are_refused,
    no_or_malformed_authorization_is_401,
    a_token_issued_in_the_future_is_refused,
);

/// A sign-in with `email` and `password`, by no one yet.
async fn login(
    app: &TestApp,
    email: &str,
    password: &str,
) -> Reply<trustfund::auth::TokenResponse> {
    app.anonymous()
        .auth()
        .login(&json!({"email": email, "password": password}))
        .await
}

/// `PATCH /users/{id}` enabling or disabling an account.
fn enabled(enabled: bool) -> UpdateUserRequest {
    UpdateUserRequest {
        name: None,
        role: None,
        enabled: Some(enabled),
    }
}

async fn login_then_me_shows_the_caller(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let login = login(&app, &finance.email.to_uppercase(), PASSWORD)
        .await
        .ok();
    assert_eq!(login.token_type, "Bearer");
    assert_eq!(login.expires_in, 900);
    let answer: Answer = app.with_token(&login.access_token).me().get().await.raw();
    // Never the password's hash, under any name the view does not carry.
    assert!(
        answer.body.get("password_hash").is_none(),
        "{}",
        answer.text
    );
    let me: UserView = Reply::new(answer).ok();
    assert_eq!(me.id, finance.id.into());
    assert_eq!(me.role, finance.role);
    assert_eq!(me.email, finance.email);
}

async fn wrong_password_and_unknown_email_get_the_same_answer(app: TestApp) {
    let user = app.user(Role::Auditor).await;
    let wrong = login(&app, &user.email, "not the password")
        .await
        .raw()
        .expect_problem(401, "unauthorized");
    let unknown = login(&app, "nobody@example.org", "not the password")
        .await
        .raw()
        .expect_problem(401, "unauthorized");
    assert_eq!(wrong.body, unknown.body);
}

async fn repeated_failures_are_throttled(app: TestApp) {
    let user = app.user(Role::Secretariat).await;
    for _ in 0..5 {
        login(&app, &user.email, "guess guess guess")
            .await
            .raw()
            .expect(401);
    }
    // Now even the right password is refused for a while, with a hint of when to retry.
    let throttled = login(&app, &user.email, PASSWORD)
        .await
        .raw()
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
    app.as_(&trustee).me().get().await.ok();
    app.as_(&admin)
        .user(trustee.id)
        .update(&enabled(false))
        .await
        .ok();
    app.as_(&trustee)
        .me()
        .get()
        .await
        .refused(401, "unauthorized");
    login(&app, &trustee.email, PASSWORD)
        .await
        .refused(401, "unauthorized");
    // Re-enabled, it signs in again; the tokens issued before it was disabled stay dead.
    app.as_(&admin)
        .user(trustee.id)
        .update(&enabled(true))
        .await
        .ok();
    app.as_(&trustee)
        .me()
        .get()
        .await
        .refused(401, "unauthorized");
    let token = app.login(&trustee.email, PASSWORD).await;
    app.with_token(&token).me().get().await.ok();
}

async fn forged_and_stale_tokens_are_refused(app: TestApp) {
    let user = app.user(Role::Admin).await;
    let now = chrono::Utc::now().timestamp();
    let claims = |iat: i64, exp: i64, iss: &str, aud: &str| json!({"sub": user.id, "role": "admin", "org": null, "iat": iat, "exp": exp, "iss": iss, "aud": aud});
    let good = forge(
        &claims(now, now + 600, "trustfund", "trustfund-api"),
        TEST_SECRET,
    );
    app.with_token(&good).me().get().await.ok();

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
        let answer = app.with_token(&token).users().list(ALL).await.raw();
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
    app.with_token(&skewed).me().get().await.ok();
    // An hour ahead, by `iat` or by `iat_ms`: refused.
    let ahead = token(now + 3600, None);
    let ahead_ms = token(now, Some((now + 3600) * 1000));
    for forged in [&ahead, &ahead_ms] {
        app.with_token(forged)
            .me()
            .get()
            .await
            .refused(401, "unauthorized");
    }
    // And so no such token survives a password change: after it, the refusal stands and
    // only a new sign-in works.
    app.as_(&user)
        .me()
        .change_password(
            &json!({"current_password": PASSWORD, "new_password": "a brand new password 2026"}),
        )
        .await
        .no_content();
    for forged in [&ahead, &ahead_ms] {
        app.with_token(forged)
            .me()
            .get()
            .await
            .refused(401, "unauthorized");
    }
    let fresh = app.login(&user.email, "a brand new password 2026").await;
    app.with_token(&fresh).me().get().await.ok();
}

async fn no_or_malformed_authorization_is_401(app: TestApp) {
    app.anonymous()
        .me()
        .get()
        .await
        .refused(401, "unauthorized");
    // Not a bearer token at all: a header the typed client never sends.
    let answer = app
        .client
        .get(format!("{}{}", app.address, paths::me()))
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
