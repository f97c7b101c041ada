//! The auditor's and the administrator's pages in a real browser
//! (`src/portal/oversight/`): an auditor finds a secretariat's verification in the trail
//! by filtering, runs both checks and reads that they passed, and meets no form that
//! could change anything; an administrator creates an account (refused first), which
//! then signs in, disables it (it no longer can), resets its password, and sends a
//! failed mail again. Each step is checked through the API as well.

use serde_json::Value;
use trustfund::auth::Role;
use trustfund::notifications::{NotificationStatus, Worker};
use trustfund::portal::formats;
use trustfund::portal::language::PageLanguage;
use trustfund::users::UserView;

use crate::helpers::{settings_for, TestApp, TestUser, PASSWORD};
use crate::on_both_backends;
use crate::support::browser::{text, Browser};
use crate::support::mail::{free_port, SmtpServer};
use crate::support::scenarios::{fund, verified_organization};

on_both_backends!(
    portal_oversight_auditor_finds_a_change_and_runs_the_checks,
    portal_oversight_admin_keeps_accounts_and_mail,
);

/// Signs in through the sign-in page with `email` and `password`.
async fn sign_in_as(browser: &Browser, email: &str, password: &str) {
    browser.visit("/sign-in").await;
    browser.fill("Email address", email).await;
    browser.fill("Password", password).await;
    browser.press("Sign in").await;
}

async fn sign_in(browser: &Browser, who: &TestUser) {
    sign_in_as(browser, &who.email, PASSWORD).await;
    assert_eq!(browser.path().await, "/");
}

/// Checks the page (axe-core, foreign requests, the policy; screenshots at 360 and 1280
/// pixels) and that axe reports nothing at all, minor or not.
async fn checked(browser: &Browser, name: &str) {
    let report = browser.check_page(name).await;
    assert!(
        report.minor_violations.is_empty(),
        "{name}: {:#?}",
        report.minor_violations
    );
}

/// An auditor changes nothing: the only form that posts is signing out.
async fn posts_nothing_but_sign_out(browser: &Browser) {
    let posting = browser.find_all_by_css("form[method=post]").await;
    let mut actions = Vec::new();
    for form in posting {
        actions.push(form.attr("action").await.ok().flatten().unwrap_or_default());
    }
    assert_eq!(
        actions,
        vec!["/sign-out".to_string()],
        "{}",
        browser.path().await
    );
}

async fn portal_oversight_auditor_finds_a_change_and_runs_the_checks(app: TestApp) {
    fund(&app, "1000000.00").await;
    let (_, org) = verified_organization(&app, "KE").await;
    let (_, other) = verified_organization(&app, "UG").await;
    let auditor = app.user(Role::Auditor).await;

    // The change to find, as the API's trail records it.
    let trail = app
        .as_(&auditor)
        .audit()
        .list(&[
            ("entity_type", "organization"),
            ("entity_id", org.to_string().as_str()),
        ])
        .await
        .ok();
    let verified = trail
        .items
        .iter()
        .find(|e| e.action == "organization.verified")
        .expect("the verification in the trail");
    let secretariat = verified.actor_id.clone().expect("a person verified it");
    assert_eq!(verified.actor_role.as_deref(), Some("secretariat"));

    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    sign_in(&browser, &auditor).await;
    let home = text(&browser).await;
    for shown in ["Oversight", "Latest events", "organization.verified"] {
        assert!(
            home.contains(shown),
            "{shown:?} not on the home page:\n{home}"
        );
    }
    posts_nothing_but_sign_out(&browser).await;
    checked(&browser, "auditor-home").await;

    // The trail, filtered to one kind of event on one record.
    browser.follow("Audit trail").await;
    assert_eq!(browser.path().await, "/audit");
    posts_nothing_but_sign_out(&browser).await;
    checked(&browser, "audit-trail").await;
    browser.fill("Kind of event", "organization.verified").await;
    browser.fill("Record identifier", &org.to_string()).await;
    browser.press("Show events").await;
    assert_eq!(browser.path().await, "/audit");
    let found = text(&browser).await;
    let events = browser.find_all_by_css("ol.events > li").await;
    assert_eq!(events.len(), 1, "{found}");
    for shown in [
        "Events matching the filters",
        "organization.verified",
        "Secretariat",
        // The person by name, not by account id.
        "Test secretariat",
        &format!("organization {org}"),
        &format!("Event number {}", verified.seq),
        &verified.hash[..16],
        &verified.prev_hash[..16],
        "What changed",
    ] {
        assert!(
            found.contains(shown),
            "{shown:?} not in the filtered trail:\n{found}"
        );
    }
    assert!(!found.contains(&other.to_string()), "{found}");
    posts_nothing_but_sign_out(&browser).await;
    checked(&browser, "audit-trail-filtered").await;

    // Everything the same person did: both verifications (one secretariat account per
    // scenario, so only its own).
    assert!(!found.contains(secretariat.as_str()), "{found}");
    browser.follow("Test secretariat").await;
    assert!(browser.url().await.as_str().contains(secretariat.as_str()));
    let by_actor = text(&browser).await;
    assert!(by_actor.contains("organization.verified"), "{by_actor}");
    let shown = browser.find_all_by_css("ol.events > li").await.len();
    assert!(shown >= 1, "{by_actor}");
    assert!(!by_actor.contains("Finance,"), "{by_actor}");

    // Dates: from tomorrow there is nothing; a date the wrong way round is refused
    // beside its field.
    let today = chrono::Utc::now().date_naive();
    let tomorrow = today.succ_opt().expect("a tomorrow");
    browser
        .visit(&format!(
            "/audit?action=organization.verified&from={tomorrow}"
        ))
        .await;
    assert!(text(&browser)
        .await
        .contains("No event matches these filters."));
    browser
        .visit(&format!(
            "/audit?action=organization.verified&from={today}&to={today}"
        ))
        .await;
    assert_eq!(browser.find_all_by_css("ol.events > li").await.len(), 2);
    browser
        .visit(&format!("/audit?from={today}&to=yesterday"))
        .await;
    let refused = text(&browser).await;
    assert!(browser.title().await.starts_with("Error:"), "{refused}");
    assert_eq!(
        refused
            .matches("Enter a date as year-month-day, for example 2026-12-07")
            .count(),
        2,
        "{refused}"
    );
    checked(&browser, "audit-trail-refused").await;

    // Verify the trail: the same walk as the API's, read plainly.
    browser.follow("Checks").await;
    assert_eq!(browser.path().await, "/checks");
    posts_nothing_but_sign_out(&browser).await;
    checked(&browser, "audit-checks").await;
    browser.follow("Verify the audit trail").await;
    assert_eq!(browser.path().await, "/checks/trail");
    let verify = app.as_(&auditor).audit().verify().await.ok();
    assert!(verify.valid);
    let page = text(&browser).await;
    for shown in [
        "Passed".to_string(),
        format!("All {} events are in order", verify.events_checked),
        verify.head_hash.clone(),
    ] {
        assert!(
            page.contains(&shown),
            "{shown:?} not on the trail check:\n{page}"
        );
    }
    posts_nothing_but_sign_out(&browser).await;
    checked(&browser, "audit-check-trail").await;

    // Check the ledger: the same check as the API's, its balances as it recomputes them.
    browser.follow("Back to the checks").await;
    browser.follow("Check the ledger").await;
    assert_eq!(browser.path().await, "/checks/ledger");
    let check: Value = app
        .as_(&auditor)
        .get("/api/v1/ledger/check".to_string())
        .await
        .ok();
    assert_eq!(check["ok"], Value::Bool(true), "{check}");
    let cash = check["balances"]["cash"]["amount"]
        .as_str()
        .expect("cash")
        .parse()
        .expect("a decimal");
    let cash = formats::money(cash, "USD", PageLanguage::En).replace(['\u{a0}', '\u{202f}'], " ");
    let page = text(&browser).await;
    for shown in [
        "Passed".to_string(),
        format!(
            "The ledger holds: {} entries and {} postings checked",
            check["transactions_checked"], check["postings_checked"]
        ),
        format!("Cash held\t{cash}"),
    ] {
        assert!(
            page.contains(&shown),
            "{shown:?} not on the ledger check:\n{page}"
        );
    }
    posts_nothing_but_sign_out(&browser).await;
    checked(&browser, "audit-check-ledger").await;

    // In Spanish.
    browser.follow("Español").await;
    let spanish = text(&browser).await;
    assert!(spanish.contains("Comprobar el libro mayor"), "{spanish}");
    assert!(spanish.contains("Superada"), "{spanish}");
    checked(&browser, "audit-check-ledger-es").await;
    browser.follow("Registro de auditoría").await;
    assert!(text(&browser).await.contains("Filtrar los eventos"));
    checked(&browser, "audit-trail-es").await;
    browser.follow("English").await;

    // An administrator's page is not an auditor's.
    browser.visit("/users").await;
    assert!(text(&browser).await.contains("You cannot do this"));
    browser.close().await;
}

/// A worker sending to `port`, giving up after one attempt.
fn worker_on(app: &TestApp, port: u16) -> Worker {
    let mut settings = settings_for(&app.database_url);
    settings.mail.transport = trustfund::config::MailTransport::Smtp;
    settings.mail.smtp_host = "127.0.0.1".into();
    settings.mail.smtp_port = port;
    settings.mail.smtp_security = trustfund::config::SmtpSecurity::None;
    settings.mail.smtp_timeout_secs = 5;
    settings.mail.max_attempts = 1;
    Worker::new(app.db.clone(), &settings.mail).expect("a mail worker")
}

async fn account(app: &TestApp, admin: &TestUser, email: &str) -> Option<UserView> {
    let page = app.as_(admin).users().list(&[("limit", "200")]).await.ok();
    page.items.into_iter().find(|u| u.email == email)
}

async fn portal_oversight_admin_keeps_accounts_and_mail(app: TestApp) {
    // Two mails (registered, verified) fail: the mail server is down, one attempt is all.
    let port = free_port();
    let worker = worker_on(&app, port);
    verified_organization(&app, "KE").await;
    let now = trustfund::clock::Clock::system().now();
    let down = worker.drain_at(now).await.expect("a drain");
    assert_eq!((down.failed, down.sent), (2, 0));
    let admin = app.user(Role::Admin).await;
    // Another administrator reads through the API: signing out in the browser ends every
    // session of `admin`, its API token too.
    let watcher = app.user(Role::Admin).await;

    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    sign_in(&browser, &admin).await;
    let home = text(&browser).await;
    assert!(home.contains("2 mails could not be sent."), "{home}");
    checked(&browser, "admin-home").await;

    // The accounts; a new one refused first, what was typed kept.
    browser.follow("Users").await;
    assert_eq!(browser.path().await, "/users");
    assert!(text(&browser).await.contains(&admin.email));
    checked(&browser, "admin-users").await;
    browser.follow("Create an account").await;
    assert_eq!(browser.path().await, "/users/new");
    checked(&browser, "admin-user-new").await;
    let email = "amina.okafor@example.org";
    browser.fill("Name", "Amina Okafor").await;
    browser
        .fill("Email address", "amina.okafor.example.org")
        .await;
    browser.fill("Role", "Auditor").await;
    browser.fill("Password", "too short").await;
    browser.press("Create the account").await;
    let refused = text(&browser).await;
    assert!(browser.title().await.starts_with("Error:"), "{refused}");
    for problem in [
        "Enter an email address like name@example.org",
        "Enter a password of at least 12 characters",
    ] {
        assert_eq!(refused.matches(problem).count(), 2, "{problem}:\n{refused}");
    }
    let kept = browser.find_by_css("#field-name").await;
    assert_eq!(
        kept.prop("value").await.ok().flatten().as_deref(),
        Some("Amina Okafor")
    );
    let role = browser.find_by_css("#field-role").await;
    assert_eq!(
        role.prop("value").await.ok().flatten().as_deref(),
        Some("auditor")
    );
    checked(&browser, "admin-user-refused").await;
    assert!(account(&app, &watcher, email).await.is_none());

    let new_password = "a long and sound passphrase";
    browser.fill("Email address", email).await;
    browser.fill("Password", new_password).await;
    browser.press("Create the account").await;
    let created = account(&app, &watcher, email).await.expect("the account");
    assert_eq!(browser.path().await, format!("/users/{}", created.id));
    assert_eq!((created.role, created.enabled), (Role::Auditor, true));
    assert!(created.organization_id.is_none());
    let page = text(&browser).await;
    assert!(page.contains("The account has been created."), "{page}");
    checked(&browser, "admin-user").await;

    // The same address again: refused beside the field.
    browser.visit("/users/new").await;
    browser.fill("Name", "Someone else").await;
    browser.fill("Email address", email).await;
    browser.fill("Role", "Finance").await;
    browser.fill("Password", new_password).await;
    browser.press("Create the account").await;
    let taken = text(&browser).await;
    assert_eq!(
        taken
            .matches("An account with this email address already exists")
            .count(),
        2,
        "{taken}"
    );

    // The new account signs in.
    browser.press("Sign out").await;
    sign_in_as(&browser, email, new_password).await;
    assert_eq!(browser.path().await, "/");
    assert!(text(&browser).await.contains("Oversight"));
    browser.press("Sign out").await;

    // Disabled, it cannot.
    sign_in(&browser, &admin).await;
    browser.visit(&format!("/users/{}", created.id)).await;
    browser.press("Disable the account").await;
    assert!(text(&browser)
        .await
        .contains("The account has been disabled."));
    let disabled = account(&app, &watcher, email).await.expect("the account");
    assert!(!disabled.enabled);
    browser.press("Sign out").await;
    sign_in_as(&browser, email, new_password).await;
    assert_eq!(browser.path().await, "/sign-in");
    assert!(text(&browser)
        .await
        .contains("The email address or the password is wrong"));

    // Enabled again with a password reset (refused first: the two differ).
    sign_in(&browser, &admin).await;
    browser.visit(&format!("/users/{}", created.id)).await;
    browser.press("Enable the account").await;
    assert!(
        account(&app, &watcher, email)
            .await
            .expect("the account")
            .enabled
    );
    let reset = "another sound passphrase";
    browser.fill("New password", reset).await;
    browser.fill("New password again", "something else").await;
    browser.press("Reset the password").await;
    assert_eq!(
        text(&browser)
            .await
            .matches("The two new passwords are not the same")
            .count(),
        2
    );
    checked(&browser, "admin-user-reset-refused").await;
    browser.fill("New password", reset).await;
    browser.fill("New password again", reset).await;
    browser.press("Reset the password").await;
    assert!(text(&browser).await.contains("The password has been reset"));
    browser.press("Sign out").await;
    sign_in_as(&browser, email, reset).await;
    assert_eq!(browser.path().await, "/");
    browser.press("Sign out").await;

    // The outbox: the failed mail, sent again.
    sign_in(&browser, &admin).await;
    browser.follow("Outgoing mail").await;
    assert_eq!(browser.path().await, "/outbox");
    checked(&browser, "admin-outbox").await;
    browser.fill("Status", "Failed").await;
    browser.press("Show").await;
    let failed = app
        .as_(&watcher)
        .notifications()
        .list(&[("status", "failed")])
        .await
        .ok()
        .items;
    assert_eq!(failed.len(), 2);
    let page = text(&browser).await;
    for mail in &failed {
        assert!(page.contains(&mail.subject), "{page}");
        let error = mail.last_error.as_deref().expect("why it failed");
        assert!(page.contains(error), "{error:?} not on:\n{page}");
    }
    checked(&browser, "admin-outbox-failed").await;
    // One is retried elsewhere meanwhile: its button on this page is refused, in words.
    let (first, second) = (&failed[0], &failed[1]);
    app.as_(&watcher)
        .notifications()
        .retry(second.id)
        .await
        .ok();
    browser
        .press(&format!("Send again : {}", second.subject))
        .await;
    let stale = text(&browser).await;
    assert!(stale.contains("This mail is no longer failed"), "{stale}");
    // The other is sent again, and this time delivered.
    browser.visit("/outbox?status=failed").await;
    browser
        .press(&format!("Send again : {}", first.subject))
        .await;
    assert!(text(&browser)
        .await
        .contains("The mail will be sent again in a moment."));
    let server = SmtpServer::start(port);
    let up = worker
        .drain_at(trustfund::clock::Clock::system().now())
        .await
        .expect("a drain");
    assert_eq!(up.sent, 2);
    let all = app
        .as_(&watcher)
        .notifications()
        .list(&[("limit", "50")])
        .await
        .ok()
        .items;
    assert!(all
        .iter()
        .filter(|m| m.id == first.id || m.id == second.id)
        .all(|m| m.status == NotificationStatus::Sent));
    assert_eq!(server.messages().len(), 2);
    browser.visit("/outbox?status=sent").await;
    assert!(text(&browser).await.contains(&first.subject));
    browser.close().await;
}
