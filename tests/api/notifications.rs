//! The outbox against a real SMTP server (aiosmtpd) on loopback: mail queued by a change
//! is delivered once, with its stable Message-ID, even when the server was down first.

use trustfund::config::{MailTransport, SmtpSecurity};
use trustfund::notifications::Worker;

use crate::helpers::{settings_for, TestApp};
use crate::on_both_backends;
use crate::support::mail::{free_port, worker, SmtpServer};

async fn verification_mail_survives_an_smtp_outage(app: TestApp) {
    let port = free_port();
    let worker = worker(&app, port);
    // The registration and the verification queue mail to the organisation's applicant;
    // the server is down.
    let (applicant, _) = crate::support::scenarios::verified_organization(&app, "KE").await;
    let down = worker.run_once().await.unwrap();
    assert_eq!((down.claimed, down.retried, down.sent), (2, 2, 0));
    // Not due again yet: backoff.
    assert_eq!(worker.run_once().await.unwrap().claimed, 0);
    let server = SmtpServer::start(port);
    let later = trustfund::clock::Clock::system().now() + chrono::Duration::hours(1);
    let up = worker.drain_at(later).await.unwrap();
    let errors: Vec<Option<String>> = app
        .with_db(|c| {
            use diesel::prelude::*;
            use trustfund::db::schema::notifications::dsl::*;
            notifications.select(last_error).load(c).unwrap()
        })
        .await;
    assert_eq!((up.claimed, up.sent), (2, 2), "{errors:?}");
    assert_eq!(worker.drain_at(later).await.unwrap().claimed, 0);
    let mail = server.messages();
    assert_eq!(mail.len(), 2, "each delivered exactly once");
    assert!(mail.iter().all(|m| m.contains(&applicant.email)));
    let verified = mail
        .iter()
        .find(|m| m.contains("Your organisation is verified"))
        .expect("the verification");
    let id = verified
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
        .expect("a Message-ID");
    assert!(id.contains("@trustfund.local>"), "{id}");
}

on_both_backends!(verification_mail_survives_an_smtp_outage);

/// A stop request while a mail is being sent: that mail's attempt finishes and counts, the
/// rest of the batch goes back to the outbox untried (due at once, no attempt counted),
/// and the worker returns, so the process can exit without waiting out any lease.
async fn a_stopping_worker_finishes_the_mail_in_hand_and_hands_back_the_rest(app: TestApp) {
    use diesel::prelude::*;
    use trustfund::db::schema::notifications::dsl::*;

    // A server that accepts connections and never greets: the first send hangs until the
    // SMTP timeout (1 s).
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut settings = settings_for(&app.database_url);
    settings.mail.transport = MailTransport::Smtp;
    settings.mail.smtp_port = silent.local_addr().unwrap().port();
    settings.mail.smtp_security = SmtpSecurity::None;
    settings.mail.smtp_timeout_secs = 1;
    let worker = Worker::new(app.db.clone(), &settings.mail).unwrap();
    crate::support::scenarios::verified_organization(&app, "KE").await; // two mails queued

    let (stop, shutdown) = trustfund::supervise::Shutdown::new();
    let running = tokio::spawn(worker.run(shutdown));
    let claimed_count = || {
        app.with_db(|c| {
            notifications
                .filter(status.eq("sending"))
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
    };
    for _ in 0..200 {
        if claimed_count().await == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(claimed_count().await, 2, "the worker claimed the batch");
    stop.stop();
    tokio::time::timeout(std::time::Duration::from_secs(10), running)
        .await
        .expect("the worker stops within the SMTP timeout")
        .unwrap()
        .unwrap();

    let mut rows: Vec<(String, i32, Option<String>, Option<chrono::NaiveDateTime>)> = app
        .with_db(|c| {
            notifications
                .select((status, attempts, last_error, claimed_until))
                .load(c)
                .unwrap()
        })
        .await;
    rows.sort_by_key(|row| row.1);
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter().all(|row| row.0 == "pending" && row.3.is_none()),
        "{rows:?}"
    );
    assert_eq!(
        (rows[0].1, rows[0].2.is_none()),
        (0, true),
        "handed back untried"
    );
    assert_eq!(
        (rows[1].1, rows[1].2.is_some()),
        (1, true),
        "tried once, to retry"
    );
}

on_both_backends!(a_stopping_worker_finishes_the_mail_in_hand_and_hands_back_the_rest);
