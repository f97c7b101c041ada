//! What guards every step that moves money toward an organisation: it must still be
//! verified (a refusal after submission stops the award), and a call never awards more
//! than its envelope, reserve list included. A refusal writes nothing.

use trustfund::api::applications::CreateApplicationRequest;
use trustfund::api::calls::CallRequest;
use trustfund::api::organizations::VerificationRequest;
use trustfund::applications::{ApplicationState, BudgetLine};
use trustfund::auth::Role;
use trustfund::calls::EnvelopeUse;
use trustfund::domain::{ApplicationId, CallId};
use trustfund::organizations::{OrgState, OrgType};
use trustfund::voting::{DecisionStatus, DecisionView};

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::{self, approve, positive_usd, reject, short, text};
use crate::support::grants::{check_ok, fund_balances};
use crate::support::resources::ALL;
use crate::support::scenarios::{
    application_under_review, fund, seat_board, verified_organization, Board,
};
use crate::support::{usd, Reply};

on_both_backends!(
    a_refused_organisation_is_never_awarded,
    a_refused_organisation_does_not_block_the_reserve_list,
    a_call_never_awards_more_than_its_envelope,
    the_reserve_list_holds_its_place_in_the_envelope,
);

/// Three approvals of `amount` by the trustees from Ghana, Japan and Poland.
async fn approve_by_three(app: &TestApp, board: &Board, application: ApplicationId, amount: &str) {
    for nationality in ["GH", "JP", "PL"] {
        app.as_(board.trustee(nationality))
            .application(application)
            .vote(&approve(amount))
            .await
            .ok();
    }
}

async fn decide(app: &TestApp, board: &Board, application: ApplicationId) -> Reply<DecisionView> {
    app.as_(&board.secretariat)
        .application(application)
        .decide()
        .await
}

/// The Fund's balances, as they stand.
async fn balances(app: &TestApp, board: &Board) -> trustfund::ledger::Balances {
    fund_balances(app, &board.secretariat).await
}

/// The secretariat refuses the organisation behind `application` after all.
async fn refuse_the_organisation_of(app: &TestApp, board: &Board, application: ApplicationId) {
    let secretariat = app.as_(&board.secretariat);
    let organization = secretariat
        .application(application)
        .get()
        .await
        .ok()
        .organization_id;
    let refused = secretariat
        .organization(organization)
        .verify(&VerificationRequest {
            verified: false,
            reason: Some(text("fraud found")),
        })
        .await
        .ok();
    assert_eq!(refused.state, OrgState::Refused);
}

/// Everything a refused or capped decision must leave as it was.
async fn nothing_written(
    app: &TestApp,
    board: &Board,
    application: ApplicationId,
    state: ApplicationState,
) {
    let secretariat = app.as_(&board.secretariat);
    let seen = secretariat.application(application).get().await.ok();
    assert_eq!(seen.state, state);
    let grants = secretariat.grants().list(ALL).await.ok();
    assert!(
        grants.items.iter().all(|g| g.application_id != application),
        "{grants:?}"
    );
    let auditor = app.user(Role::Auditor).await;
    check_ok(app, &auditor).await;
}

async fn a_refused_organisation_is_never_awarded(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let (_, application) = application_under_review(&app, "KE").await;
    refuse_the_organisation_of(&app, &board, application).await;
    approve_by_three(&app, &board, application, "42000.00").await;
    let before = balances(&app, &board).await;

    let refused = decide(&app, &board, application)
        .await
        .refused(422, "organization-refused");
    assert_eq!(refused.rule.as_deref(), Some("organization-refused"));
    refused.says("fraud found");
    nothing_written(&app, &board, application, ApplicationState::UnderReview).await;
    assert_eq!(balances(&app, &board).await, before);
    app.as_(&board.secretariat)
        .application(application)
        .decision()
        .await
        .refused(404, "not-found");

    // Rejecting moves no money: the Board can still close the file.
    for nationality in ["GH", "JP", "PL"] {
        app.as_(board.trustee(nationality))
            .application(application)
            .vote(&reject())
            .await
            .ok();
    }
    let closed = decide(&app, &board, application).await.created();
    assert_eq!(closed.status, DecisionStatus::Rejected);
}

async fn a_refused_organisation_does_not_block_the_reserve_list(app: TestApp) {
    let board = seat_board(&app).await;
    // No money yet: both approvals wait on the reserve list, the first ahead.
    let (_, first) = application_under_review(&app, "KE").await;
    approve_by_three(&app, &board, first, "30000.00").await;
    let (_, second) = application_under_review(&app, "KE").await;
    approve_by_three(&app, &board, second, "30000.00").await;
    for application in [first, second] {
        let decided = decide(&app, &board, application).await.created();
        assert_eq!(decided.status, DecisionStatus::ReserveList);
    }
    refuse_the_organisation_of(&app, &board, first).await;
    fund(&app, "100000.00").await;
    let before = balances(&app, &board).await;

    let secretariat = app.as_(&board.secretariat);
    secretariat
        .application(first)
        .award()
        .await
        .refused(422, "organization-refused");
    nothing_written(&app, &board, first, ApplicationState::ReserveList).await;
    assert_eq!(balances(&app, &board).await, before);

    // The refused organisation's place does not hold up the next in line.
    let awarded = secretariat.application(second).award().await.ok();
    assert_eq!(awarded.status, DecisionStatus::Approved);
}

/// A call open now with an envelope of 100,000.00 (grants of 10,000 to 60,000).
async fn call_of_100k(app: &TestApp) -> CallId {
    let secretariat = app.user(Role::Secretariat).await;
    app.as_(&secretariat)
        .calls()
        .publish(&CallRequest {
            title: short("Small call"),
            description: text("Direct assistance to victims."),
            envelope: usd("100000.00"),
            min_grant: usd("10000.00"),
            max_grant: usd("60000.00"),
            eligible_org_types: vec![OrgType::Ngo],
            priority_groups: vec![],
            priority_exploitation: vec![],
            ..bodies::call(-1, 30)
        })
        .await
        .created()
        .call
        .id
}

/// A Kenyan NGO's application for USD 48,000 under `call`, screened eligible.
async fn under_review_in(app: &TestApp, call: CallId) -> ApplicationId {
    let (applicant, _) = verified_organization(app, "KE").await;
    let mut lines = bodies::application(call).budget_lines;
    lines[0] = BudgetLine {
        amount: positive_usd("33000.00"),
        ..lines[0].clone()
    };
    let body = CreateApplicationRequest {
        requested: positive_usd("48000.00"),
        budget_lines: lines,
        ..bodies::application(call)
    };
    let as_applicant = app.as_(&applicant);
    let id = as_applicant.applications().create(&body).await.created().id;
    as_applicant.application(id).submit().await.ok();
    let secretariat = app.user(Role::Secretariat).await;
    app.as_(&secretariat)
        .application(id)
        .screen(&bodies::screen_eligible())
        .await
        .ok();
    id
}

async fn envelope_of(app: &TestApp, board: &Board, call: CallId) -> EnvelopeUse {
    app.as_(&board.secretariat)
        .calls()
        .get(call)
        .await
        .ok()
        .envelope_use
}

fn committed_and_left(committed: &str, remaining: &str) -> EnvelopeUse {
    EnvelopeUse {
        committed: usd(committed),
        remaining: usd(remaining),
    }
}

async fn a_call_never_awards_more_than_its_envelope(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "1000000.00").await;
    let call = call_of_100k(&app).await;
    assert_eq!(
        envelope_of(&app, &board, call).await,
        committed_and_left("0.00", "100000.00")
    );
    let mut applications = Vec::new();
    for amount in ["40000.00", "48000.00", "48000.00"] {
        let id = under_review_in(&app, call).await;
        approve_by_three(&app, &board, id, amount).await;
        applications.push(id);
    }
    for id in &applications[..2] {
        let decided = decide(&app, &board, *id).await.created();
        assert_eq!(decided.status, DecisionStatus::Approved);
    }
    assert_eq!(
        envelope_of(&app, &board, call).await,
        committed_and_left("88000.00", "12000.00")
    );
    let before = balances(&app, &board).await;

    // 88,000 + 48,000 would be 136,000 under an envelope of 100,000.
    decide(&app, &board, applications[2])
        .await
        .refused(422, "envelope-exhausted")
        .says("12000.00");
    nothing_written(&app, &board, applications[2], ApplicationState::UnderReview).await;
    assert_eq!(balances(&app, &board).await, before);

    // The application stays under review: the Board lowers the award to what is left.
    approve_by_three(&app, &board, applications[2], "12000.00").await;
    let decided = decide(&app, &board, applications[2]).await.created();
    assert_eq!(decided.status, DecisionStatus::Approved);
    assert_eq!(decided.award, Some(usd("12000.00")));
    assert_eq!(
        envelope_of(&app, &board, call).await,
        committed_and_left("100000.00", "0.00")
    );
}

async fn the_reserve_list_holds_its_place_in_the_envelope(app: TestApp) {
    let board = seat_board(&app).await;
    let call = call_of_100k(&app).await;
    // No money in the Fund: the first approval waits on the reserve list, and its award
    // already counts against the call.
    let first = under_review_in(&app, call).await;
    approve_by_three(&app, &board, first, "48000.00").await;
    let waiting = decide(&app, &board, first).await.created();
    assert_eq!(waiting.status, DecisionStatus::ReserveList);
    assert_eq!(
        envelope_of(&app, &board, call).await,
        committed_and_left("48000.00", "52000.00")
    );
    let second = under_review_in(&app, call).await;
    approve_by_three(&app, &board, second, "48000.00").await;
    let third = under_review_in(&app, call).await;
    approve_by_three(&app, &board, third, "10000.00").await;
    let waiting = decide(&app, &board, second).await.created();
    assert_eq!(waiting.status, DecisionStatus::ReserveList);
    decide(&app, &board, third)
        .await
        .refused(422, "envelope-exhausted");
    nothing_written(&app, &board, third, ApplicationState::UnderReview).await;

    fund(&app, "1000000.00").await;
    for id in [first, second] {
        let awarded = app
            .as_(&board.secretariat)
            .application(id)
            .award()
            .await
            .ok();
        assert_eq!(awarded.status, DecisionStatus::Approved);
    }
    assert_eq!(
        envelope_of(&app, &board, call).await,
        committed_and_left("96000.00", "4000.00")
    );
}
