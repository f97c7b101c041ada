//! Date rules as time passes: the same data seen by a second instance whose clock is
//! moved forward (`TestApp::on_clock`), instead of rows written with dates in the past.
//! Each test shows the rule on both clocks at once, so the clock is what decides.

use chrono::TimeDelta;
use serde_json::Value;
use trustfund::clock::Clock;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::grants::{awarded_grant, payment, report_accepted, schedule};
use crate::support::scenarios::{seat_board, vote};

on_both_backends!(
    a_tranche_falls_due_and_its_missing_report_shows_a_quarter_later,
    a_trustee_whose_term_ran_out_no_longer_sits_or_votes,
);

async fn grant(app: &TestApp, user: &TestUser, id: &str) -> Value {
    app.get(user, &format!("/api/v1/grants/{id}"))
        .await
        .expect(200)
        .body
}

/// The schedule's second tranche is due 90 days after signature; its payment waits for
/// the report on the first. Until that day the grant shows nothing overdue; from that
/// day, with no accepted report, it does, until the report is accepted.
async fn a_tranche_falls_due_and_its_missing_report_shows_a_quarter_later(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let id = g.grant.to_string();
    let id = id.as_str();
    app.as_(&g.secretariat)
        .grant(g.grant)
        .with_signed_agreement()
        .await;
    app.post(
        &g.secretariat,
        &format!("/api/v1/grants/{id}/agreement"),
        schedule(),
    )
    .await
    .expect(201);
    app.post(
        &g.finance,
        &format!("/api/v1/grants/{id}/disbursements"),
        payment(1, "15000.00"),
    )
    .await
    .expect(201);

    let today = grant(&app, &g.applicant, id).await;
    assert_eq!(today["tranches"][1]["state"], "scheduled");
    assert_eq!(today["report_overdue"], false);

    let quarter_later = app.on_clock(Clock::offset(TimeDelta::days(90))).await;
    let then = grant(&quarter_later, &g.applicant, id).await;
    assert_eq!(then["tranches"][1]["state"], "due");
    assert_eq!(then["tranches"][2]["state"], "scheduled");
    assert_eq!(then["report_overdue"], true);
    // The same grant, the same moment, on today's clock: nothing has changed there.
    assert_eq!(grant(&app, &g.applicant, id).await["report_overdue"], false);

    report_accepted(&app, &g.applicant, &g.secretariat, g.grant, 1).await;
    let then = grant(&quarter_later, &g.applicant, id).await;
    assert_eq!(then["report_overdue"], false);
    assert_eq!(then["tranches"][1]["state"], "due");
}

/// Terms are three years. The Board seated 30 days ago sits today; three years later
/// every seat is vacant, each appointment has ended, and a former trustee's vote is
/// refused by its rule.
async fn a_trustee_whose_term_ran_out_no_longer_sits_or_votes(app: TestApp) {
    let board = seat_board(&app).await;
    let (_, application) = app.application_under_review("KE").await;
    let trustee = board.trustee("GH");
    let appointment = format!("/api/v1/board/appointments/{}", board.appointment("GH"));

    let now = app.get(trustee, "/api/v1/board").await.expect(200).body;
    assert_eq!(now["vacancies"], 0);
    assert_eq!(now["members"].as_array().map(Vec::len), Some(5));
    let seat = app
        .get(&board.secretariat, &appointment)
        .await
        .expect(200)
        .body;
    assert_eq!(seat["status"], "active");

    let later = app.on_clock(Clock::offset(TimeDelta::days(3 * 366))).await;
    let then = later.get(trustee, "/api/v1/board").await.expect(200).body;
    assert_eq!(then["vacancies"], 5, "{then}");
    assert_eq!(then["members"], serde_json::json!([]));
    let seat = later
        .get(&board.secretariat, &appointment)
        .await
        .expect(200)
        .body;
    assert_eq!(seat["status"], "ended");
    vote(&later, trustee, &application, "approve", Some("30000.00"))
        .await
        .expect_problem(422, "not-an-active-trustee");

    // Today the same trustee still votes.
    vote(&app, trustee, &application, "approve", Some("30000.00"))
        .await
        .expect(200);
}
