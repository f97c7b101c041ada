//! Every mail event, in each recipient's language, to the right people only; the daily
//! reminders' sweep; delivery that survives failure and concurrent workers.

use std::collections::HashSet;

use serde_json::json;
use trustfund::auth::Role;
use trustfund::notifications::{SweepSummary, Worker};

use crate::helpers::{application, settings_for, TestApp, TestUser};
use crate::on_both_backends;
use crate::support::grants::{awarded_grant, payment, schedule};
use crate::support::mail::{free_port, worker, SmtpServer};
use crate::support::scenarios::{decide, fund, seat_board, vote};

on_both_backends!(
    an_application_s_whole_life_mails_the_right_people_in_their_language,
    a_recused_trustee_hears_nothing_of_the_voting,
    a_registration_with_a_known_address_tells_its_owner_and_answers_the_same,
    a_failed_mail_is_retried_by_the_admin_and_delivered_once,
    two_workers_deliver_each_message_once,
    the_sweep_reminds_once_of_reports_terms_and_votes,
    the_vote_reminder_skips_who_voted_declared_a_conflict_or_is_recused,
);

/// One outbox row, body included (the admin list never shows bodies).
#[derive(Debug, Clone)]
struct Mail {
    recipient: String,
    user: Option<String>,
    event: String,
    language: String,
    subject: String,
    text: String,
    html: String,
}

type Row = (
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    String,
);

async fn outbox(app: &TestApp) -> Vec<Mail> {
    let rows: Vec<Row> = app
        .with_db(|c| {
            use diesel::prelude::*;
            use trustfund::db::schema::notifications::dsl::*;
            notifications
                .order((created_at, id))
                .select((
                    recipient,
                    recipient_user_id,
                    event,
                    language,
                    subject,
                    text_body,
                    html_body,
                ))
                .load(c)
                .unwrap()
        })
        .await;
    rows.into_iter()
        .map(
            |(recipient, user, event, language, subject, text, html)| Mail {
                recipient,
                user,
                event,
                language,
                subject,
                text,
                html,
            },
        )
        .collect()
}

fn to<'a>(mails: &'a [Mail], email: &str) -> Vec<&'a Mail> {
    mails.iter().filter(|m| m.recipient == email).collect()
}

fn events(mails: &[&Mail]) -> Vec<String> {
    mails.iter().map(|m| m.event.clone()).collect()
}

/// The mail of `user` with `event`: exactly one.
fn one<'a>(mails: &'a [Mail], user: &TestUser, event: &str) -> &'a Mail {
    let found: Vec<&Mail> = to(mails, &user.email)
        .into_iter()
        .filter(|m| m.event == event)
        .collect();
    assert_eq!(found.len(), 1, "{event} to {}: {mails:#?}", user.email);
    found[0]
}

async fn legal_name(app: &TestApp, user: &TestUser, org: uuid::Uuid) -> String {
    app.get(user, &format!("/api/v1/organizations/{org}"))
        .await
        .expect(200)
        .body["legal_name"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn enabled_secretariat(app: &TestApp) -> HashSet<String> {
    app.with_db(|c| {
        use diesel::prelude::*;
        use trustfund::db::schema::users::dsl::*;
        users
            .filter(role.eq("secretariat"))
            .filter(enabled.eq(true))
            .select(email)
            .load::<String>(c)
            .unwrap()
    })
    .await
    .into_iter()
    .collect()
}

/// A progress report on `tranche` over today (the agreement's period starts today).
fn progress_report(tranche: i64) -> serde_json::Value {
    let today = chrono::Utc::now().date_naive().to_string();
    json!({
        "kind": "progress", "tranche": tranche,
        "period_start": today, "period_end": today,
        "beneficiaries": [{"sex": "female", "age_group": "adult",
                           "exploitation": "forced_labour", "count": 3}],
        "spent": [{"label": "Shelter rent", "amount": {"amount": "1000.00", "currency": "USD"}}],
        "narrative": "Three survivors sheltered."
    })
}

async fn an_application_s_whole_life_mails_the_right_people_in_their_language(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let secretariat = board.secretariat.clone();
    let finance = app.user(Role::Finance).await;

    // Registered and verified, in English (the default).
    let (applicant, org) = app.verified_applicant_in("KE").await;
    let name = legal_name(&app, &applicant, org).await;
    let mails = outbox(&app).await;
    let registered = one(&mails, &applicant, "organization.registered");
    assert_eq!(registered.subject, format!("Registration received: {name}"));
    assert_eq!(registered.language, "en");
    assert_eq!(
        registered.user.as_deref(),
        Some(applicant.id.to_string().as_str())
    );
    let verified = one(&mails, &applicant, "organization.verified");
    assert!(verified
        .subject
        .starts_with("Your organisation is verified"));

    // Another organisation, whose name must never reach the first one, nor the reverse.
    let (other, other_org) = app.verified_applicant_in("KE").await;
    let other_name = legal_name(&app, &other, other_org).await;

    // The applicant reads French from now on; GET /me says so; a language we do not
    // write in is a 400 naming the field.
    let me = app
        .patch(&applicant, "/api/v1/me", json!({"language": "fr"}))
        .await
        .expect(200);
    assert_eq!(me.body["language"], "fr");
    let me = app.get(&applicant, "/api/v1/me").await.expect(200);
    assert_eq!(me.body["language"], "fr");
    let refused = app
        .patch(&applicant, "/api/v1/me", json!({"language": "de"}))
        .await
        .expect(400);
    assert_eq!(refused.bad_fields(), vec!["language"]);
    assert_eq!(
        app.get(&other, "/api/v1/me").await.expect(200).body["language"],
        "en"
    );

    // Submitted: the organisation (French) and the secretariat (English).
    let call = app.open_call().await;
    let created = app
        .post(&applicant, "/api/v1/applications", application(&call))
        .await
        .expect(201);
    let id = created.body["id"].as_str().unwrap().to_string();
    app.post(
        &applicant,
        &format!("/api/v1/applications/{id}/submit"),
        json!({}),
    )
    .await
    .expect(200);
    let mails = outbox(&app).await;
    let submitted = one(&mails, &applicant, "application.submitted");
    assert_eq!(
        submitted.subject,
        "Demande reçue : Safe shelter and legal aid"
    );
    assert_eq!(submitted.language, "fr");
    let received = one(&mails, &secretariat, "application.submitted");
    assert_eq!(
        received.subject,
        "New application to screen: Safe shelter and legal aid"
    );
    let to_secretariat = mails
        .iter()
        .filter(|m| m.event == "application.submitted" && m.recipient != applicant.email)
        .map(|m| m.recipient.clone())
        .collect::<HashSet<_>>();
    assert_eq!(to_secretariat, enabled_secretariat(&app).await);

    // Screened eligible: the organisation hears, each trustee who may vote too.
    app.post(
        &secretariat,
        &format!("/api/v1/applications/{id}/screening"),
        json!({"eligible": true, "reasons": ["meets every criterion"],
            "checklist": crate::support::bodies::checklist_all_met()}),
    )
    .await
    .expect(200);
    let mails = outbox(&app).await;
    let screened = one(&mails, &applicant, "application.eligible");
    assert_eq!(
        screened.subject,
        "Demande recevable : Safe shelter and legal aid"
    );
    assert!(screened.text.contains("meets every criterion"));
    for nationality in ["GH", "JP", "PL", "BR", "FR"] {
        let opened = one(&mails, board.trustee(nationality), "voting.opened");
        assert_eq!(opened.subject, "Voting open: Safe shelter and legal aid");
    }

    // A change that fails (a decision without quorum, 422) leaves no mail.
    let before = outbox(&app).await.len();
    decide(&app, &board, &id).await.expect(422);
    assert_eq!(outbox(&app).await.len(), before);

    // Decided: awarded.
    for nationality in ["GH", "JP", "PL"] {
        vote(
            &app,
            board.trustee(nationality),
            &id,
            "approve",
            Some("30000.00"),
        )
        .await
        .expect(200);
    }
    let decision = decide(&app, &board, &id).await.expect(201);
    let grant = decision.body["grant_id"].as_str().unwrap().to_string();
    let mails = outbox(&app).await;
    let decided = one(&mails, &applicant, "application.approved");
    assert_eq!(
        decided.subject,
        "Subvention accordée : Safe shelter and legal aid"
    );
    assert!(decided.text.contains("30000.00"), "{}", decided.text);

    // Agreement signed, first tranche paid.
    app.post(
        &secretariat,
        &format!("/api/v1/grants/{grant}/agreement"),
        schedule(),
    )
    .await
    .expect(201);
    app.post(
        &finance,
        &format!("/api/v1/grants/{grant}/disbursements"),
        payment(1, "15000.00"),
    )
    .await
    .expect(201);
    let mails = outbox(&app).await;
    assert_eq!(
        one(&mails, &applicant, "grant.agreement_signed").subject,
        "Accord de subvention signé : Safe shelter and legal aid"
    );
    let paid = one(&mails, &applicant, "grant.disbursed");
    assert_eq!(
        paid.subject,
        "Versement effectué : tranche 1 de Safe shelter and legal aid"
    );
    assert!(paid.text.contains("15000.00"), "{}", paid.text);

    // A report returned with comments, then accepted.
    let filed = app
        .post(
            &applicant,
            &format!("/api/v1/grants/{grant}/reports"),
            progress_report(1),
        )
        .await
        .expect(201);
    let report = filed.body["id"].as_str().unwrap().to_string();
    app.post(
        &secretariat,
        &format!("/api/v1/reports/{report}/review"),
        json!({"accepted": false, "comments": "Split the rent by shelter."}),
    )
    .await
    .expect(200);
    let again = app
        .post(
            &applicant,
            &format!("/api/v1/grants/{grant}/reports"),
            progress_report(1),
        )
        .await
        .expect(201);
    let again = again.body["id"].as_str().unwrap().to_string();
    app.post(
        &secretariat,
        &format!("/api/v1/reports/{again}/review"),
        json!({"accepted": true}),
    )
    .await
    .expect(200);
    let mails = outbox(&app).await;
    let returned = one(&mails, &applicant, "grant_report.returned");
    assert_eq!(
        returned.subject,
        "Rapport renvoyé : tranche 1 de Safe shelter and legal aid"
    );
    assert!(returned.text.contains("Split the rent by shelter."));
    assert!(returned.html.contains("Split the rent by shelter."));
    assert_eq!(
        one(&mails, &applicant, "grant_report.accepted").subject,
        "Rapport accepté : tranche 1 de Safe shelter and legal aid"
    );

    // The whole life, as the applicant received it, in order.
    assert_eq!(
        events(&to(&mails, &applicant.email)),
        vec![
            "organization.registered",
            "organization.verified",
            "application.submitted",
            "application.eligible",
            "application.approved",
            "grant.agreement_signed",
            "grant.disbursed",
            "grant_report.returned",
            "grant_report.accepted",
        ]
    );
    // Privacy: an organisation's mail names only itself, and no mail carries a token.
    for mail in to(&mails, &applicant.email) {
        for body in [&mail.subject, &mail.text, &mail.html] {
            assert!(!body.contains(&other_name), "{body}");
        }
    }
    for mail in to(&mails, &other.email) {
        for body in [&mail.subject, &mail.text, &mail.html] {
            assert!(!body.contains(&name), "{body}");
        }
    }
    for mail in &mails {
        for token in [&applicant.token, &other.token, &secretariat.token] {
            assert!(!mail.text.contains(token.as_str()) && !mail.html.contains(token.as_str()));
        }
        assert!(!mail.text.contains("Bearer") && !mail.html.contains("Bearer"));
    }

    // Everything queued goes out over SMTP, once each, to the rows' recipients.
    let port = free_port();
    let server = SmtpServer::start(port);
    let delivered = worker(&app, port)
        .drain_at(trustfund::clock::Clock::system().now())
        .await
        .unwrap();
    assert_eq!(delivered.sent, mails.len());
    let received = server.messages();
    assert_eq!(received.len(), mails.len());
    for mail in &mails {
        assert!(
            received.iter().any(|r| r.contains(&mail.recipient)),
            "{}",
            mail.recipient
        );
    }
}

async fn a_recused_trustee_hears_nothing_of_the_voting(app: TestApp) {
    let board = seat_board(&app).await;
    // A Ghanaian NGO: the trustee from Ghana is recused by nationality.
    let (_, application) = app.application_under_review("GH").await;
    // And the trustee from Japan is told; the one from Poland declares a conflict
    // later, which changes nothing already sent.
    let mails = outbox(&app).await;
    assert!(
        to(&mails, &board.trustee("GH").email).is_empty(),
        "{mails:#?}"
    );
    for nationality in ["JP", "PL", "BR", "FR"] {
        let opened = one(&mails, board.trustee(nationality), "voting.opened");
        assert!(opened.text.contains(&application) || opened.text.contains("Safe shelter"));
    }
}

async fn a_registration_with_a_known_address_tells_its_owner_and_answers_the_same(app: TestApp) {
    let (applicant, _) = app.verified_applicant().await;
    let mut body = crate::helpers::registration("KE");
    body["applicant"]["email"] = json!(applicant.email);
    let answer = app
        .send(
            reqwest::Method::POST,
            "/api/v1/organizations/register",
            None,
            Some(body.clone()),
        )
        .await
        .expect(201);
    assert_eq!(answer.body["legal_name"], body["legal_name"]);
    let mails = outbox(&app).await;
    let warned = one(&mails, &applicant, "registration.attempted");
    assert_eq!(
        warned.subject,
        "Someone tried to register with your email address"
    );
    // Nothing names the organisation someone tried to register.
    let attempted = body["legal_name"].as_str().unwrap();
    assert!(mails
        .iter()
        .all(|m| !m.text.contains(attempted) && !m.subject.contains(attempted)));
}

fn worker_with(app: &TestApp, port: u16, max_attempts: u32) -> Worker {
    let mut settings = settings_for(&app.database_url);
    settings.mail.transport = trustfund::config::MailTransport::Smtp;
    settings.mail.smtp_host = "127.0.0.1".into();
    settings.mail.smtp_port = port;
    settings.mail.smtp_security = trustfund::config::SmtpSecurity::None;
    settings.mail.smtp_timeout_secs = 5;
    settings.mail.max_attempts = max_attempts;
    Worker::new(app.db.clone(), &settings.mail).unwrap()
}

async fn a_failed_mail_is_retried_by_the_admin_and_delivered_once(app: TestApp) {
    let port = free_port();
    let worker = worker_with(&app, port, 1);
    let (applicant, _) = app.verified_applicant().await;
    // Two mails (registered, verified); the server is down and one attempt is all.
    let down = worker
        .drain_at(trustfund::clock::Clock::system().now())
        .await
        .unwrap();
    assert_eq!((down.claimed, down.failed, down.sent), (2, 2, 0));
    let admin = app.user(Role::Admin).await;
    let failed = app
        .get(&admin, "/api/v1/notifications?status=failed")
        .await
        .expect(200);
    let items = failed.body["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|i| i["last_error"].is_string()));
    // Failed stays failed: nothing is due.
    let later = trustfund::clock::Clock::system().now() + chrono::Duration::days(2);
    assert_eq!(worker.run_once_at(later).await.unwrap().claimed, 0);

    let server = SmtpServer::start(port);
    let id = items[0]["id"].as_str().unwrap();
    let retried = app
        .post(
            &admin,
            &format!("/api/v1/notifications/{id}/retry"),
            json!({}),
        )
        .await
        .expect(200);
    assert_eq!(retried.body["status"], "pending");
    // A pending one cannot be retried again (409).
    app.post(
        &admin,
        &format!("/api/v1/notifications/{id}/retry"),
        json!({}),
    )
    .await
    .expect(409);
    let up = worker
        .drain_at(trustfund::clock::Clock::system().now())
        .await
        .unwrap();
    assert_eq!((up.claimed, up.sent), (1, 1));
    assert_eq!(worker.drain_at(later).await.unwrap().claimed, 0);
    let received = server.messages();
    assert_eq!(received.len(), 1);
    assert!(received[0].contains(&applicant.email));
}

async fn two_workers_deliver_each_message_once(app: TestApp) {
    // Several organisations: a dozen mails queued.
    for _ in 0..6 {
        app.verified_applicant().await;
    }
    let queued = outbox(&app).await.len();
    assert_eq!(queued, 12);
    let port = free_port();
    let server = SmtpServer::start(port);
    let (one, two) = (worker(&app, port), worker(&app, port));
    let now = trustfund::clock::Clock::system().now();
    let (a, b) = tokio::join!(one.drain_at(now), two.drain_at(now));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, queued, "{a:?} {b:?}");
    let received = server.messages();
    assert_eq!(received.len(), queued);
    let ids: HashSet<String> = received
        .iter()
        .map(|m| {
            m.lines()
                .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids.len(), queued, "each message once");
}

/// One sweep of every kind of reminder the service keeps, as if the time were `at`.
async fn sweep(app: &TestApp, at: chrono::NaiveDateTime) -> SweepSummary {
    trustfund::notifications::sweep_at(&app.db, trustfund::startup::REMINDERS, at)
        .await
        .unwrap()
}

async fn the_sweep_reminds_once_of_reports_terms_and_votes(app: TestApp) {
    // A grant signed today: tranches due today, in 90 and in 180 days; the period ends
    // in 365 days. The report on tranche 1 is due with tranche 2 (in 90 days).
    let awarded = awarded_grant(&app, "100000.00").await;
    app.post(
        &awarded.secretariat,
        &format!("/api/v1/grants/{}/agreement", awarded.grant),
        schedule(),
    )
    .await
    .expect(201);
    let now = trustfund::clock::Clock::system().now();
    let day = |n: i64| now + chrono::Duration::days(n);

    // Nothing is due within 14 days today.
    let today = sweep(&app, now).await;
    assert_eq!(today.total(), 0, "{today:?}");

    // In 80 days the report on tranche 1 is due within 14 days: one reminder to the
    // organisation's one account; a second sweep (same day or later) adds nothing.
    let soon = sweep(&app, day(80)).await;
    assert_eq!(
        (soon.of("grant_report.due"), soon.of("grant_report.overdue")),
        (1, 0),
        "{soon:?}"
    );
    assert_eq!(sweep(&app, day(80)).await.total(), 0);
    assert_eq!(sweep(&app, day(85)).await.total(), 0);
    let mails = outbox(&app).await;
    let due = one(&mails, &awarded.applicant, "grant_report.due");
    assert!(due.subject.starts_with("Report due on "), "{}", due.subject);

    // In 100 days it is overdue: one more reminder, once.
    let late = sweep(&app, day(100)).await;
    assert_eq!(
        (late.of("grant_report.due"), late.of("grant_report.overdue")),
        (0, 1),
        "{late:?}"
    );
    assert_eq!(sweep(&app, day(101)).await.total(), 0);
    let mails = outbox(&app).await;
    assert!(one(&mails, &awarded.applicant, "grant_report.overdue")
        .subject
        .starts_with("Report overdue"));

    // An application under review eight days without votes: each trustee who may vote.
    let (_, waiting) = app.application_under_review("KE").await;
    let early = sweep(&app, day(3)).await;
    assert_eq!(early.of("voting.waiting"), 0);
    let week = sweep(&app, day(8)).await;
    assert_eq!(week.of("voting.waiting"), 5, "{week:?}");
    assert_eq!(sweep(&app, day(9)).await.of("voting.waiting"), 0);
    let mails = outbox(&app).await;
    let nudges: Vec<&Mail> = mails
        .iter()
        .filter(|m| m.event == "voting.waiting")
        .collect();
    assert_eq!(nudges.len(), 5);
    assert!(nudges.iter().all(|m| m.text.contains(&waiting)));

    // Terms are three years from 30 days ago: within 90 days of their end, the
    // secretariat is told of each of the five, once.
    let secretariat = enabled_secretariat(&app).await;
    let ending = sweep(&app, day(1000)).await;
    assert_eq!(
        ending.of("board.term_ending"),
        5 * secretariat.len(),
        "{ending:?}"
    );
    assert_eq!(sweep(&app, day(1001)).await.total(), 0);
    let mails = outbox(&app).await;
    let told: HashSet<String> = mails
        .iter()
        .filter(|m| m.event == "board.term_ending")
        .map(|m| m.recipient.clone())
        .collect();
    assert_eq!(told, secretariat);
}

async fn the_vote_reminder_skips_who_voted_declared_a_conflict_or_is_recused(app: TestApp) {
    let board = seat_board(&app).await;
    // A Ghanaian NGO: the trustee from Ghana is recused by nationality; the one from Japan
    // votes, the one from Poland declares a conflict. Only Brazil and France are waited on.
    let (_, ghanaian) = app.application_under_review("GH").await;
    vote(
        &app,
        board.trustee("JP"),
        &ghanaian,
        "approve",
        Some("30000.00"),
    )
    .await
    .expect(200);
    app.post(
        board.trustee("PL"),
        &format!("/api/v1/applications/{ghanaian}/conflicts"),
        json!({"reason": "I sit on the NGO's advisory council"}),
    )
    .await
    .expect(201);
    // A Kenyan NGO, in the same sweep: everyone but France (who voted) is waited on.
    let (_, kenyan) = app.application_under_review("KE").await;
    vote(&app, board.trustee("FR"), &kenyan, "reject", None)
        .await
        .expect(200);

    let now = trustfund::clock::Clock::system().now();
    let week = sweep(&app, now + chrono::Duration::days(8)).await;
    assert_eq!(week.of("voting.waiting"), 2 + 4, "{week:?}");
    let mails = outbox(&app).await;
    let told = |application: &str| -> HashSet<String> {
        mails
            .iter()
            .filter(|m| m.event == "voting.waiting" && m.text.contains(application))
            .map(|m| m.recipient.clone())
            .collect()
    };
    let emails = |nationalities: &[&str]| -> HashSet<String> {
        nationalities
            .iter()
            .map(|n| board.trustee(n).email.clone())
            .collect()
    };
    assert_eq!(told(&ghanaian), emails(&["BR", "FR"]));
    assert_eq!(told(&kenyan), emails(&["GH", "JP", "PL", "BR"]));

    // Once each: a later sweep adds nothing, and a vote cast since changes nothing sent.
    vote(
        &app,
        board.trustee("BR"),
        &ghanaian,
        "approve",
        Some("30000.00"),
    )
    .await
    .expect(200);
    let later = sweep(&app, now + chrono::Duration::days(9)).await;
    assert_eq!(later.total(), 0, "{later:?}");
}
