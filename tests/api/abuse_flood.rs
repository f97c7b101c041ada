//! Writers never starve readers: while many clients flood writes (registrations, which
//! hash a password and write) and wrong sign-ins, a signed-in reader's `GET /api/v1/fund`
//! keeps being answered, never 503.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{registration, TestApp};
use crate::on_both_backends;
use crate::support::paths;

on_both_backends!(reads_stay_answered_under_a_write_and_login_flood);

const CLIENTS: usize = 40;
const FLOOD_FOR: Duration = Duration::from_secs(5);
/// Generous: the point is "answered", not a benchmark (the machine running the tests may
/// be busy). Before the fix, waiting writers held every pooled connection and reads got
/// 503 after the 10 s checkout timeout.
const READ_BOUND: Duration = Duration::from_secs(5);

async fn reads_stay_answered_under_a_write_and_login_flood(app: TestApp) {
    let reader = app.user(Role::Finance).await;
    let victim = app.user(Role::Secretariat).await;
    let app = Arc::new(app);
    let stop = Instant::now() + FLOOD_FOR;

    let mut flood = Vec::new();
    for client in 0..CLIENTS {
        let app = app.clone();
        let victim = victim.email.clone();
        flood.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            while Instant::now() < stop {
                let answer = if client % 2 == 0 {
                    app.send(
                        Method::POST,
                        &paths::registration(),
                        None,
                        Some(registration("KE")),
                    )
                    .await
                } else {
                    let email = if client % 4 == 1 {
                        victim.clone()
                    } else {
                        format!("nobody-{}@example.org", uuid::Uuid::new_v4().simple())
                    };
                    app.send(
                        Method::POST,
                        &paths::login(),
                        None,
                        Some(json!({"email": email, "password": "a wrong password"})),
                    )
                    .await
                };
                statuses.push(answer.status);
            }
            statuses
        }));
    }

    let mut latencies = Vec::new();
    while Instant::now() < stop {
        let started = Instant::now();
        let answer = app.get(&reader, &paths::fund()).await;
        let took = started.elapsed();
        assert_eq!(
            answer.status, 200,
            "a read during the flood was not answered: {}",
            answer.text
        );
        latencies.push(took);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut statuses = Vec::new();
    for client in flood {
        statuses.extend(client.await.expect("flood client"));
    }
    latencies.sort();
    let median = latencies[latencies.len() / 2];
    let max = latencies[latencies.len() - 1];
    eprintln!(
        "{} reads during {} flood requests: median {median:?}, max {max:?}",
        latencies.len(),
        statuses.len()
    );
    assert!(
        !statuses.iter().any(|s| *s >= 500),
        "the flood itself got 5xx: {statuses:?}"
    );
    assert!(max < READ_BOUND, "a read took {max:?} during the flood");
}
