//! Signed checkpoints anchor the audit trail outside the database: a tail deleted and the
//! head moved back passes the chain's own check but not the checkpoints; a forged
//! checkpoint is refused; `serve` writes them while the head moves; every export carries
//! one that covers the head.

use std::path::{Path, PathBuf};
use std::process::Output;

use diesel::connection::SimpleConnection;
use serde::Deserialize;
use serde_json::json;
use trustfund::api::organizations::VerificationRequest;
use trustfund::audit::{Checkpoint, Signer};
use trustfund::auth::Role;

use crate::helpers::{settings_for, test_signer, TestApp, TestUser, PASSWORD, TEST_AUDIT_KEY};
use crate::on_both_backends;
use crate::support::grants::awarded_grant;
use crate::support::paths::{self, with_query};
use crate::support::{bodies, text};

on_both_backends!(
    a_deleted_tail_is_found_by_the_checkpoints_not_by_the_chain,
    a_forged_checkpoint_is_refused,
    serve_checkpoints_the_head_while_it_moves,
    every_export_carries_a_signed_checkpoint_of_the_head,
);

/// Runs the `trustfund` binary on this app's database with the test signing key, the key
/// file and the checkpoint file in `dir`.
fn cli(app: &TestApp, dir: &Path, args: &[&str]) -> (bool, String) {
    let output: Output = std::process::Command::new(env!("CARGO_BIN_EXE_trustfund"))
        .args(args)
        .arg("--database-url")
        .arg(&app.database_url)
        .env_remove("DATABASE_URL")
        .env("TRUSTFUND__AUDIT__SIGNING_KEY", TEST_AUDIT_KEY)
        .env("TRUSTFUND__AUDIT__SIGNING_KEY_FILE", dir.join("key"))
        .env("TRUSTFUND__AUDIT__CHECKPOINT_FILE", checkpoint_file(dir))
        .env("TRUSTFUND__LOG__LEVEL", "error")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let stderr = String::from_utf8_lossy(&output.stderr);
    (output.status.success(), format!("{stdout}{stderr}"))
}

fn checkpoint_file(dir: &Path) -> PathBuf {
    dir.join("checkpoints.jsonl")
}

fn public_key() -> String {
    hex::encode(test_signer().public_key().as_bytes())
}

/// A finance officer's account created by `admin` (an event in the trail). JSON: the
/// request carries a password, which the crate's type only reads.
async fn new_account(app: &TestApp, admin: &TestUser, email: &str, name: &str) {
    app.as_(admin)
        .users()
        .create(&json!({"email": email, "name": name, "role": "finance", "password": PASSWORD}))
        .await
        .created();
}

async fn head(app: &TestApp) -> (i64, String) {
    app.with_db(|conn| trustfund::audit::checkpoint::read_head(conn).unwrap())
        .await
}

/// What someone with the database alone can do: delete the newest events and move the
/// head back to the last one kept, so the chain ends where its head says.
async fn delete_tail(app: &TestApp, keep: i64) {
    app.with_db(move |conn| {
        conn.batch_execute(&format!(
            "DELETE FROM audit_events WHERE seq > {keep}; \
             UPDATE audit_head SET last_seq = {keep}, \
               last_hash = (SELECT hash FROM audit_events WHERE seq = {keep}) WHERE id = 1"
        ))
        .unwrap()
    })
    .await;
}

async fn a_deleted_tail_is_found_by_the_checkpoints_not_by_the_chain(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let (_, organization) = crate::support::scenarios::verified_organization(&app, "KE").await;
    let admin = app.user(Role::Admin).await;
    // The organisation's verification is refused (an event), then another change.
    let secretariat = app.user(Role::Secretariat).await;
    app.as_(&secretariat)
        .organization(organization)
        .verify(&VerificationRequest {
            verified: false,
            reason: Some(text("the registration documents are forged")),
        })
        .await
        .ok();
    new_account(&app, &admin, "late@example.org", "L").await;
    let (seq, hash) = head(&app).await;

    // A checkpoint leaves the machine.
    let (ok, out) = cli(&app, dir.path(), &["audit", "checkpoint"]);
    assert!(ok, "{out}");
    let line = std::fs::read_to_string(checkpoint_file(dir.path())).unwrap();
    let checkpoint: Checkpoint = serde_json::from_str(line.trim()).unwrap();
    assert_eq!((checkpoint.seq, &checkpoint.head_hash), (seq, &hash));
    assert!(out.contains(&checkpoint.signature), "printed too: {out}");
    let file = checkpoint_file(dir.path());
    let file = file.to_str().unwrap();
    let key = public_key();
    let verify = [
        "audit",
        "verify",
        "--checkpoints",
        file,
        "--public-key",
        &key,
    ];
    let (ok, out) = cli(&app, dir.path(), &verify);
    assert!(ok, "{out}");
    assert!(
        out.contains("checkpoints hold: 1 signed checkpoint(s)"),
        "{out}"
    );

    // The refusal and the change after it are deleted, the head moved back: the chain
    // alone still says intact.
    delete_tail(&app, seq - 2).await;
    let (ok, out) = cli(&app, dir.path(), &["audit", "verify"]);
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!("intact: {} events", seq - 2)),
        "{out}"
    );
    // The checkpoint does not.
    let (ok, out) = cli(&app, dir.path(), &verify);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "checkpoint CONTRADICTED at {file}:1 (event {seq}): event {seq} is missing"
        )),
        "{out}"
    );

    // New events written over the deleted ones take their numbers, not their hashes.
    for i in 0..2 {
        new_account(&app, &admin, &format!("new{i}@example.org"), "N").await;
    }
    assert_eq!(head(&app).await.0, seq);
    let (ok, out) = cli(&app, dir.path(), &["audit", "verify"]);
    assert!(ok, "{out}");
    let (ok, out) = cli(&app, dir.path(), &verify);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!("(event {seq}): event {seq} has hash"))
            && out.contains(&format!("the checkpoint signed {hash}")),
        "{out}"
    );
}

async fn a_forged_checkpoint_is_refused(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let admin = app.user(Role::Admin).await;
    new_account(&app, &admin, "f@example.org", "F").await;
    let (ok, out) = cli(&app, dir.path(), &["audit", "public-key"]);
    assert!(ok, "{out}");
    assert!(out.contains(&public_key()), "{out}");
    let (ok, out) = cli(&app, dir.path(), &["audit", "checkpoint"]);
    assert!(ok, "{out}");
    let good: Checkpoint = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let (seq, hash) = head(&app).await;
    let verify = |lines: &[String]| {
        let file = dir.path().join("given.jsonl");
        std::fs::write(&file, lines.join("\n")).unwrap();
        // Without --public-key: the configured key's.
        cli(
            &app,
            dir.path(),
            &["audit", "verify", "--checkpoints", file.to_str().unwrap()],
        )
    };
    let (ok, out) = verify(&[good.to_line()]);
    assert!(ok, "{out}");

    // Signed with another key, though it matches the database: refused.
    let stranger = Signer::from_seed([1; 32]).sign(seq, &hash, chrono::Utc::now());
    let (ok, out) = verify(&[good.to_line(), stranger.to_line()]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("given.jsonl:2") && out.contains("not a trusted key"),
        "{out}"
    );
    // The right key named, but the covered head changed: the signature fails.
    let mut moved = good.clone();
    moved.seq -= 1;
    let (ok, out) = verify(&[moved.to_line()]);
    assert!(!ok, "{out}");
    assert!(out.contains("signature does not verify"), "{out}");
    let mut rehashed = good;
    rehashed.head_hash = "0".repeat(64);
    let (ok, out) = verify(&[rehashed.to_line()]);
    assert!(!ok, "{out}");
    assert!(out.contains("signature does not verify"), "{out}");
    // An empty file anchors nothing: not a pass.
    let (ok, out) = verify(&[]);
    assert!(!ok, "{out}");
    assert!(out.contains("hold no checkpoint"), "{out}");
    // Not a checkpoint at all.
    let (ok, out) = verify(&["{\"seq\": 1}".to_string()]);
    assert!(!ok, "{out}");
    assert!(out.contains("given.jsonl:1 is not a checkpoint"), "{out}");
}

async fn serve_checkpoints_the_head_while_it_moves(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let file = checkpoint_file(dir.path());
    let mut settings = settings_for(&app.database_url);
    settings.audit.checkpoint_file = file.to_str().unwrap().to_string();
    settings.audit.checkpoint_interval_secs = 1;
    let instance = trustfund::startup::Application::build(settings)
        .await
        .unwrap();
    tokio::spawn(instance.run_until_stopped());
    let admin = app.user(Role::Admin).await;
    for i in 0..3 {
        new_account(&app, &admin, &format!("s{i}@example.org"), "S").await;
    }
    let head = head(&app).await;
    let read = |file: &Path| -> Vec<Checkpoint> {
        std::fs::read_to_string(file)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let mut written = Vec::new();
    for _ in 0..100 {
        written = read(&file);
        if written.last().map(|c| (c.seq, c.head_hash.clone())) == Some(head.clone()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let last = written.last().expect("a checkpoint within 10 s");
    assert_eq!((last.seq, &last.head_hash), (head.0, &head.1));
    assert_eq!(last.verify(&[test_signer().public_key()]), Ok(()));
    // While the head stands still, nothing more is written.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(read(&file).len(), written.len());
    // It moves: one more.
    new_account(&app, &admin, "t@example.org", "T").await;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let after = read(&file);
    assert_eq!(after.len(), written.len() + 1);
    assert_eq!(after.last().unwrap().seq, head.0 + 1);
}

/// The checkpoint an export carries, from the format's own place for it.
fn carried(format: &str, bytes: &[u8]) -> Checkpoint {
    let line = match format {
        "csv" => {
            let mut reader = csv::Reader::from_reader(bytes);
            let row = reader
                .records()
                .map(Result::unwrap)
                .find(|r| &r[0] == "audit_checkpoint")
                .expect("a checkpoint row");
            row[15].to_string()
        }
        "json" => {
            /// The JSON export, as far as its checkpoint.
            #[derive(Deserialize)]
            struct Export {
                audit_checkpoint: Checkpoint,
            }
            let export: Export = serde_json::from_slice(bytes).unwrap();
            return export.audit_checkpoint;
        }
        "xlsx" => {
            use calamine::Reader;
            let mut book: calamine::Xlsx<_> =
                calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
            let ledger = book.worksheet_range("Ledger").unwrap();
            let row = ledger
                .rows()
                .find(|r| matches!(&r[0], calamine::Data::String(s) if s == "audit_checkpoint"))
                .expect("a checkpoint row");
            row[15].to_string()
        }
        _ => {
            let text = std::str::from_utf8(bytes).unwrap();
            let start = text
                .find("<!-- trustfund-audit-checkpoint ")
                .expect("a comment")
                + 32;
            let end = start + text[start..].find(" -->").unwrap();
            text[start..end].to_string()
        }
    };
    serde_json::from_str(&line).unwrap()
}

async fn every_export_carries_a_signed_checkpoint_of_the_head(app: TestApp) {
    let g = awarded_grant(&app, "40000.00").await;
    app.as_(&g.secretariat)
        .grant(g.grant)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    app.as_(&g.finance)
        .grant(g.grant)
        .pay(&bodies::disbursement(1, "6000.00"))
        .await
        .created();
    let head = head(&app).await;
    let trusted = [test_signer().public_key()];
    for format in ["csv", "json", "xlsx", "iati"] {
        let (status, _, bytes) = export(&app, &g.finance, format).await;
        assert_eq!(status, 200, "{format}");
        let checkpoint = carried(format, &bytes);
        assert_eq!(checkpoint.verify(&trusted), Ok(()), "{format}");
        assert_eq!(
            (checkpoint.seq, &checkpoint.head_hash),
            (head.0, &head.1),
            "{format}"
        );
        if format == "iati" {
            crate::support::exports::assert_valid(std::str::from_utf8(&bytes).unwrap());
        }
    }
    // Pasted into a checkpoint file, an export's checkpoint holds the database to it.
    let dir = tempfile::tempdir().unwrap();
    let csv = export_csv(&app, &g.finance).await;
    std::fs::write(
        checkpoint_file(dir.path()),
        carried("csv", &csv).to_line() + "\n",
    )
    .unwrap();
    delete_tail(&app, head.0 - 1).await;
    let file = checkpoint_file(dir.path());
    let (ok, out) = cli(
        &app,
        dir.path(),
        &["audit", "verify", "--checkpoints", file.to_str().unwrap()],
    );
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!("event {} is missing", head.0)),
        "{out}"
    );
}

/// The whole ledger exported in `format`: the status, the headers and the file.
async fn export(
    app: &TestApp,
    user: &TestUser,
    format: &str,
) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    app.as_(user)
        .get_bytes(with_query(
            paths::ledger_export(),
            &[("format", format), ("kind", "all")],
        ))
        .await
}

async fn export_csv(app: &TestApp, user: &TestUser) -> Vec<u8> {
    export(app, user, "csv").await.2
}
