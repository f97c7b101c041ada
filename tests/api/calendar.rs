//! Date rules as time passes: the same data seen by a second instance whose clock is
//! moved forward (`TestApp::on_clock`), instead of rows written with dates in the past.
//! Each test shows the rule on both clocks at once, so the clock is what decides.

use chrono::TimeDelta;
use trustfund::board::AppointmentStatus;
use trustfund::clock::Clock;
use trustfund::domain::GrantId;
use trustfund::grants::{GrantView, TrancheState};

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies;
use crate::support::grants::{awarded_grant, report_accepted};
use crate::support::scenarios::{application_under_review, seat_board};

on_both_backends!(
    a_tranche_falls_due_and_its_missing_report_shows_a_quarter_later,
    a_trustee_whose_term_ran_out_no_longer_sits_or_votes,
);

async fn grant(app: &TestApp, user: &TestUser, id: GrantId) -> GrantView {
    app.as_(user).grant(id).get().await.ok()
}

/// The schedule's second tranche is due 90 days after signature; its payment waits for
/// the report on the first. Until that day the grant shows nothing overdue; from that
/// day, with no accepted report, it does, until the report is accepted.
async fn a_tranche_falls_due_and_its_missing_report_shows_a_quarter_later(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let id = g.grant;
    app.as_(&g.secretariat)
        .grant(id)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    app.as_(&g.finance)
        .grant(id)
        .pay(&bodies::disbursement(1, "15000.00"))
        .await
        .created();

    let today = grant(&app, &g.applicant, id).await;
    assert_eq!(today.tranches[1].state, TrancheState::Scheduled);
    assert!(!today.report_overdue);

    let quarter_later = app.on_clock(Clock::offset(TimeDelta::days(90))).await;
    let then = grant(&quarter_later, &g.applicant, id).await;
    assert_eq!(then.tranches[1].state, TrancheState::Due);
    assert_eq!(then.tranches[2].state, TrancheState::Scheduled);
    assert!(then.report_overdue);
    // The same grant, the same moment, on today's clock: nothing has changed there.
    assert!(!grant(&app, &g.applicant, id).await.report_overdue);

    report_accepted(&app, &g.applicant, &g.secretariat, g.grant, 1).await;
    let then = grant(&quarter_later, &g.applicant, id).await;
    assert!(!then.report_overdue);
    assert_eq!(then.tranches[1].state, TrancheState::Due);
}

/// Terms are three years. The Board seated 30 days ago sits today; three years later
/// every seat is vacant, each appointment has ended, and a former trustee's vote is
/// refused by its rule.
async fn a_trustee_whose_term_ran_out_no_longer_sits_or_votes(app: TestApp) {
    let board = seat_board(&app).await;
    let (_, application) = application_under_review(&app, "KE").await;
    let trustee = board.trustee("GH");
    let appointment = board.appointment("GH");

    let now = app.as_(trustee).board().today().await.ok();
    assert_eq!(now.vacancies, 0);
    assert_eq!(now.members.len(), 5);
    let seat = app
        .as_(&board.secretariat)
        .appointment(appointment)
        .get()
        .await
        .ok();
    assert_eq!(seat.status, AppointmentStatus::Active);

    let later = app.on_clock(Clock::offset(TimeDelta::days(3 * 366))).await;
    let then = later.as_(trustee).board().today().await.ok();
    assert_eq!(then.vacancies, 5, "{then:?}");
    assert!(then.members.is_empty(), "{then:?}");
    let seat = later
        .as_(&board.secretariat)
        .appointment(appointment)
        .get()
        .await
        .ok();
    assert_eq!(seat.status, AppointmentStatus::Ended);
    later
        .as_(trustee)
        .application(application)
        .vote(&bodies::approve("30000.00"))
        .await
        .refused(422, "not-an-active-trustee");

    // Today the same trustee still votes.
    app.as_(trustee)
        .application(application)
        .vote(&bodies::approve("30000.00"))
        .await
        .ok();
}
