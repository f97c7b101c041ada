//! Every mail event, in each recipient's language, to the right people only; the daily
//! reminders' sweep; delivery that survives failure and concurrent workers.

use std::collections::HashSet;

use serde_json::json;
use trustfund::api::grant_reports::{ReportRequest, ReviewRequest};
use trustfund::api::users::UpdateMeRequest;
use trustfund::api::voting::ConflictRequest;
use trustfund::auth::Role;
use trustfund::domain::{Language, OrganizationId};
use trustfund::notifications::{NotificationStatus, SweepSummary, Worker};

use crate::helpers::{registration, settings_for, TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, spent_on};
use crate::support::grants::awarded_grant;
use crate::support::mail::{free_port, worker, SmtpServer};
use crate::support::scenarios::{
    application_under_review, fund, open_call, seat_board, verified_organization,
};
use crate::support::{text, usd};

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

async fn legal_name(app: &TestApp, user: &TestUser, org: OrganizationId) -> String {
    app.as_(user).organization(org).get().await.ok().legal_name
}

/// The caller's mail in `language` from now on.
fn reading(language: Language) -> UpdateMeRequest {
    UpdateMeRequest {
        language: Some(language),
    }
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
fn progress_report(tranche: i32) -> ReportRequest {
    let mut report =
        bodies::progress_report(tranche, vec![spent_on("Shelter rent", usd("1000.00"))]);
    report.beneficiaries[0].count = 3;
    report.narrative = text("Three survivors sheltered.");
    report
}

async fn an_application_s_whole_life_mails_the_right_people_in_their_language(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let secretariat = board.secretariat.clone();
    let finance = app.user(Role::Finance).await;

    // Registered and verified, in English (the default).
    let (applicant, org) = verified_organization(&app, "KE").await;
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
    let (other, other_org) = verified_organization(&app, "KE").await;
    let other_name = legal_name(&app, &other, other_org).await;

    // The applicant reads French from now on; GET /me says so; a language we do not
    // write in is a 400 naming the field.
    let as_applicant = app.as_(&applicant);
    let me = as_applicant.me().update(&reading(Language::Fr)).await.ok();
    assert_eq!(me.language, Language::Fr);
    let me = as_applicant.me().get().await.ok();
    assert_eq!(me.language, Language::Fr);
    // German, which the crate's `Language` cannot even hold: JSON.
    let refused = as_applicant
        .me()
        .update(&json!({"language": "de"}))
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["language"]);
    assert_eq!(app.as_(&other).me().get().await.ok().language, Language::En);

    // Submitted: the organisation (French) and the secretariat (English).
    let call = open_call(&app).await;
    let id = as_applicant
        .applications()
        .create(&bodies::application(call))
        .await
        .created()
        .id;
    as_applicant.application(id).submit().await.ok();
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
    let as_secretariat = app.as_(&secretariat);
    as_secretariat
        .application(id)
        .screen(&bodies::screen_eligible())
        .await
        .ok();
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
    as_secretariat
        .application(id)
        .decide()
        .await
        .raw()
        .expect(422);
    assert_eq!(outbox(&app).await.len(), before);

    // Decided: awarded.
    for nationality in ["GH", "JP", "PL"] {
        app.as_(board.trustee(nationality))
            .application(id)
            .vote(&bodies::approve("30000.00"))
            .await
            .ok();
    }
    let decision = as_secretariat.application(id).decide().await.created();
    let grant = decision.grant_id.expect("an award's grant");
    let mails = outbox(&app).await;
    let decided = one(&mails, &applicant, "application.approved");
    assert_eq!(
        decided.subject,
        "Subvention accordée : Safe shelter and legal aid"
    );
    assert!(decided.text.contains("30000.00"), "{}", decided.text);

    // Agreement signed, first tranche paid.
    as_secretariat
        .grant(grant)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    app.as_(&finance)
        .grant(grant)
        .pay(&bodies::disbursement(1, "15000.00"))
        .await
        .created();
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
    let report = as_applicant
        .grant(grant)
        .file_report(&progress_report(1))
        .await
        .created()
        .id;
    as_secretariat
        .report(report)
        .review(&ReviewRequest {
            accepted: false,
            comments: Some(text("Split the rent by shelter.")),
        })
        .await
        .ok();
    let again = as_applicant
        .grant(grant)
        .file_report(&progress_report(1))
        .await
        .created()
        .id;
    as_secretariat
        .report(again)
        .review(&bodies::accept())
        .await
        .ok();
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
    let (_, application) = application_under_review(&app, "GH").await;
    let application = application.to_string();
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
    let (applicant, _) = verified_organization(&app, "KE").await;
    // A registration carries a password: JSON, with the known address put in it.
    let mut body = registration("KE");
    body["applicant"]["email"] = json!(applicant.email);
    let answer = app
        .anonymous()
        .organizations()
        .register(&body)
        .await
        .created();
    let attempted = answer.organization.legal_name;
    assert_eq!(body["legal_name"].as_str(), Some(attempted.as_str()));
    let mails = outbox(&app).await;
    let warned = one(&mails, &applicant, "registration.attempted");
    assert_eq!(
        warned.subject,
        "Someone tried to register with your email address"
    );
    // Nothing names the organisation someone tried to register.
    assert!(mails
        .iter()
        .all(|m| !m.text.contains(&attempted) && !m.subject.contains(&attempted)));
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
    let (applicant, _) = verified_organization(&app, "KE").await;
    // Two mails (registered, verified); the server is down and one attempt is all.
    let down = worker
        .drain_at(trustfund::clock::Clock::system().now())
        .await
        .unwrap();
    assert_eq!((down.claimed, down.failed, down.sent), (2, 2, 0));
    let admin = app.user(Role::Admin).await;
    let as_admin = app.as_(&admin);
    let items = as_admin
        .notifications()
        .list(&[("status", "failed")])
        .await
        .ok()
        .items;
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|i| i.last_error.is_some()), "{items:?}");
    // Failed stays failed: nothing is due.
    let later = trustfund::clock::Clock::system().now() + chrono::Duration::days(2);
    assert_eq!(worker.run_once_at(later).await.unwrap().claimed, 0);

    let server = SmtpServer::start(port);
    let id = items[0].id;
    let retried = as_admin.notifications().retry(id).await.ok();
    assert_eq!(retried.status, NotificationStatus::Pending);
    // A pending one cannot be retried again (409).
    as_admin
        .notifications()
        .retry(id)
        .await
        .refused(409, "conflict");
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
        verified_organization(&app, "KE").await;
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
    app.as_(&awarded.secretariat)
        .grant(awarded.grant)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
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
    let (_, waiting) = application_under_review(&app, "KE").await;
    let waiting = waiting.to_string();
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
    let (_, ghanaian) = application_under_review(&app, "GH").await;
    app.as_(board.trustee("JP"))
        .application(ghanaian)
        .vote(&bodies::approve("30000.00"))
        .await
        .ok();
    app.as_(board.trustee("PL"))
        .application(ghanaian)
        .declare_conflict(&ConflictRequest {
            reason: text("I sit on the NGO's advisory council"),
        })
        .await
        .created();
    // A Kenyan NGO, in the same sweep: everyone but France (who voted) is waited on.
    let (_, kenyan) = application_under_review(&app, "KE").await;
    app.as_(board.trustee("FR"))
        .application(kenyan)
        .vote(&bodies::reject())
        .await
        .ok();

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
    assert_eq!(told(&ghanaian.to_string()), emails(&["BR", "FR"]));
    assert_eq!(told(&kenyan.to_string()), emails(&["GH", "JP", "PL", "BR"]));

    // Once each: a later sweep adds nothing, and a vote cast since changes nothing sent.
    app.as_(board.trustee("BR"))
        .application(ghanaian)
        .vote(&bodies::approve("30000.00"))
        .await
        .ok();
    let later = sweep(&app, now + chrono::Duration::days(9)).await;
    assert_eq!(later.total(), 0, "{later:?}");
}
