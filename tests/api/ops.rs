//! Health, readiness, metrics, request ids, the OpenAPI document and its offline page.

use reqwest::Method;
use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends!(
    health_and_readiness,
    every_answer_carries_a_request_id,
    metrics_count_requests_per_route,
    openapi_describes_every_route,
    docs_page_is_served_offline,
    head_is_answered_like_get_without_a_body,
    metrics_labels_stay_bounded_whatever_is_sent,
);

async fn health_and_readiness(app: TestApp) {
    let health = app
        .send(Method::GET, "/healthz", None, None)
        .await
        .expect(200);
    assert_eq!(health.body["status"], "ok");
    let ready = app
        .send(Method::GET, "/readyz", None, None)
        .await
        .expect(200);
    assert_eq!(ready.body["status"], "ready");
}

async fn every_answer_carries_a_request_id(app: TestApp) {
    let ok = app.send(Method::GET, "/healthz", None, None).await;
    let missing = app.send(Method::GET, "/nowhere", None, None).await;
    let a = ok.header("x-request-id").expect("request id");
    let b = missing
        .header("x-request-id")
        .expect("request id on errors too");
    assert_ne!(a, b);
}

async fn metrics_count_requests_per_route(app: TestApp) {
    let user = app.user(Role::Auditor).await;
    app.get(&user, "/api/v1/me").await.expect(200);
    let metrics = app
        .send(Method::GET, "/metrics", None, None)
        .await
        .expect(200);
    assert!(
        metrics.text.contains("trustfund_http_requests_total"),
        "{}",
        metrics.text
    );
    assert!(
        metrics.text.contains("endpoint=\"/api/v1/me\""),
        "{}",
        metrics.text
    );
    assert!(metrics
        .text
        .contains("trustfund_http_requests_duration_seconds_bucket"));
}

async fn openapi_describes_every_route(app: TestApp) {
    let doc = app
        .send(Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .expect(200);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc.body["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/auth/login", "post"),
        ("/api/v1/me", "get"),
        ("/api/v1/users", "get"),
        ("/api/v1/users", "post"),
        ("/api/v1/users/{id}", "patch"),
        ("/api/v1/audit", "get"),
        ("/api/v1/audit/verify", "get"),
        ("/api/v1/fund", "get"),
        ("/api/v1/fund/settings", "patch"),
        ("/healthz", "get"),
        ("/readyz", "get"),
        ("/api/v1/organizations/register", "post"),
        ("/api/v1/organizations", "get"),
        ("/api/v1/organizations/{id}", "get"),
        ("/api/v1/organizations/{id}", "patch"),
        ("/api/v1/organizations/{id}/verification", "post"),
        ("/api/v1/board", "get"),
        ("/api/v1/board/appointments", "post"),
        ("/api/v1/board/appointments", "get"),
        ("/api/v1/board/appointments/{id}/end", "post"),
        ("/api/v1/board/balance", "get"),
        ("/api/v1/board/chair", "post"),
        ("/api/v1/regional-groups", "get"),
        ("/api/v1/calls", "post"),
        ("/api/v1/calls", "get"),
        ("/api/v1/calls/{id}", "get"),
        ("/api/v1/calls/{id}", "patch"),
        ("/api/v1/calls/{id}/cancellation", "post"),
        ("/api/v1/applications", "post"),
        ("/api/v1/applications", "get"),
        ("/api/v1/applications/{id}", "get"),
        ("/api/v1/applications/{id}", "patch"),
        ("/api/v1/applications/{id}/dossier", "get"),
        ("/api/v1/applications/{id}/submit", "post"),
        ("/api/v1/applications/{id}/withdraw", "post"),
        ("/api/v1/applications/{id}/screening", "post"),
        ("/api/v1/applications/{id}/votes", "post"),
        ("/api/v1/applications/{id}/votes", "get"),
        ("/api/v1/applications/{id}/conflicts", "post"),
        ("/api/v1/applications/{id}/decision", "post"),
        ("/api/v1/applications/{id}/award", "post"),
        ("/api/v1/grants", "get"),
        ("/api/v1/grants/{id}", "get"),
        ("/api/v1/contributions", "post"),
        ("/api/v1/contributions", "get"),
        ("/api/v1/contributions/{id}/receipts", "post"),
        ("/api/v1/ledger", "get"),
        ("/api/v1/ledger/check", "get"),
        ("/api/v1/ledger/transactions/{id}/reversal", "post"),
        ("/api/v1/public/summary", "get"),
        ("/api/v1/public/grants", "get"),
        ("/api/v1/public/contributions", "get"),
        ("/api/v1/public/beneficiaries", "get"),
        ("/api/v1/public/iati/activities.xml", "get"),
        ("/api/v1/public/iati/organisation.xml", "get"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} missing"
        );
    }
    assert!(doc.body["components"]["schemas"]["Problem"].is_object());
    assert!(doc.body["components"]["securitySchemes"]["bearer"].is_object());
}

async fn docs_page_is_served_offline(app: TestApp) {
    let redirect = app.send(Method::GET, "/docs", None, None).await;
    assert!(
        matches!(redirect.status, 301 | 302 | 307 | 308),
        "{}",
        redirect.status
    );
    let page = app
        .send(Method::GET, "/docs/", None, None)
        .await
        .expect(200);
    assert!(page.text.contains("swagger"), "{}", page.text);
    // Every asset the page loads comes from the binary, not a CDN.
    assert!(
        !page.text.contains("https://"),
        "the page refers to the internet"
    );
    for asset in [
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-initializer.js",
    ] {
        app.send(Method::GET, &format!("/docs/{asset}"), None, None)
            .await
            .expect(200);
    }
    // The page reads the document the service serves.
    let initializer = app
        .send(Method::GET, "/docs/swagger-initializer.js", None, None)
        .await
        .expect(200);
    assert!(
        initializer.text.contains("/api/v1/openapi.json"),
        "{}",
        initializer.text
    );
}

/// The binary as a newcomer runs it: it serves on a fresh SQLite file, prints how to sign
/// in, answers, and stops cleanly on SIGTERM.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_and_stops_gracefully_on_sigterm() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_trustfund"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url"])
        .arg(format!("sqlite://{}", dir.path().join("t.db").display()))
        .env("TRUSTFUND__AUTH__SECRET_FILE", dir.path().join("secret"))
        .env(
            "TRUSTFUND__AUDIT__SIGNING_KEY_FILE",
            dir.path().join("audit-key"),
        )
        .env(
            "TRUSTFUND__AUDIT__CHECKPOINT_FILE",
            dir.path().join("checkpoints"),
        )
        .env("TRUSTFUND__LOG__LEVEL", "warn")
        .env_remove("DATABASE_URL")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    let mut base = None;
    let mut password = None;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("trustfund is listening on ") {
            base = rest.split_whitespace().next().map(str::to_string);
        }
        if let Some(rest) = line.trim().strip_prefix("password: ") {
            password = Some(rest.to_string());
        }
        let done = line.starts_with("Web portal");
        printed.push(line);
        if done {
            break;
        }
    }
    let base = base.unwrap_or_else(|| panic!("no address in {printed:?}"));
    let password = password.unwrap_or_else(|| panic!("no password in {printed:?}"));
    let client = reqwest::Client::new();
    let login = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": "admin@trustfund.local", "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let token = login.json::<serde_json::Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let me = client
        .get(format!("{base}/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);

    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still running 20 s after SIGTERM"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(status.success(), "exit status {status}");
}

async fn head_is_answered_like_get_without_a_body(app: TestApp) {
    let user = app.user(Role::Auditor).await;
    for path in ["/healthz", "/api/v1/me", "/api/v1/fund"] {
        let get = app
            .send(Method::GET, path, Some(&user.token), None)
            .await
            .expect(200);
        let head = app
            .send(Method::HEAD, path, Some(&user.token), None)
            .await
            .expect(200);
        assert!(head.text.is_empty(), "HEAD {path} sent a body");
        assert_eq!(head.header("content-type"), get.header("content-type"));
    }
    // Authorisation is the GET's: no token, no answer.
    app.send(Method::HEAD, "/api/v1/me", None, None)
        .await
        .expect(401);
    // A route without GET does not take HEAD either.
    app.send(Method::HEAD, "/api/v1/auth/login", None, None)
        .await
        .expect(405);
}

async fn metrics_labels_stay_bounded_whatever_is_sent(app: TestApp) {
    // Signed in, so the anonymous rate limit does not cut the run short.
    let user = app.user(Role::Auditor).await;
    let token = Some(user.token.as_str());
    let before = app
        .send(Method::GET, "/metrics", None, None)
        .await
        .expect(200);
    for n in 0..60 {
        let method = Method::from_bytes(format!("INVENTED{n}").as_bytes()).unwrap();
        let answer = app.send(method, "/api/v1/me", token, None).await;
        assert!(answer.status < 500, "{}", answer.text);
        app.send(Method::GET, &format!("/no/such/path/{n}"), token, None)
            .await
            .expect(404);
    }
    let after = app
        .send(Method::GET, "/metrics", None, None)
        .await
        .expect(200);
    assert!(!after.text.contains("INVENTED"), "{}", after.text);
    assert!(!after.text.contains("/no/such/path"), "{}", after.text);
    // Growth is a handful of series (one folded method, one unmatched path), not one
    // per request.
    let series = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("trustfund_http_requests_total"))
            .count()
    };
    assert!(
        series(&after.text) <= series(&before.text) + 4,
        "{} series before, {} after",
        series(&before.text),
        series(&after.text)
    );
}

/// A Fund's ledger must survive power loss: every SQLite connection syncs each commit
/// (`synchronous = FULL`, 2), not only at checkpoints (NORMAL, 1).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_syncs_every_commit() {
    use diesel::sql_types::Integer;
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Sync {
        #[diesel(sql_type = Integer)]
        synchronous: i32,
    }
    let app = TestApp::spawn(crate::helpers::Backend::Sqlite).await;
    let user = app.user(Role::Finance).await;
    app.get(&user, "/api/v1/fund").await.expect(200);
    let levels = app
        .with_db(|conn| {
            let trustfund::db::DbConnection::Sqlite(lite) = conn else {
                panic!("a SQLite app")
            };
            diesel::sql_query("PRAGMA synchronous")
                .load::<Sync>(lite)
                .unwrap()
        })
        .await;
    assert_eq!(levels.len(), 1);
    assert_eq!(levels[0].synchronous, 2, "synchronous is not FULL");
}
