//! Anonymous endpoints are rate-limited per client address: a flood from one address is
//! cut to a trickle (429 with Retry-After), other addresses and signed-in callers are not
//! affected.

use std::net::{IpAddr, Ipv4Addr};

use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{answer, TestApp};
use crate::on_both_backends;
use crate::support::paths;

on_both_backends!(
    an_anonymous_flood_from_one_address_is_cut,
    behind_a_load_balancer_each_forwarded_client_has_its_own_quota,
    no_authorization_header_lifts_the_anonymous_limits,
    ipv6_clients_share_one_quota_per_64,
);

fn client_from(address: Ipv4Addr) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(address))
        .build()
        .expect("client")
}

async fn an_anonymous_flood_from_one_address_is_cut(app: TestApp) {
    let flooder = Ipv4Addr::new(127, 0, 0, 20);
    let url = format!("{}{}", app.address, paths::registration());
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let client = client_from(flooder);
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            for _ in 0..25 {
                let response = client
                    .post(&url)
                    .json(&json!({}))
                    .send()
                    .await
                    .expect("sent");
                let answer = answer(response).await;
                if answer.status == 429 {
                    let retry: u64 = answer
                        .header("retry-after")
                        .and_then(|v| v.parse().ok())
                        .expect("Retry-After");
                    assert!(retry >= 1);
                }
                statuses.push(answer.status);
            }
            statuses
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.extend(task.await.expect("flood"));
    }
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert!(
        refused > 0,
        "250 anonymous requests from one address were all served"
    );
    assert!(
        statuses.iter().all(|s| *s == 400 || *s == 429),
        "{statuses:?}"
    );

    // Another address is served.
    let response = client_from(Ipv4Addr::new(127, 0, 0, 21))
        .post(&url)
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 400);
    // A signed-in caller is not limited by the address's anonymous quota.
    let user = app.user(Role::Auditor).await;
    let me = client_from(flooder)
        .request(Method::GET, format!("{}{}", app.address, paths::me()))
        .bearer_auth(&user.token)
        .send()
        .await
        .expect("sent");
    assert_eq!(me.status(), 200);
}

/// Sends `count` anonymous registrations from `from` with this `X-Forwarded-For` (a new
/// value per request when `forwarded` gives one) and returns how many were refused 429.
async fn refused_of(
    app: &TestApp,
    from: Ipv4Addr,
    count: usize,
    forwarded: impl Fn(usize) -> String,
) -> usize {
    let client = client_from(from);
    let url = format!("{}{}", app.address, paths::registration());
    let mut refused = 0;
    for i in 0..count {
        let response = client
            .post(&url)
            .header("x-forwarded-for", forwarded(i))
            .json(&json!({}))
            .send()
            .await
            .expect("sent");
        if response.status() == 429 {
            refused += 1;
        }
    }
    refused
}

async fn behind_a_load_balancer_each_forwarded_client_has_its_own_quota(app: TestApp) {
    // 127.0.0.250 is the test apps' trusted load balancer (helpers::test_settings).
    let balancer = Ipv4Addr::new(127, 0, 0, 250);
    let flood = refused_of(&app, balancer, 150, |_| "203.0.113.1".to_string()).await;
    assert!(
        flood > 0,
        "150 requests from one forwarded client were all served"
    );
    // Another client behind the same balancer still has its whole quota.
    let other = refused_of(&app, balancer, 20, |_| "203.0.113.2".to_string()).await;
    assert_eq!(other, 0, "a second client behind the balancer was refused");

    // A peer that is not a trusted proxy cannot escape its quota by forging the header.
    let forger = Ipv4Addr::new(127, 0, 0, 251);
    let forged = refused_of(&app, forger, 150, |i| format!("198.51.100.{}", i % 250)).await;
    assert!(
        forged > 0,
        "forged X-Forwarded-For values escaped the limit"
    );
}

/// How many of `count` requests from `from` were refused 429; `token` is sent as the
/// bearer token when given.
async fn refused_with_token(
    app: &TestApp,
    from: Ipv4Addr,
    method: Method,
    path: &str,
    token: Option<&str>,
    count: usize,
) -> usize {
    let client = client_from(from);
    let mut refused = 0;
    for _ in 0..count {
        let mut request = client.request(method.clone(), format!("{}{path}", app.address));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if method == Method::POST {
            request = request.json(&json!({}));
        }
        let status = request.send().await.expect("sent").status();
        assert!(status.as_u16() < 500, "{path}: {status}");
        if status == 429 {
            refused += 1;
        }
    }
    refused
}

async fn no_authorization_header_lifts_the_anonymous_limits(app: TestApp) {
    let register = &paths::registration();
    // Registration: a junk token, then a valid one, change nothing: one quota per address.
    let junk = refused_with_token(
        &app,
        Ipv4Addr::new(127, 0, 0, 30),
        Method::POST,
        register,
        Some("junk"),
        60,
    )
    .await;
    assert!(
        junk > 0,
        "60 registrations with a junk token were all served"
    );
    let user = app.user(Role::Auditor).await;
    let valid = refused_with_token(
        &app,
        Ipv4Addr::new(127, 0, 0, 30),
        Method::POST,
        register,
        Some(&user.token),
        5,
    )
    .await;
    assert!(valid > 0, "a valid token lifted the registration quota");
    // Sign-in: the same with a junk token.
    let sign_in = refused_with_token(
        &app,
        Ipv4Addr::new(127, 0, 0, 31),
        Method::POST,
        &paths::login(),
        Some("junk"),
        150,
    )
    .await;
    assert!(
        sign_in > 0,
        "150 sign-ins with a junk token were all served"
    );
    // Elsewhere a junk token is anonymous; a valid one is not limited by the address.
    let flooder = Ipv4Addr::new(127, 0, 0, 32);
    let me = &paths::me();
    let junk = refused_with_token(&app, flooder, Method::GET, me, Some("junk"), 150).await;
    assert!(junk > 0, "150 requests with a junk token were all served");
    let signed_in = refused_with_token(&app, flooder, Method::GET, me, Some(&user.token), 5).await;
    assert_eq!(signed_in, 0, "a signed-in caller was limited");
}

async fn ipv6_clients_share_one_quota_per_64(app: TestApp) {
    // 127.0.0.250 is the test apps' trusted load balancer (helpers::test_settings).
    let balancer = Ipv4Addr::new(127, 0, 0, 250);
    // Every request from another address of one /64: one client.
    let spread = refused_of(&app, balancer, 150, |i| {
        format!("2001:db8:1:2::{:x}", i + 1)
    })
    .await;
    assert!(spread > 0, "150 registrations from one /64 were all served");
    // The next /64 is another client, with its whole quota.
    let next = refused_of(&app, balancer, 20, |i| format!("2001:db8:1:3::{:x}", i + 1)).await;
    assert_eq!(next, 0, "another /64 was refused");
}
