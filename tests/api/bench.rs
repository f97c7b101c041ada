//! The bench's ceiling write (issue 14): absent from a normal run (no route, not in the
//! contract); when the bench registers it, one authenticated write transaction whose one
//! insert is its audit event, leaving the hash chain valid.

use reqwest::Method;
use trustfund::auth::Role;

use crate::helpers::{postgres_skipped, Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(the_ceiling_write_is_absent_from_a_normal_run);

async fn the_ceiling_write_is_absent_from_a_normal_run(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    app.send(
        Method::POST,
        "/bench/ceiling-write",
        Some(&finance.token),
        None,
    )
    .await
    .expect(404);
    let doc = app
        .send(Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .expect(200);
    let paths = doc.body["paths"].as_object().unwrap();
    assert!(paths.keys().all(|path| !path.contains("bench")));
}

async fn the_ceiling_write_is_one_audited_transaction(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let auditor = app.user(Role::Auditor).await;
    app.send(Method::POST, "/bench/ceiling-write", None, None)
        .await
        .expect(401);
    for _ in 0..3 {
        app.send(
            Method::POST,
            "/bench/ceiling-write",
            Some(&finance.token),
            None,
        )
        .await
        .expect(204);
    }
    let trail = app
        .get(&auditor, "/api/v1/audit?entity_type=bench")
        .await
        .expect(200);
    let events = trail.body["items"].as_array().unwrap();
    assert_eq!(events.len(), 3);
    assert!(events
        .iter()
        .all(|event| event["action"] == "bench.ceiling"));
    let report = app.get(&auditor, "/api/v1/audit/verify").await.expect(200);
    assert_eq!(report.body["valid"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ceiling_write_when_the_bench_turns_it_on_sqlite() {
    let app = TestApp::spawn_with(Backend::Sqlite, trustfund::bench::routes)
        .await
        .unwrap();
    the_ceiling_write_is_one_audited_transaction(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ceiling_write_when_the_bench_turns_it_on_postgres() {
    match TestApp::spawn_with(Backend::Postgres, trustfund::bench::routes).await {
        Some(app) => the_ceiling_write_is_one_audited_transaction(app).await,
        None => postgres_skipped(),
    }
}
