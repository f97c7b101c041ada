//! The audit trail: every change is an event, the chain verifies, tampering is caught.

use diesel::connection::SimpleConnection;
use serde_json::{json, Value};
use trustfund::api::users::UpdateUserRequest;
use trustfund::auth::Role;
use trustfund::users::UserView;

use crate::helpers::{TestApp, TestUser, PASSWORD};
use crate::on_both_backends;
use crate::support::resources::ALL;
use crate::support::trail::changes;
use crate::support::{paths, Reply};

/// What `user.created` and `user.updated` record of an account (the fields read here).
#[derive(Debug, serde::Deserialize)]
struct UserChange {
    before: Option<UserFields>,
    after: UserFields,
}

#[derive(Debug, serde::Deserialize)]
struct UserFields {
    email: Option<String>,
    enabled: Option<bool>,
}

on_both_backends!(
    changes_are_recorded_with_actor_and_request,
    the_chain_verifies_and_tampering_is_named,
    only_auditors_and_admins_read_the_trail,
    the_command_line_verifies_the_chain,
    the_trail_pages_with_a_cursor_its_own_contract_accepts,
);

/// An account of `role` created by `admin` (it carries a password: a JSON body).
async fn create_user(app: &TestApp, admin: &TestUser, email: &str, role: &str) -> Reply<UserView> {
    app.as_(admin)
        .users()
        .create(&json!({"email": email, "name": "U", "role": role, "password": PASSWORD}))
        .await
}

async fn changes_are_recorded_with_actor_and_request(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let as_admin = app.as_(&admin);
    let created = create_user(&app, &admin, "trustee@example.org", "trustee")
        .await
        .raw();
    let request_id = created.header("x-request-id").unwrap();
    let id = Reply::<UserView>::new(created).created().id;
    as_admin
        .user(id)
        .update(&UpdateUserRequest {
            name: None,
            role: None,
            enabled: Some(false),
        })
        .await
        .ok();

    let id = id.to_string();
    let events = as_admin
        .audit()
        .list(&[("entity_type", "user"), ("entity_id", id.as_str())])
        .await
        .ok()
        .items;
    assert_eq!(events.len(), 2);
    let (updated, creation) = (&events[0], &events[1]);
    assert_eq!(creation.action, "user.created");
    assert_eq!(creation.actor_id, Some(admin.id.to_string()));
    assert_eq!(creation.actor_role.as_deref(), Some("admin"));
    assert_eq!(creation.request_id, request_id);
    // What changed is the trail's own JSON record of it.
    let created: UserChange = changes(creation);
    assert_eq!(created.after.email.as_deref(), Some("trustee@example.org"));
    assert!(
        !creation.changes.to_string().contains("argon2"),
        "no password hash in the trail"
    );
    assert_eq!(updated.action, "user.updated");
    let disabled: UserChange = changes(updated);
    assert_eq!(disabled.before.and_then(|b| b.enabled), Some(true));
    assert_eq!(disabled.after.enabled, Some(false));
    assert_eq!(updated.prev_hash, creation.hash);
}

async fn the_chain_verifies_and_tampering_is_named(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let auditor = app.user(Role::Auditor).await;
    for i in 0..3 {
        create_user(&app, &admin, &format!("u{i}@example.org"), "finance")
            .await
            .created();
    }
    let report = app.as_(&auditor).audit().verify().await.ok();
    assert!(report.valid);
    assert_eq!(report.events_checked, 5);

    // Someone with database access rewrites history: the email in event 4.
    app.with_db(|conn| {
        conn.batch_execute(
            "UPDATE audit_events SET changes = replace(changes, 'u1@', 'evil@') WHERE seq = 4",
        )
        .unwrap()
    })
    .await;
    let report = app.as_(&auditor).audit().verify().await.ok();
    assert!(!report.valid);
    assert_eq!(report.first_mismatch.map(|m| m.seq), Some(4));
    assert_eq!(report.events_checked, 3);

    // Deleting the last event is caught too (the head remembers it).
    app.with_db(|conn| {
        conn.batch_execute("UPDATE audit_events SET changes = replace(changes, 'evil@', 'u1@') WHERE seq = 4; DELETE FROM audit_events WHERE seq = 5")
            .unwrap()
    })
    .await;
    let report = app.as_(&auditor).audit().verify().await.ok();
    assert!(!report.valid);
    assert_eq!(report.first_mismatch.map(|m| m.seq), Some(5));
}

async fn only_auditors_and_admins_read_the_trail(app: TestApp) {
    for role in [Role::Secretariat, Role::Trustee, Role::Finance] {
        let user = app.user(role).await;
        app.as_(&user)
            .audit()
            .list(ALL)
            .await
            .refused(403, "forbidden");
        app.as_(&user)
            .audit()
            .verify()
            .await
            .refused(403, "forbidden");
    }
}

async fn the_command_line_verifies_the_chain(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    app.as_(&admin)
        .users()
        .create(&json!({"email": "cli@example.org", "name": "C", "role": "auditor", "password": PASSWORD}))
        .await
        .created();
    let run = |args: &[&str], stdin: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_trustfund"))
            .args(args)
            .arg("--database-url")
            .arg(&app.database_url)
            .env_remove("DATABASE_URL")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let ok = run(&["audit", "verify"], "");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("intact: 2 events"));

    // The command line creates accounts too, reading the password from stdin.
    let created = run(
        &[
            "users",
            "create",
            "--email",
            "Scripted@Example.org",
            "--role",
            "finance",
        ],
        "a scripted password\n",
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    app.login("scripted@example.org", "a scripted password")
        .await;

    app.with_db(|conn| {
        conn.batch_execute("UPDATE audit_events SET action = 'user.deleted' WHERE seq = 2")
            .unwrap()
    })
    .await;
    let broken = run(&["audit", "verify"], "");
    assert!(!broken.status.success());
    assert!(String::from_utf8_lossy(&broken.stdout).contains("BROKEN at event 2"));
}

/// The cursor `/audit` issues must be one its published `cursor` parameter accepts, and
/// following it must give the next events without gaps or repeats.
async fn the_trail_pages_with_a_cursor_its_own_contract_accepts(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    for i in 0..3 {
        app.as_(&admin)
            .users()
            .create(&json!({"email": format!("p{i}@example.org"), "name": "P", "role": "finance", "password": PASSWORD}))
            .await
            .created();
    }
    // The contract is a document to search, not a view: JSON.
    let doc: Value = app.anonymous().get(paths::openapi()).await.ok();
    let parameters = doc["paths"][paths::audit().as_str()]["get"]["parameters"]
        .as_array()
        .unwrap()
        .clone();
    let cursor_schema = parameters
        .iter()
        .find(|p| p["name"] == "cursor")
        .map(|p| p["schema"].clone())
        .unwrap();
    let pattern = cursor_schema["pattern"].as_str().unwrap().to_string();

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut query = vec![("limit", "2")];
        if let Some(c) = &cursor {
            query.push(("cursor", c.as_str()));
        }
        let page = app.as_(&admin).audit().list(&query).await.ok();
        seen.extend(page.items.iter().map(|event| event.seq));
        match page.next_cursor.as_deref() {
            None => break,
            Some(next) => {
                assert!(
                    matches_cursor_pattern(&pattern, next),
                    "cursor {next:?} does not match the published pattern {pattern:?}"
                );
                cursor = Some(next.to_string());
            }
        }
    }
    // Four events (the admin's creation and three users), newest first, each once.
    let total = seen.len() as i64;
    assert!(total >= 4);
    assert_eq!(seen, (1..=total).rev().collect::<Vec<_>>());
}

/// The one pattern every cursor follows (`^-?[0-9]{1,16}_[0-9A-Za-z-]{1,64}$`: the time in
/// microseconds, bounded to what `Cursor::parse` accepts), checked by hand: the published
/// pattern must be that one, and the cursor must match it.
fn matches_cursor_pattern(pattern: &str, cursor: &str) -> bool {
    assert_eq!(pattern, "^-?[0-9]{1,16}_[0-9A-Za-z-]{1,64}$");
    let Some((micros, id)) = cursor.split_once('_') else {
        return false;
    };
    let digits = micros.strip_prefix('-').unwrap_or(micros);
    (1..=16).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (1..=64).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}
