//! Instances starting against one database: two at once on an empty database both come
//! up (the migrations run once, under a lock; the first administrator is created once),
//! and an instance older than the database refuses it, saying why.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::helpers::{Backend, DatabaseGuard};

/// `trustfund` with its files (secret, keys, checkpoints, mail) in `dir`.
fn trustfund(dir: &std::path::Path, url: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_trustfund"));
    command
        .args(args)
        .args(["--database-url", url])
        .env("TRUSTFUND__AUTH__SECRET_FILE", dir.join("secret"))
        .env("TRUSTFUND__AUDIT__SIGNING_KEY_FILE", dir.join("audit-key"))
        .env("TRUSTFUND__AUDIT__CHECKPOINT_FILE", dir.join("checkpoints"))
        .env("TRUSTFUND__MAIL__FILE_DIR", dir.join("mail"))
        .env("TRUSTFUND__LOG__LEVEL", "warn")
        .env_remove("DATABASE_URL");
    command
}

/// Starts `serve` and reads its output up to the portal's line: its base address, or the
/// output it printed before exiting.
fn start(mut command: Command) -> (Child, Result<String, Vec<String>>) {
    let mut child = command
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut printed = Vec::new();
    let mut base = None;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("trustfund is listening on ") {
            base = rest.split_whitespace().next().map(str::to_string);
        }
        let done = line.starts_with("Web portal");
        printed.push(line);
        if done {
            break;
        }
    }
    match base {
        Some(base) if printed.last().is_some_and(|l| l.starts_with("Web portal")) => {
            (child, Ok(base))
        }
        _ => {
            let mut err = String::new();
            if let Some(mut stderr) = child.stderr.take() {
                use std::io::Read;
                let _ = stderr.read_to_string(&mut err);
            }
            printed.push(err);
            (child, Err(printed))
        }
    }
}

async fn two_instances_start_at_once_on_an_empty_database(backend: Backend) {
    let Some(database) = DatabaseGuard::fresh(backend) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = database.url.clone();
    let (one, two) = {
        let (a, b) = (url.clone(), url.clone());
        let (d1, d2) = (dir.path().to_path_buf(), dir.path().to_path_buf());
        let one = std::thread::spawn(move || start(trustfund(&d1, &a, &[])));
        let two = std::thread::spawn(move || start(trustfund(&d2, &b, &[])));
        (one.join().unwrap(), two.join().unwrap())
    };
    let client = reqwest::Client::new();
    let mut children = Vec::new();
    for (child, base) in [one, two] {
        children.push(child);
        let base = base.unwrap_or_else(|printed| panic!("an instance did not start: {printed:#?}"));
        let ready = client.get(format!("{base}/readyz")).send().await.unwrap();
        assert_eq!(ready.status(), 200, "{base} is ready");
    }
    for mut child in children {
        let _ = child.kill();
        let _ = child.wait();
    }
    // The migrations ran once: a third start finds nothing to do.
    let output = trustfund(dir.path(), &url, &["migrate"]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "0 migration(s) applied"
    );
}

async fn an_older_instance_refuses_a_database_migrated_past_it(backend: Backend) {
    let Some(database) = DatabaseGuard::fresh(backend) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let migrate = trustfund(dir.path(), &database.url, &["migrate"])
        .output()
        .unwrap();
    assert!(migrate.status.success(), "{migrate:?}");
    // A newer version's migration, as that version would have left it.
    let mut conn = trustfund::db::DbConnection::open(&database.url).unwrap();
    diesel::RunQueryDsl::execute(
        diesel::sql_query(
            "INSERT INTO __diesel_schema_migrations (version) VALUES ('29991231000001')",
        ),
        &mut conn,
    )
    .unwrap();
    drop(conn);
    let (mut child, started) = start(trustfund(dir.path(), &database.url, &[]));
    let _ = child.kill();
    let _ = child.wait();
    let printed = started.expect_err("an older instance must not serve a newer database");
    let said = printed.join("\n");
    assert!(
        said.contains("migrated by a newer version of trustfund")
            && said.contains("29991231000001"),
        "{said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_start_at_once_on_an_empty_sqlite_database() {
    two_instances_start_at_once_on_an_empty_database(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_start_at_once_on_an_empty_postgres_database() {
    two_instances_start_at_once_on_an_empty_database(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_instance_refuses_a_newer_sqlite_database() {
    an_older_instance_refuses_a_database_migrated_past_it(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_instance_refuses_a_newer_postgres_database() {
    an_older_instance_refuses_a_database_migrated_past_it(Backend::Postgres).await;
}
