//! Sign-in throttling: atomic under concurrency, per address and per account, and no
//! lockout for the owner signing in from an address that has not been failing.

use std::net::{IpAddr, Ipv4Addr};

use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{answer, Answer, TestApp, PASSWORD};
use crate::on_both_backends;
use crate::support::paths;

on_both_backends!(
    concurrent_guesses_check_at_most_the_allowed_passwords,
    a_guesser_cannot_lock_the_owner_out,
    unknown_emails_and_addresses_are_throttled_too,
    a_stranger_elsewhere_cannot_lock_the_owner_out_of_a_shared_office,
    ipv6_guessers_are_counted_per_64,
);

/// The default `auth.login_max_failures`.
const MAX_FAILURES: usize = 5;
/// `throttle::FORGIVEN_HERE`: an account's failures from one address that still let that
/// address in once the account is guarded.
const FORGIVEN_HERE: usize = 2;

async fn login_from(app: &TestApp, from: Ipv4Addr, email: &str, password: &str) -> Answer {
    let client = reqwest::Client::builder()
        .local_address(IpAddr::V4(from))
        .build()
        .expect("client");
    let response = client
        .request(Method::POST, format!("{}{}", app.address, paths::login()))
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
    // Each of the account's allowed failures, plus at most the attempts an address where
    // the account has failed no more than FORGIVEN_HERE times may always make.
    assert!(
        checked <= MAX_FAILURES + FORGIVEN_HERE + 1,
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
    // ...and from another address a guesser gets FORGIVEN_HERE + 1 guesses, then is
    // refused without the password being checked...
    let other = Ipv4Addr::new(127, 0, 0, 9);
    for _ in 0..=FORGIVEN_HERE {
        login_from(&app, other, &owner.email, "a wrong guess!")
            .await
            .expect(401);
    }
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

async fn a_stranger_elsewhere_cannot_lock_the_owner_out_of_a_shared_office(app: TestApp) {
    let owner = app.user(Role::Finance).await;
    let colleague = app.user(Role::Auditor).await;
    let office = Ipv4Addr::new(127, 0, 0, 41);
    // The stranger fails more than the account allows, from an address of its own (a new
    // one each round, so its address's own allowance never stops it first).
    let mut round = 0;
    let mut stranger_guards = || {
        round += 1;
        let app = &app;
        let email = owner.email.clone();
        let stranger = Ipv4Addr::new(127, 0, 0, 50 + round);
        async move {
            for _ in 0..=MAX_FAILURES {
                login_from(app, stranger, &email, "a wrong guess!").await;
            }
        }
    };
    stranger_guards().await;
    // A colleague's typo from the office, on their own account.
    login_from(&app, office, &colleague.email, "a typo")
        .await
        .expect(401);
    // The owner gets in from the office, four times in a row, the stranger guessing on
    // between them (which guards the account again each time).
    for _ in 0..4 {
        login_from(&app, office, &owner.email, PASSWORD)
            .await
            .expect(200);
        stranger_guards().await;
    }
    // The owner's own typo or two from the office do not lock them out either.
    for _ in 0..FORGIVEN_HERE {
        login_from(&app, office, &owner.email, "my own typo")
            .await
            .expect(401);
    }
    login_from(&app, office, &owner.email, PASSWORD)
        .await
        .expect(200);
    // A third typo there is a guesser's share: the guarded account is refused there.
    stranger_guards().await;
    for _ in 0..=FORGIVEN_HERE {
        login_from(&app, office, &owner.email, "my own typo")
            .await
            .expect(401);
    }
    login_from(&app, office, &owner.email, PASSWORD)
        .await
        .expect_problem(429, "too-many-requests");
    // The guesser's bound: from a fresh address, FORGIVEN_HERE + 1 guesses, then 429.
    let fresh = Ipv4Addr::new(127, 0, 0, 42);
    for _ in 0..=FORGIVEN_HERE {
        login_from(&app, fresh, &owner.email, "a wrong guess!")
            .await
            .expect(401);
    }
    login_from(&app, fresh, &owner.email, "a wrong guess!")
        .await
        .expect_problem(429, "too-many-requests");
}

/// A sign-in through the test apps' trusted load balancer (127.0.0.250) for the client
/// `forwarded_for`.
async fn login_as(app: &TestApp, forwarded_for: &str, email: &str, password: &str) -> Answer {
    let client = reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 250)))
        .build()
        .expect("client");
    let response = client
        .request(Method::POST, format!("{}{}", app.address, paths::login()))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("sent");
    answer(response).await
}

async fn ipv6_guessers_are_counted_per_64(app: TestApp) {
    // One /64 spraying emails from a new address each time is one address: refused after
    // the address's allowance (4 accounts' worth).
    let mut refused = false;
    for n in 0..(MAX_FAILURES * 4 + 2) {
        let from = format!("2001:db8:5:6::{:x}", n + 1);
        let answer = login_as(
            &app,
            &from,
            &format!("v6-{n}@example.org"),
            "a wrong guess!",
        )
        .await;
        if answer.status == 429 {
            refused = true;
            break;
        }
        answer.expect(401);
    }
    assert!(
        refused,
        "a /64 spraying from new addresses was never refused"
    );
    // A guarded account: a new address of the /64 that guessed is not a new place.
    let owner = app.user(Role::Finance).await;
    for n in 0..=MAX_FAILURES {
        login_as(
            &app,
            &format!("2001:db8:7:8::{:x}", n + 1),
            &owner.email,
            "a wrong guess!",
        )
        .await;
    }
    login_as(&app, "2001:db8:7:8::ffff", &owner.email, PASSWORD)
        .await
        .expect_problem(429, "too-many-requests");
    // The owner's own /64 is another place.
    login_as(&app, "2001:db8:9:9::1", &owner.email, PASSWORD)
        .await
        .expect(200);
}
