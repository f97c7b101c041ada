//! Sign-in throttling: atomic under concurrency, per address and per account, and no
//! lockout for the owner signing in from an address that has not been failing.

use std::net::{IpAddr, Ipv4Addr};

use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{answer, Answer, TestApp, PASSWORD};
use crate::on_both_backends;

on_both_backends!(
    concurrent_guesses_check_at_most_the_allowed_passwords,
    a_guesser_cannot_lock_the_owner_out,
    unknown_emails_and_addresses_are_throttled_too,
);

/// The default `auth.login_max_failures`.
const MAX_FAILURES: usize = 5;

async fn login_from(app: &TestApp, from: Ipv4Addr, email: &str, password: &str) -> Answer {
    let client = reqwest::Client::builder()
        .local_address(IpAddr::V4(from))
        .build()
        .expect("client");
    let response = client
        .request(Method::POST, format!("{}/api/v1/auth/login", app.address))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("sent");
    answer(response).await
}

async fn concurrent_guesses_check_at_most_the_allowed_passwords(app: TestApp) {
    let user = app.user(Role::Finance).await;
    let app = std::sync::Arc::new(app);
    let mut guesses = Vec::new();
    for _ in 0..40 {
        let app = app.clone();
        let email = user.email.clone();
        guesses.push(tokio::spawn(async move {
            login_from(&app, Ipv4Addr::LOCALHOST, &email, "a wrong guess!").await
        }));
    }
    let mut checked = 0;
    for guess in guesses {
        let answer = guess.await.expect("guess");
        match answer.status {
            401 => checked += 1,
            429 => {}
            other => panic!("unexpected {other}: {}", answer.text),
        }
    }
    // Each of the account's allowed failures, plus the one attempt the address makes
    // before it has any failure to its name (a clean address may always try once).
    assert!(
        checked <= MAX_FAILURES + 1,
        "{checked} passwords were checked for 40 concurrent guesses"
    );
}

async fn a_guesser_cannot_lock_the_owner_out(app: TestApp) {
    let owner = app.user(Role::Finance).await;
    let guesser = Ipv4Addr::new(127, 0, 0, 7);
    let home = Ipv4Addr::new(127, 0, 0, 8);
    for _ in 0..MAX_FAILURES {
        login_from(&app, guesser, &owner.email, "a wrong guess!")
            .await
            .expect(401);
    }
    // The guesser is refused now, even with the right password...
    login_from(&app, guesser, &owner.email, PASSWORD)
        .await
        .expect_problem(429, "too-many-requests");
    // ...and from another address a wrong password is refused without being checked...
    let other = Ipv4Addr::new(127, 0, 0, 9);
    login_from(&app, other, &owner.email, "a wrong guess!")
        .await
        .expect(401);
    login_from(&app, other, &owner.email, "another wrong guess")
        .await
        .expect_problem(429, "too-many-requests");
    // ...but the owner, from an address that has not been failing, signs in, and that
    // lifts the account's lock.
    login_from(&app, home, &owner.email, PASSWORD)
        .await
        .expect(200);
    login_from(&app, other, &owner.email, PASSWORD)
        .await
        .expect(200);
}

async fn unknown_emails_and_addresses_are_throttled_too(app: TestApp) {
    let from = Ipv4Addr::new(127, 0, 0, 10);
    // One unknown email is throttled like an account.
    for _ in 0..MAX_FAILURES {
        login_from(&app, from, "nobody@example.org", "a wrong guess!")
            .await
            .expect(401);
    }
    login_from(
        &app,
        Ipv4Addr::new(127, 0, 0, 11),
        "nobody@example.org",
        "x wrong guess",
    )
    .await
    .expect(401);
    login_from(&app, from, "nobody@example.org", "a wrong guess!")
        .await
        .expect_problem(429, "too-many-requests");
    // One address spraying many emails is refused after a few accounts' worth.
    let mut refused = false;
    for n in 0..(MAX_FAILURES * 4 + 2) {
        let answer = login_from(&app, from, &format!("n{n}@example.org"), "a wrong guess!").await;
        if answer.status == 429 {
            refused = true;
            break;
        }
        answer.expect(401);
    }
    assert!(refused, "an address spraying emails was never refused");
    // Another address is not affected.
    let user = app.user(Role::Auditor).await;
    login_from(&app, Ipv4Addr::new(127, 0, 0, 12), &user.email, PASSWORD)
        .await
        .expect(200);
}
