//! A Fund's data moved and restored whole: a demo Fund goes SQLite → PostgreSQL → SQLite
//! (or the other way) with its audit head, balances, documents and API reads unchanged; a
//! backup taken while the Fund keeps taking writes restores to the Fund as it stood at
//! one moment; a target that holds a Fund, and a file cut short, are refused.

use std::process::{Command, Output};

use serde_json::Value;
use trustfund::documents::DocumentKind;
use trustfund::domain::Role;

use crate::helpers::{Backend, DatabaseGuard, TestApp};
use crate::support::documents::{pdf, Record};
use crate::support::scenarios::{demo_user, load_demo};
use crate::support::{bodies, paths, positive_usd};

fn trustfund(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_trustfund"))
        .args(args)
        .env("TRUSTFUND__AUTH__SECRET_FILE", dir.path().join("secret"))
        .env(
            "TRUSTFUND__AUDIT__SIGNING_KEY_FILE",
            dir.path().join("audit-key"),
        )
        .env("TRUSTFUND__LOG__LEVEL", "warn")
        .env_remove("DATABASE_URL")
        .output()
        .unwrap()
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// What the secretariat reads of the Fund, as JSON: the answers must be the same after a
/// move (request ids and times of reading aside).
async fn readings(app: &TestApp) -> Vec<Value> {
    let secretariat = demo_user(app, Role::Secretariat).await;
    let finance = demo_user(app, Role::Finance).await;
    let admin = demo_user(app, Role::Admin).await;
    let mut out = Vec::new();
    for (who, path) in [
        (&secretariat, paths::fund()),
        (&secretariat, format!("{}?limit=100", paths::grants())),
        (&secretariat, format!("{}?limit=100", paths::calls())),
        (&secretariat, format!("{}?limit=100", paths::applications())),
        (&admin, paths::audit_verify()),
        (&finance, paths::ledger_check()),
        (&finance, format!("{}?limit=100", paths::contributions())),
    ] {
        let mut body = app
            .as_(who)
            .get::<Value>(path.clone())
            .await
            .raw()
            .expect(200)
            .body;
        if let Some(object) = body.as_object_mut() {
            object.remove("checked_at");
            object.remove("generated_at");
        }
        out.push(body);
    }
    out
}

/// A demo Fund with a document superseded (rows that refer to rows of their own table).
async fn demo_fund(backend: Backend) -> Option<TestApp> {
    let app = TestApp::try_spawn(backend).await?;
    load_demo(&app).await;
    let secretariat = demo_user(&app, Role::Secretariat).await;
    let grants = app
        .as_(&secretariat)
        .grants()
        .list(&[("limit", "1")])
        .await
        .ok();
    let grant = grants.items[0].id;
    let first = app
        .as_(&secretariat)
        .attach_pdf(Record::Grant(grant), DocumentKind::AuditCertificate)
        .await;
    app.as_(&secretariat)
        .supersede(
            first.id,
            None,
            "certificate.pdf",
            pdf("audit certificate, corrected"),
        )
        .await
        .created();
    Some(app)
}

async fn a_demo_fund_moves_to_the_other_database_and_back_unchanged(from: Backend) {
    let other = match from {
        Backend::Sqlite => Backend::Postgres,
        Backend::Postgres => Backend::Sqlite,
    };
    let (Some(app), Some(there), Some(back)) = (
        demo_fund(from).await,
        DatabaseGuard::fresh(other),
        DatabaseGuard::fresh(from),
    ) else {
        return;
    };
    let before = readings(&app).await;

    let moved = trustfund(&[
        "migrate-data",
        "--database-url",
        &app.database_url,
        "--to",
        &there.url,
    ]);
    assert!(moved.status.success(), "{}", said(&moved));
    assert!(said(&moved).contains("Fund moved"), "{}", said(&moved));
    let back_url = back.url.clone();
    let returned = trustfund(&[
        "migrate-data",
        "--database-url",
        &there.url,
        "--to",
        &back_url,
    ]);
    assert!(returned.status.success(), "{}", said(&returned));

    // Serve both arrivals: the same answers as the original, on either database.
    let there = TestApp::serving(there).await;
    assert_eq!(
        readings(&there).await,
        before,
        "after the move to {other:?}"
    );
    let back = TestApp::serving(back).await;
    assert_eq!(
        readings(&back).await,
        before,
        "after the move back to {from:?}"
    );
    // And it keeps working: a write lands on the moved chain.
    let finance = demo_user(&back, Role::Finance).await;
    back.as_(&finance)
        .contributions()
        .record(&bodies::pledge_by_norway(positive_usd("1000")))
        .await
        .created();
    let admin = demo_user(&back, Role::Admin).await;
    let verified = back.as_(&admin).audit().verify().await.ok();
    assert!(verified.valid, "{verified:?}");
}

async fn a_backup_taken_under_writes_restores_to_the_fund_as_it_stood(backend: Backend) {
    let (Some(app), Some(target)) = (demo_fund(backend).await, DatabaseGuard::fresh(backend))
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fund.backup");
    let file = file.to_str().unwrap().to_string();

    // Writes go on while the backup reads.
    let writer = async {
        let finance = demo_user(&app, Role::Finance).await;
        let mut written = 0;
        for _ in 0..40 {
            app.as_(&finance)
                .contributions()
                .record(&bodies::pledge_by_norway(positive_usd("10")))
                .await
                .created();
            written += 1;
        }
        written
    };
    let url = app.database_url.clone();
    let backup = {
        let file = file.clone();
        tokio::task::spawn_blocking(move || {
            trustfund(&["backup", "--database-url", &url, "--output", &file])
        })
    };
    let (written, backup) = tokio::join!(writer, backup);
    let backup = backup.unwrap();
    assert!(backup.status.success(), "{}", said(&backup));
    assert_eq!(written, 40);

    let restored = trustfund(&["restore", "--database-url", &target.url, "--input", &file]);
    assert!(restored.status.success(), "{}", said(&restored));
    assert!(
        said(&restored).contains("Fund restored"),
        "{}",
        said(&restored)
    );
    // The restore checked the head and balances the backup recorded; the live Fund has
    // moved on since (or at least not gone back).
    let head_taken = said(&backup)
        .split("audit head ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    let restored_app = TestApp::serving(target).await;
    let admin = demo_user(&restored_app, Role::Admin).await;
    let verified = restored_app.as_(&admin).audit().verify().await.ok();
    assert_eq!(verified.head_hash, head_taken, "{verified:?}");
    assert!(verified.valid);

    // Refused: a database that holds a Fund, and a file cut short.
    let again = trustfund(&[
        "restore",
        "--database-url",
        &app.database_url,
        "--input",
        &file,
    ]);
    assert!(!again.status.success());
    assert!(said(&again).contains("not empty"), "{}", said(&again));
    let text = std::fs::read_to_string(&file).unwrap();
    let cut = dir.path().join("cut.backup");
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(&cut, lines[..lines.len() - 1].join("\n")).unwrap();
    let Some(empty) = DatabaseGuard::fresh(backend) else {
        return;
    };
    let short = trustfund(&[
        "restore",
        "--database-url",
        &empty.url,
        "--input",
        cut.to_str().unwrap(),
    ]);
    assert!(!short.status.success());
    assert!(said(&short).contains("cut short"), "{}", said(&short));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demo_fund_moves_from_sqlite_to_postgres_and_back() {
    a_demo_fund_moves_to_the_other_database_and_back_unchanged(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demo_fund_moves_from_postgres_to_sqlite_and_back() {
    a_demo_fund_moves_to_the_other_database_and_back_unchanged(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_writes_restores_on_sqlite() {
    a_backup_taken_under_writes_restores_to_the_fund_as_it_stood(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_writes_restores_on_postgres() {
    a_backup_taken_under_writes_restores_to_the_fund_as_it_stood(Backend::Postgres).await;
}
