//! Database outage (issue 10, item 6): while the database is down every request answers
//! 503 fast (not after the 10 s checkout timeout), `/readyz` within a second, and the
//! service recovers by itself when the database is back. PostgreSQL only: a test makes
//! its own database refuse connections (`ALLOW_CONNECTIONS false`) and ends the
//! service's sessions, which is what the service sees of a stopped server. The whole
//! cluster stopped and restarted is `scripts/outage.sh`.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::Connection;
use reqwest::Method;
use trustfund::api::calls::CallRequest;
use trustfund::auth::Role;
use trustfund::calls::Exploitation;
use trustfund::organizations::OrgType;

use crate::helpers::{Backend, TestApp};
use crate::support::{bodies, paths, short, text};

fn admin_sql(sql: String) {
    let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
    let mut admin = diesel::PgConnection::establish(&admin_url).expect("admin connection");
    admin.batch_execute(&sql).expect("admin statement");
}

/// Takes the app's database away (as a stopped server would be) or gives it back.
async fn database_up(app: &TestApp, up: bool) {
    let name = app
        .database_url
        .rsplit_once('/')
        .map(|(_, name)| name.to_string())
        .unwrap();
    let sql = if up {
        format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true")
    } else {
        format!(
            "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false; \
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        )
    };
    admin_sql_async(sql).await;
}

/// Sixteen `GET /api/v1/fund` at once: each one's status and how long it took.
async fn burst(app: &TestApp, token: &str) -> Vec<(u16, Duration)> {
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (client, url, bearer) = (
                app.client.clone(),
                format!("{}{}", app.address, paths::fund()),
                token.to_string(),
            );
            tokio::spawn(async move {
                let started = Instant::now();
                let response = client.get(url).bearer_auth(bearer).send().await.unwrap();
                (response.status().as_u16(), started.elapsed())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

async fn timed(app: &TestApp, path: &str, token: Option<&str>) -> (u16, Duration, String) {
    let started = Instant::now();
    let answer = tokio::time::timeout(
        Duration::from_secs(20),
        app.send(Method::GET, path, token, None),
    )
    .await
    .unwrap_or_else(|_| panic!("{path} did not answer within 20 s"));
    (answer.status, started.elapsed(), answer.text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_fail_fast_while_the_database_is_down_and_recover() {
    let Some(app) = TestApp::try_spawn(Backend::Postgres).await else {
        return crate::helpers::postgres_skipped();
    };
    let finance = app.user(Role::Finance).await;
    let token = Some(finance.token.as_str());
    app.as_(&finance).fund().read().await.ok();
    app.send(Method::GET, "/readyz", None, None)
        .await
        .expect(200);

    database_up(&app, false).await;
    // The first requests find the pooled connections dead and the database refusing new
    // ones; from then on the pool knows, and every answer is an immediate 503.
    for round in 0..8 {
        for path in ["/readyz".to_string(), paths::fund(), paths::me()] {
            let (status, took, text) = timed(&app, &path, token).await;
            assert_eq!(status, 503, "round {round} {path}: {text}");
            assert!(text.contains("urn:trustfund:problem:unavailable"), "{text}");
            assert!(
                took < Duration::from_secs(1),
                "round {round} {path} took {took:?} for its 503"
            );
        }
    }
    // Many at once too: no request queues behind another for the checkout timeout.
    for (status, took) in burst(&app, &finance.token).await {
        assert_eq!(status, 503);
        assert!(took < Duration::from_secs(1), "{took:?}");
    }

    // Back: the service recovers without a restart (r2d2 retries at most every 5 s).
    database_up(&app, true).await;
    let started = Instant::now();
    loop {
        let (status, took, _) = timed(&app, "/readyz", None).await;
        assert!(took < Duration::from_secs(1), "/readyz took {took:?}");
        if status == 200 {
            break;
        }
        assert_eq!(status, 503);
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "not recovered after {:?}",
            started.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.as_(&finance).fund().read().await.ok();
}

/// Ends every session the service holds open, as a database restart does, while the
/// database itself stays up.
async fn drop_service_connections(app: &TestApp) {
    let name = app
        .database_url
        .rsplit_once('/')
        .map(|(_, name)| name.to_string())
        .unwrap();
    admin_sql_async(format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    ))
    .await;
}

async fn admin_sql_async(sql: String) {
    tokio::task::spawn_blocking(move || admin_sql(sql))
        .await
        .unwrap();
}

/// The pool does not test a connection before handing it out; a request whose pooled
/// connection died with a restart of the database takes another and succeeds, reads and
/// writes alike, even when every idle connection in the pool is dead.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_after_a_database_restart_succeed_on_fresh_connections() {
    let Some(app) = TestApp::try_spawn(Backend::Postgres).await else {
        return crate::helpers::postgres_skipped();
    };
    let finance = app.user(Role::Finance).await;
    // Fill the pool with idle connections: sixteen requests at once.
    for (status, _) in burst(&app, &finance.token).await {
        assert_eq!(status, 200);
    }

    for round in 0..3 {
        drop_service_connections(&app).await;
        for path in ["/readyz".to_string(), paths::fund(), paths::me()] {
            let (status, _, text) = timed(&app, &path, Some(finance.token.as_str())).await;
            assert_eq!(status, 200, "round {round} {path}: {text}");
        }
        drop_service_connections(&app).await;
        // A write, the first request after the restart: a call for proposals opened.
        crate::support::scenarios::open_call(&app).await;
        drop_service_connections(&app).await;
        for (status, _) in burst(&app, &finance.token).await {
            assert_eq!(status, 200, "round {round}: a burst");
        }
    }
}

/// A database that stops answering (frozen, or its host unreachable) costs a request its
/// deadline, not minutes: the app runs with a deadline of 1 s and server-side timeouts of
/// 3 s, and another connection holds the locks the requests need, as a frozen server
/// would hold them waiting.
fn frozen_settings(settings: &mut trustfund::config::Settings) {
    settings.database.request_deadline_secs = 1;
    settings.database.statement_timeout_secs = 3;
    settings.database.lock_timeout_secs = 3;
}

/// What a request may take for its 503: the deadline and some slack for a loaded machine.
const DEADLINE_ANSWER: Duration = Duration::from_millis(2500);

/// Runs `sql` (which opens a transaction and takes locks) on a connection of its own and
/// holds the locks until the returned sender is used or dropped, then rolls back.
async fn hold_locks(url: &str, sql: &'static str) -> std::sync::mpsc::Sender<()> {
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (locked, is_locked) = tokio::sync::oneshot::channel();
    let url = url.to_string();
    std::thread::spawn(move || {
        let mut conn = trustfund::db::DbConnection::open(&url).expect("lock connection");
        conn.batch_execute(sql).expect("taking the locks");
        let _ = locked.send(());
        let _ = released.recv();
        conn.batch_execute("ROLLBACK").expect("releasing the locks");
    });
    is_locked.await.expect("the locks are taken");
    release
}

/// A call open from yesterday for 30 days (USD 20,000 to 60,000 of 1,000,000, NGOs).
fn call_body() -> CallRequest {
    CallRequest {
        title: short("Call for proposals"),
        description: text("Direct assistance to victims."),
        envelope: bodies::usd("1000000.00"),
        eligible_org_types: vec![OrgType::Ngo],
        priority_exploitation: vec![Exploitation::SexualExploitation],
        ..bodies::call(-1, 30)
    }
}

async fn calls(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use trustfund::db::schema::calls;
    app.with_db(|conn| calls::table.count().get_result(conn).expect("count"))
        .await
}

/// A write that waits for the database past the deadline: 503 in time, and once the
/// database answers, its transaction rolls back instead of committing.
async fn timed_write(app: &TestApp, token: &str) -> (u16, Duration, String) {
    let started = Instant::now();
    let body = call_body();
    let secretariat = app.with_token(token);
    let write = secretariat.calls().publish(&body);
    let answer = tokio::time::timeout(Duration::from_secs(20), write)
        .await
        .expect("the write did not answer within 20 s")
        .raw();
    (answer.status, started.elapsed(), answer.text)
}

async fn recovers(app: &TestApp, token: &str) {
    let started = Instant::now();
    loop {
        let (status, _, text) = timed(app, &paths::fund(), Some(token)).await;
        if status == 200 {
            return;
        }
        assert_eq!(status, 503, "{text}");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "not recovered after {:?}",
            started.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_answer_503_within_the_deadline_while_postgres_holds_them() {
    let Some(app) = TestApp::try_spawn_tuned(Backend::Postgres, frozen_settings).await else {
        return crate::helpers::postgres_skipped();
    };
    let finance = app.user(Role::Finance).await;
    let secretariat = app.user(Role::Secretariat).await;
    let token = Some(finance.token.as_str());
    app.as_(&finance).fund().read().await.ok();

    // Reads wait: every signed-in request's first statement reads `users`.
    let release = hold_locks(
        &app.database_url,
        "BEGIN; LOCK TABLE users IN ACCESS EXCLUSIVE MODE",
    )
    .await;
    for path in [paths::fund(), paths::me(), paths::fund()] {
        let (status, took, text) = timed(&app, &path, token).await;
        assert_eq!(status, 503, "{path}: {text}");
        assert!(text.contains("urn:trustfund:problem:unavailable"), "{text}");
        assert!(took < DEADLINE_ANSWER, "{path} took {took:?} for its 503");
    }
    // More requests than the pool has connections: the stuck ones are bounded by the
    // pool, the rest give up waiting for a connection within the deadline too.
    for (status, took) in burst(&app, &finance.token).await {
        assert_eq!(status, 503);
        assert!(took < DEADLINE_ANSWER, "{took:?}");
    }
    drop(release);
    recovers(&app, &finance.token).await;

    // A write held past its deadline: 503, and when the database lets it go on (before
    // the server's own lock timeout), it rolls back rather than commit unreported.
    let before = calls(&app).await;
    let release = hold_locks(
        &app.database_url,
        "BEGIN; LOCK TABLE audit_head IN ACCESS EXCLUSIVE MODE",
    )
    .await;
    let (status, took, text) = timed_write(&app, &secretariat.token).await;
    assert_eq!(status, 503, "{text}");
    assert!(
        took < DEADLINE_ANSWER,
        "the write took {took:?} for its 503"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(release);
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        calls(&app).await,
        before,
        "a write answered 503 was committed"
    );
    let (status, _, text) = timed_write(&app, &secretariat.token).await;
    assert_eq!(status, 201, "{text}");
    assert_eq!(calls(&app).await, before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_answer_503_within_the_deadline_while_sqlite_is_locked() {
    let app = TestApp::try_spawn_tuned(Backend::Sqlite, frozen_settings)
        .await
        .expect("sqlite");
    let finance = app.user(Role::Finance).await;
    let secretariat = app.user(Role::Secretariat).await;
    let before = calls(&app).await;

    // Another process holds SQLite's one write lock.
    let release = hold_locks(&app.database_url, "BEGIN IMMEDIATE").await;
    for _ in 0..3 {
        let (status, took, text) = timed_write(&app, &secretariat.token).await;
        assert_eq!(status, 503, "{text}");
        assert!(text.contains("urn:trustfund:problem:unavailable"), "{text}");
        assert!(
            took < DEADLINE_ANSWER,
            "the write took {took:?} for its 503"
        );
    }
    // Readers never wait for the writer (WAL).
    let (status, took, _) = timed(&app, &paths::fund(), Some(finance.token.as_str())).await;
    assert_eq!(status, 200);
    assert!(took < Duration::from_secs(1), "{took:?}");
    drop(release);

    recovers(&app, &finance.token).await;
    let (status, _, text) = timed_write(&app, &secretariat.token).await;
    assert_eq!(status, 201, "{text}");
    assert_eq!(calls(&app).await, before + 1);
}
