//! Exports run in their own lane: clients that open exports and stop reading (or many
//! exports at once) must not take the connections requests need. At most
//! `exports.max_concurrent` exports stream at once (one more: 429 with Retry-After), they
//! hold connections of their own share of the pool, and a client that reads nothing for
//! `exports.write_timeout_secs` is cut off, its connection given back.

use std::time::{Duration, Instant};

use reqwest::Method;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use trustfund::auth::Role;
use trustfund::config::Settings;
use trustfund::db::DbConnection;

use crate::helpers::{Backend, TestApp};

/// Ledger entries seeded: enough JSON (about 6 MB) to fill the socket buffers between a
/// client that reads nothing and the service, and the channel behind them.
const ENTRIES: usize = 16_000;
const EXPORT: &str = "/api/v1/ledger/export?format=json&kind=all&from=2026-01-01&to=2026-12-31";

fn small_lane(settings: &mut Settings) {
    settings.database.pool_size = 4;
    settings.exports.max_concurrent = 2;
    settings.exports.write_timeout_secs = 2;
}

/// `ENTRIES` receipts straight into the journal (one cash and one contributions posting
/// each), in a few multi-row statements: the export reads them like any others.
fn seed_entries(conn: &mut DbConnection) {
    use diesel::connection::SimpleConnection;
    for batch in 0..ENTRIES / 500 {
        let mut transactions = Vec::new();
        let mut postings = Vec::new();
        for i in batch * 500..(batch + 1) * 500 {
            let id = uuid::Uuid::new_v4();
            let owner = uuid::Uuid::new_v4();
            transactions.push(format!(
                "('{id}', {seq}, 'receipt', 'seeded', 'receipt', '{owner}', \
                 '2026-06-01 12:00:00', '2026-06-01')",
                seq = 1_000_000 + i,
            ));
            // Contributions are kept per contribution: that line names one.
            let contribution = format!("'{}'", uuid::Uuid::new_v4());
            for (line, account, party, minor) in [
                (1, "cash", "NULL", 1234),
                (2, "contributions", contribution.as_str(), -1234),
            ] {
                postings.push(format!(
                    "('{}', '{id}', {line}, '{account}', {party}, {minor}, 'USD', {minor})",
                    uuid::Uuid::new_v4()
                ));
            }
        }
        conn.batch_execute(&format!(
            "INSERT INTO ledger_transactions \
             (id, seq, kind, memo, owner_type, owner_id, created_at, value_date) VALUES {}; \
             INSERT INTO ledger_postings \
             (id, transaction_id, line, account, party_id, amount_minor, currency, usd_minor) \
             VALUES {};",
            transactions.join(", "),
            postings.join(", ")
        ))
        .expect("seeding the journal");
    }
}

/// Sends the export's request on a raw socket with a small receive buffer and reads only
/// its status line (`None` if none came within a second); the socket is kept, unread.
async fn stalled_export(app: &TestApp, token: &str) -> (Option<u16>, TcpStream) {
    let address = app.address.trim_start_matches("http://").parse().unwrap();
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut stream = socket.connect(address).await.unwrap();
    let request = format!(
        "GET {EXPORT} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = [0_u8; 12];
    let status =
        match tokio::time::timeout(Duration::from_secs(1), stream.read_exact(&mut head)).await {
            Ok(Ok(_)) => std::str::from_utf8(&head[9..12])
                .ok()
                .and_then(|code| code.parse().ok()),
            _ => None,
        };
    (status, stream)
}

/// How long one request takes, and its status.
async fn timed(app: &TestApp, path: &str, token: Option<&str>) -> (u16, Duration) {
    let started = Instant::now();
    let answer = app.send(Method::GET, path, token, None).await;
    (answer.status, started.elapsed())
}

async fn stalled_exports_leave_requests_their_connections(app: TestApp) {
    app.with_db(seed_entries).await;
    let finance = app.user(Role::Finance).await;
    let token = finance.token.as_str();

    // As many stalled exports as the pool has request connections, and one more.
    let mut sockets = Vec::new();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let (status, socket) = stalled_export(&app, token).await;
        statuses.push(status);
        sockets.push(socket);
    }
    // Let the writers fill every buffer between them and their clients.
    tokio::time::sleep(Duration::from_millis(700)).await;

    for round in 0..3 {
        for path in ["/readyz", "/api/v1/fund", "/api/v1/me"] {
            let (status, took) = timed(&app, path, Some(token)).await;
            assert_eq!(status, 200, "round {round} {path} beside stalled exports");
            assert!(
                took < Duration::from_secs(1),
                "round {round} {path}: {took:?}"
            );
        }
    }
    let accepted = statuses.iter().filter(|s| **s == Some(200)).count();
    assert_eq!(accepted, 2, "exports accepted at once: {statuses:?}");

    // One more export while the lane is full: 429, with when to come back.
    let refused = app
        .send(Method::GET, EXPORT, Some(token), None)
        .await
        .expect_problem(429, "too-many-requests");
    let retry: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!(retry >= 1);
    // The IATI file shares the lane.
    let iati = EXPORT.replace("format=json", "format=iati");
    app.send(Method::GET, &iati, Some(token), None)
        .await
        .expect_problem(429, "too-many-requests");

    // The stalled clients are cut off after the write timeout: their places and
    // connections come back, and a later export is served whole.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let started = Instant::now();
    let export = loop {
        let answer = app.send(Method::GET, EXPORT, Some(token), None).await;
        if answer.status == 200 || started.elapsed() > Duration::from_secs(20) {
            break answer;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let export = export.expect(200);
    eprintln!(
        "export bytes: {} after {:?}",
        export.text.len(),
        started.elapsed()
    );
    let entries = export.body["entries"].as_array().map(Vec::len);
    assert_eq!(entries, Some(ENTRIES), "the later export is whole");

    // A stalled client that reads again finds its transfer broken, not a file that
    // looks whole.
    let mut stalled = sockets.remove(0);
    let mut rest = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stalled.read_to_end(&mut rest)).await;
    assert!(read.is_ok(), "the cut-off transfer is closed");
    assert!(
        !rest.ends_with(b"0\r\n\r\n"),
        "a cut-off export must not end like a whole one ({} bytes)",
        rest.len()
    );
}

mod stalled_exports_leave_requests_their_connections {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let app = TestApp::try_spawn_tuned(Backend::Sqlite, small_lane).await;
        super::stalled_exports_leave_requests_their_connections(app.unwrap()).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        match TestApp::try_spawn_tuned(Backend::Postgres, small_lane).await {
            Some(app) => super::stalled_exports_leave_requests_their_connections(app).await,
            None => crate::helpers::postgres_skipped(),
        }
    }
}
