//! The bench's ceiling write (issue 14): absent from a normal run (no route, not in the
//! contract); when the bench registers it, one authenticated write transaction whose one
//! insert is its audit event, leaving the hash chain valid.

use reqwest::Method;
use trustfund::auth::Role;

use crate::helpers::{postgres_skipped, Backend, TestApp};
use crate::on_both_backends;
use crate::support::paths;

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
    // The published document, as JSON: its paths are its keys.
    let doc = app
        .send(Method::GET, &paths::openapi(), None, None)
        .await
        .expect(200);
    let published = doc.body["paths"].as_object().unwrap();
    assert!(published.keys().all(|path| !path.contains("bench")));
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
    let auditor = app.as_(&auditor);
    let trail = auditor.audit().list(&[("entity_type", "bench")]).await.ok();
    assert_eq!(trail.items.len(), 3);
    assert!(trail
        .items
        .iter()
        .all(|event| event.action == "bench.ceiling"));
    let report = auditor.audit().verify().await.ok();
    assert!(report.valid, "{report:?}");
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
