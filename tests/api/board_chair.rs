//! The chair chosen by the Board: a designation records the Board's decision (its
//! meeting and the record's reference); `GET /board` warns 60 days before the chair's
//! year ends while no successor is chosen, and the sweep tells the secretariat once.

use chrono::{Months, NaiveDate, TimeDelta};
use serde_json::json;
use trustfund::api::board::{AppointTrusteeRequest, ChairDecisionRequest};
use trustfund::auth::Role;
use trustfund::board::{BoardWarningKind, ChairDecision};
use trustfund::clock::Clock;
use trustfund::domain::AppointmentId;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{appointment_from, chair_designation, days_from_today, short, today};
use crate::support::trail::changes;

on_both_backends!(
    a_chair_is_designated_only_on_a_recorded_decision_of_the_board,
    the_chairs_year_ending_is_warned_of_and_reminded_once,
);

/// A trustee sitting from 30 days ago for a full term.
async fn seat(app: &TestApp, s: &TestUser, name: &str, nationality: &str) -> AppointmentId {
    let trustee = app.user(Role::Trustee).await;
    app.as_(s)
        .board()
        .appoint(&AppointTrusteeRequest {
            user_id: Some(trustee.id),
            ..appointment_from(name, nationality, days_from_today(-30))
        })
        .await
        .created()
        .id
}

async fn chair_audit_events(app: &TestApp) -> usize {
    let auditor = app.user(Role::Auditor).await;
    app.as_(&auditor)
        .audit()
        .list(&[("entity_type", "chair")])
        .await
        .ok()
        .items
        .len()
}

async fn a_chair_is_designated_only_on_a_recorded_decision_of_the_board(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let amina = seat(&app, &s, "Amina Okafor", "NG").await;
    let board = app.as_(&s).board();
    // Trustees sit without a chair: the Board says so.
    let now = board.clone().today().await.ok();
    assert!(now.chair.is_none());
    assert_eq!(now.warnings.len(), 1);
    assert_eq!(now.warnings[0].kind, BoardWarningKind::NoChair);

    let from = days_from_today(-10);
    let to = from.checked_add_months(Months::new(12)).unwrap();
    // No decision: 400 naming the field.
    // JSON: a designation without its decision, or with a blank record, is what the
    // crate's request type cannot hold.
    let missing = board
        .clone()
        .designate_chair(&json!({"appointment_id": amina, "from": from, "to": to}))
        .await
        .refused(400, "validation");
    assert!(
        missing
            .fields()
            .first()
            .is_some_and(|f| f.ends_with("board_decision")),
        "{missing:?}"
    );
    // An empty record reference: 400 naming it.
    board
        .clone()
        .designate_chair(&json!({"appointment_id": amina, "from": from, "to": to,
                   "board_decision": {"meeting_on": from, "record_reference": " "}}))
        .await
        .refused(400, "validation");
    // A meeting that has not happened, or held after the chair's year began: refused.
    let decided = |meeting_on: NaiveDate| {
        let mut body = chair_designation(amina.as_uuid(), from, to);
        body.board_decision = ChairDecisionRequest {
            meeting_on,
            record_reference: short("Board report, para. 7"),
        };
        body
    };
    let future = board
        .clone()
        .designate_chair(&decided(days_from_today(1)))
        .await
        .refused(422, "chair-decision");
    assert_eq!(future.fields(), vec!["board_decision.meeting_on"]);
    board
        .clone()
        .designate_chair(&decided(days_from_today(-5)))
        .await
        .refused(422, "chair-decision");
    assert_eq!(
        chair_audit_events(&app).await,
        0,
        "a refusal writes nothing"
    );

    // On the Board's decision of its meeting on the first day: designated, shown, audited.
    let made = board
        .clone()
        .designate_chair(&decided(from))
        .await
        .created();
    let recorded = ChairDecision {
        meeting_on: from,
        record_reference: "Board report, para. 7".to_string(),
    };
    assert_eq!(made.board_decision.as_ref(), Some(&recorded));
    let now = board.today().await.ok();
    let chair = now.chair.expect("a chair");
    assert_eq!(chair.appointment_id, amina);
    assert_eq!(chair.board_decision, Some(recorded));
    assert!(now.warnings.is_empty(), "{:?}", now.warnings);
    let auditor = app.user(Role::Auditor).await;
    let trail = app
        .as_(&auditor)
        .audit()
        .list(&[("entity_type", "chair")])
        .await
        .ok();
    assert_eq!(trail.items.len(), 1);
    let designated: Designated = changes(&trail.items[0]);
    assert_eq!(
        designated.after.board_decision.record_reference, "Board report, para. 7",
        "{:?}",
        trail.items[0]
    );
}

/// What a chair's designation records after it (the part read here).
#[derive(Debug, serde::Deserialize)]
struct Designated {
    after: DesignatedChair,
}

#[derive(Debug, serde::Deserialize)]
struct DesignatedChair {
    board_decision: RecordedDecision,
}

#[derive(Debug, serde::Deserialize)]
struct RecordedDecision {
    record_reference: String,
}

/// Outbox rows of the chair reminder.
async fn chair_mails(app: &TestApp) -> Vec<String> {
    app.with_db(|c| {
        use diesel::prelude::*;
        use trustfund::db::schema::notifications::dsl::*;
        notifications
            .filter(event.eq("board.chair_year_ending"))
            .select(recipient)
            .load::<String>(c)
            .unwrap()
    })
    .await
}

async fn a_chairs_year_at(app: &TestApp, days: i64) -> trustfund::board::BoardView {
    let viewer = app.user(Role::Finance).await;
    let later = app.on_clock(Clock::offset(TimeDelta::days(days))).await;
    later.as_(&viewer).board().today().await.ok()
}

async fn the_chairs_year_ending_is_warned_of_and_reminded_once(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let amina = seat(&app, &s, "Amina Okafor", "NG").await;
    let hiro = seat(&app, &s, "Hiro Tanaka", "JP").await;
    let from = days_from_today(-30);
    let to = from.checked_add_months(Months::new(12)).unwrap();
    app.as_(&s)
        .board()
        .designate_chair(&chair_designation(amina.as_uuid(), from, to))
        .await
        .created();
    let until_end = (to - today()).num_days();

    // 61 days before the year ends, nothing; 60 days before, the warning, naming the day.
    let early = a_chairs_year_at(&app, until_end - 61).await;
    assert!(early.warnings.is_empty(), "{:?}", early.warnings);
    let due = a_chairs_year_at(&app, until_end - 60).await;
    assert_eq!(due.warnings.len(), 1, "{:?}", due.warnings);
    assert_eq!(due.warnings[0].kind, BoardWarningKind::ChairYearEnding);
    assert_eq!(due.warnings[0].on, to);
    assert!(due.warnings[0].detail.contains("Amina Okafor"));

    // The sweep: nothing 61 days before; 60 days before, each secretariat member is told,
    // once, whatever how often and on how many instances the sweep runs.
    let sweep = |days: i64| {
        let db = app.db.clone();
        async move {
            let at = Clock::system().now() + TimeDelta::days(days);
            trustfund::notifications::sweep_at(&db, trustfund::startup::REMINDERS, at)
                .await
                .unwrap()
        }
    };
    assert_eq!(sweep(until_end - 61).await.of("board.chair_year_ending"), 0);
    let sent = sweep(until_end - 60).await.of("board.chair_year_ending");
    assert!(sent >= 1);
    let mails = chair_mails(&app).await;
    assert_eq!(mails.len(), sent);
    assert!(mails.contains(&s.email), "{mails:?}");
    assert_eq!(sweep(until_end - 60).await.of("board.chair_year_ending"), 0);
    assert_eq!(sweep(until_end - 30).await.of("board.chair_year_ending"), 0);
    let other_instance = app.on_clock(Clock::system()).await;
    let again = trustfund::notifications::sweep_at(
        &other_instance.db,
        trustfund::startup::REMINDERS,
        Clock::system().now() + TimeDelta::days(until_end - 59),
    )
    .await
    .unwrap();
    assert_eq!(again.of("board.chair_year_ending"), 0);
    assert_eq!(chair_mails(&app).await.len(), sent);

    // Once the Board has chosen the next chair, the warning is gone.
    app.as_(&s)
        .board()
        .designate_chair(&chair_designation(
            hiro.as_uuid(),
            to,
            to.checked_add_months(Months::new(12)).unwrap(),
        ))
        .await
        .created();
    let settled = a_chairs_year_at(&app, until_end - 30).await;
    assert!(settled.warnings.is_empty(), "{:?}", settled.warnings);
}
