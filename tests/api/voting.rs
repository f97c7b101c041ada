//! Board votes: quorum, majority, abstentions, the chair's tie-break, the median award,
//! recusals, trustees out of term, the reserve list, and two decisions racing for money.

use trustfund::api::board::EndAppointmentRequest;
use trustfund::api::voting::{ConflictRequest, VoteRequest};
use trustfund::applications::ApplicationState;
use trustfund::auth::Role;
use trustfund::board::EndReason;
use trustfund::domain::ApplicationId;
use trustfund::voting::{DecisionStatus, DecisionView};

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::{self, abstain, approve, reject, today};
use crate::support::grants::{check_ok, fund_balances};
use crate::support::resources::ALL;
use crate::support::scenarios::{
    application_under_review, approved_by_three, demo_user, demo_wider_call, fund, load_demo,
    open_call, seat_board, verified_organization, Board,
};
use crate::support::{text, usd};

on_both_backends!(
    a_quorum_of_approvals_awards_the_median_and_commits_it,
    the_median_of_an_even_number_is_the_lower_middle,
    abstentions_count_for_quorum_not_majority,
    a_tie_goes_to_the_chair_or_stays_open,
    recusals_automatic_and_declared,
    too_few_trustees_who_can_vote_is_quorum_impossible,
    a_trustee_out_of_term_cannot_vote,
    votes_are_hidden_from_the_applicant_and_closed_after_decision,
    short_money_goes_to_the_reserve_list_and_is_awarded_in_order,
    two_decisions_racing_for_the_last_money_never_both_win,
    a_retried_decision_is_recorded_once,
    the_demo_board_has_decided_each_way,
);

fn conflict(reason: &str) -> ConflictRequest {
    ConflictRequest {
        reason: text(reason),
    }
}

async fn decide(app: &TestApp, board: &Board, application: ApplicationId) -> DecisionView {
    app.as_(&board.secretariat)
        .application(application)
        .decide()
        .await
        .created()
}

/// The Fund's balances as the secretariat reads them.
async fn balances(app: &TestApp, board: &Board) -> trustfund::ledger::Balances {
    fund_balances(app, &board.secretariat).await
}

async fn a_quorum_of_approvals_awards_the_median_and_commits_it(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let (applicant, application) = application_under_review(&app, "KE").await;
    let on = |nationality: &str| app.as_(board.trustee(nationality)).application(application);

    on("GH").vote(&approve("20000.00")).await.ok();
    on("JP").vote(&approve("40000.00")).await.ok();
    app.as_(&board.secretariat)
        .application(application)
        .decide()
        .await
        .refused(422, "quorum-not-met")
        .says("2 vote");
    // A trustee may change a vote until the decision.
    on("PL").vote(&reject()).await.ok();
    let votes = on("PL").vote(&approve("30000.00")).await.ok();
    assert_eq!((votes.approve, votes.reject), (3, 0));

    let decision = decide(&app, &board, application).await;
    assert_eq!(decision.status, DecisionStatus::Approved);
    assert_eq!(decision.award, Some(usd("30000.00")));
    // 13% programme support cost, committed on top of the award.
    assert_eq!(decision.programme_support_cost, Some(usd("3900.00")));
    let grant_id = decision.grant_id.expect("a grant");

    let as_applicant = app.as_(&applicant);
    let grant = as_applicant.grants().get(grant_id).await.ok();
    assert_eq!(grant.award, usd("30000.00"));
    assert_eq!(grant.committed, usd("33900.00"));
    assert_eq!(grant.remaining, usd("30000.00"));
    assert_eq!(grant.application_id, application);
    assert_eq!(as_applicant.grants().list(ALL).await.ok().items.len(), 1);

    let fund = balances(&app, &board).await;
    assert_eq!(fund.cash, usd("100000.00"));
    assert_eq!(fund.commitments_outstanding, usd("33900.00"));
    assert_eq!(fund.available, usd("66100.00"));

    let state = as_applicant.application(application).get().await.ok();
    assert_eq!(state.state, ApplicationState::Approved);
    // Another organisation's applicant cannot see the grant.
    let (stranger, _) = verified_organization(&app, "KE").await;
    let as_stranger = app.as_(&stranger);
    as_stranger
        .grants()
        .get(grant_id)
        .await
        .refused(404, "not-found");
    assert!(as_stranger.grants().list(ALL).await.ok().items.is_empty());

    let admin = app.user(Role::Admin).await;
    let trail = app.as_(&admin).audit().list(&[("limit", "200")]).await.ok();
    let actions: Vec<&str> = trail.items.iter().map(|e| e.action.as_str()).collect();
    for action in [
        "vote.cast",
        "vote.changed",
        "decision.recorded",
        "grant.created",
    ] {
        assert!(
            actions.contains(&action),
            "{action} missing from {actions:?}"
        );
    }
    let auditor = app.user(Role::Auditor).await;
    check_ok(&app, &auditor).await;
}

async fn the_median_of_an_even_number_is_the_lower_middle(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let (_, application) = application_under_review(&app, "KE").await;
    for (nationality, amount) in [
        ("GH", "45000.00"),
        ("JP", "20000.00"),
        ("PL", "40000.00"),
        ("BR", "25000.00"),
    ] {
        app.as_(board.trustee(nationality))
            .application(application)
            .vote(&approve(amount))
            .await
            .ok();
    }
    app.as_(board.trustee("FR"))
        .application(application)
        .vote(&reject())
        .await
        .ok();
    let decision = decide(&app, &board, application).await;
    assert_eq!(decision.award, Some(usd("25000.00")));
    assert_eq!((decision.approve, decision.reject), (4, 1));
}

async fn abstentions_count_for_quorum_not_majority(app: TestApp) {
    let board = seat_board(&app).await;
    let (applicant, application) = application_under_review(&app, "KE").await;
    for (nationality, vote) in [("GH", abstain()), ("JP", abstain()), ("PL", reject())] {
        app.as_(board.trustee(nationality))
            .application(application)
            .vote(&vote)
            .await
            .ok();
    }
    let decision = decide(&app, &board, application).await;
    assert_eq!(decision.status, DecisionStatus::Rejected);
    assert_eq!(decision.abstain, 2);
    assert_eq!(decision.award, None);
    let state = app
        .as_(&applicant)
        .application(application)
        .get()
        .await
        .ok();
    assert_eq!(state.state, ApplicationState::Rejected);
}

async fn a_tie_goes_to_the_chair_or_stays_open(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let (_, application) = application_under_review(&app, "KE").await;
    let on = |nationality: &str| app.as_(board.trustee(nationality)).application(application);
    let secretariat = app.as_(&board.secretariat);
    on("GH").vote(&approve("35000.00")).await.ok();
    on("JP").vote(&reject()).await.ok();
    on("PL").vote(&abstain()).await.ok();
    // No chair yet: the tie stays open.
    secretariat
        .application(application)
        .decide()
        .await
        .refused(422, "tie-unresolved");
    // The chair abstained: still open.
    secretariat
        .board()
        .designate_chair(&bodies::chair_designation(
            board.appointment("PL").as_uuid(),
            today(),
            bodies::days_from_today(300),
        ))
        .await
        .created();
    secretariat
        .application(application)
        .decide()
        .await
        .refused(422, "tie-unresolved");
    // The chair votes to approve: the tie is broken their way.
    on("PL").vote(&approve("25000.00")).await.ok();
    on("BR").vote(&reject()).await.ok();
    let decision = decide(&app, &board, application).await;
    assert_eq!(decision.status, DecisionStatus::Approved);
    assert!(decision.by_chair);
    assert_eq!(decision.award, Some(usd("25000.00")));
}

async fn recusals_automatic_and_declared(app: TestApp) {
    let board = seat_board(&app).await;
    // An NGO registered in Ghana: the Ghanaian trustee is recused automatically.
    let (_, application) = application_under_review(&app, "GH").await;
    let on = |nationality: &str| app.as_(board.trustee(nationality)).application(application);
    on("GH")
        .vote(&approve("30000.00"))
        .await
        .refused(422, "recused")
        .says("GH");

    // The French trustee votes, then declares a conflict: the vote is withdrawn.
    on("FR").vote(&approve("30000.00")).await.ok();
    let after = on("FR")
        .declare_conflict(&conflict("I sit on the NGO's advisory council"))
        .await
        .created();
    assert_eq!(after.approve, 0);
    assert!(after.votes.is_empty());
    on("FR").vote(&reject()).await.refused(422, "recused");
    on("FR")
        .declare_conflict(&conflict("again"))
        .await
        .refused(409, "conflict");

    // Every recusal, as the secretariat reads it (a trustee who has not voted reads only
    // their own).
    let votes = app
        .as_(&board.secretariat)
        .application(application)
        .votes()
        .await
        .ok();
    assert_eq!(votes.eligible, 3);
    assert_eq!(votes.recusals.len(), 2);
    let declared: Vec<bool> = votes.recusals.iter().map(|r| r.declared).collect();
    assert!(declared.contains(&true) && declared.contains(&false));
}

async fn too_few_trustees_who_can_vote_is_quorum_impossible(app: TestApp) {
    let board = seat_board(&app).await;
    let (_, application) = application_under_review(&app, "KE").await;
    let on = |nationality: &str| app.as_(board.trustee(nationality)).application(application);
    for nationality in ["GH", "JP", "PL"] {
        on(nationality)
            .declare_conflict(&conflict("a family member works there"))
            .await
            .created();
    }
    on("BR").vote(&approve("30000.00")).await.ok();
    on("FR").vote(&approve("30000.00")).await.ok();
    app.as_(&board.secretariat)
        .application(application)
        .decide()
        .await
        .refused(422, "quorum-impossible")
        .says("only 2");
}

async fn a_trustee_out_of_term_cannot_vote(app: TestApp) {
    let board = seat_board(&app).await;
    let (_, application) = application_under_review(&app, "KE").await;
    app.as_(&board.secretariat)
        .appointment(board.appointment("BR"))
        .end(&EndAppointmentRequest {
            ended_on: today(),
            reason: EndReason::Resignation,
            note: Some(text("personal reasons")),
        })
        .await
        .ok();
    let unseated = app.user(Role::Trustee).await;
    for (who, status, name) in [
        (board.trustee("BR"), 422, "not-an-active-trustee"),
        // A trustee account with no appointment at all cannot vote either.
        (&unseated, 422, "not-an-active-trustee"),
        // Other roles cannot vote.
        (&board.secretariat, 403, "forbidden"),
    ] {
        app.as_(who)
            .application(application)
            .vote(&reject())
            .await
            .refused(status, name);
    }
}

async fn votes_are_hidden_from_the_applicant_and_closed_after_decision(app: TestApp) {
    let board = seat_board(&app).await;
    let (applicant, application) = application_under_review(&app, "KE").await;
    let on = |nationality: &str| app.as_(board.trustee(nationality)).application(application);
    for nationality in ["GH", "JP", "PL"] {
        on(nationality).vote(&reject()).await.ok();
    }
    app.as_(&applicant)
        .application(application)
        .votes()
        .await
        .refused(403, "forbidden");
    let staff = app
        .as_(&board.secretariat)
        .application(application)
        .votes()
        .await
        .ok();
    assert_eq!(staff.reject, 3);
    // Bad votes are refused with the field named.
    let no_amount = VoteRequest {
        recommended: None,
        ..approve("1.00")
    };
    let bad = on("BR").vote(&no_amount).await.refused(400, "validation");
    assert_eq!(bad.fields(), vec!["recommended"]);
    let bad = on("BR")
        .vote(&approve("90000.00"))
        .await
        .refused(422, "recommended-out-of-range");
    assert_eq!(bad.fields(), vec!["recommended"]);
    on("BR")
        .vote(&approve("50000.00"))
        .await
        .refused(422, "recommended-out-of-range");

    decide(&app, &board, application).await;
    on("BR").vote(&reject()).await.refused(409, "conflict");
    app.as_(&board.secretariat)
        .application(application)
        .decide()
        .await
        .refused(409, "conflict");
    // A draft is invisible to trustees.
    let call = open_call(&app).await;
    let draft = app
        .as_(&applicant)
        .applications()
        .create(&bodies::application(call))
        .await;
    if draft.status() == 201 {
        let id = draft.created().id;
        app.as_(board.trustee("GH"))
            .application(id)
            .vote(&reject())
            .await
            .refused(404, "not-found");
    }
}

async fn short_money_goes_to_the_reserve_list_and_is_awarded_in_order(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "40000.00").await;
    let mut applications = Vec::new();
    for _ in 0..3 {
        applications.push(approved_by_three(&app, &board).await);
    }
    // 30,000 + 3,900 fits in 40,000 once; the next two wait on the reserve list.
    assert_eq!(
        decide(&app, &board, applications[0]).await.status,
        DecisionStatus::Approved
    );
    let second = decide(&app, &board, applications[1]).await;
    assert_eq!(second.status, DecisionStatus::ReserveList);
    assert_eq!(second.grant_id, None);
    assert_eq!(second.award, Some(usd("30000.00")));
    assert_eq!(
        decide(&app, &board, applications[2]).await.status,
        DecisionStatus::ReserveList
    );

    let secretariat = app.as_(&board.secretariat);
    let award = |i: usize| secretariat.application(applications[i]).award();
    award(1).await.refused(422, "insufficient-funds");
    fund(&app, "30000.00").await;
    // In the order of decision: the third cannot jump the queue.
    award(2).await.refused(422, "reserve-order");
    let awarded = award(1).await.ok();
    assert_eq!(awarded.status, DecisionStatus::Approved);
    assert!(awarded.grant_id.is_some());
    award(1).await.refused(409, "conflict");
    award(2).await.refused(422, "insufficient-funds");

    assert_eq!(
        balances(&app, &board).await.commitments_outstanding,
        usd("67800.00")
    );
    assert_eq!(balances(&app, &board).await.available, usd("2200.00"));
}

async fn two_decisions_racing_for_the_last_money_never_both_win(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "40000.00").await;
    let mut applications = Vec::new();
    for _ in 0..2 {
        applications.push(approved_by_three(&app, &board).await);
    }
    // One decision through this instance, the other through a second instance on the same
    // database, at the same time.
    let other = app.another_instance().await;
    let here = app.as_(&board.secretariat);
    let there = here.at(&other);
    let (a, b) = tokio::join!(
        here.application(applications[0]).decide(),
        there.application(applications[1]).decide()
    );
    let mut statuses = vec![a.created().status, b.created().status];
    statuses.sort_by_key(|s| s.as_str());
    assert_eq!(
        statuses,
        vec![DecisionStatus::Approved, DecisionStatus::ReserveList]
    );
    assert_eq!(
        balances(&app, &board).await.commitments_outstanding,
        usd("33900.00")
    );
    assert_eq!(balances(&app, &board).await.available, usd("6100.00"));
}

async fn a_retried_decision_is_recorded_once(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let application = approved_by_three(&app, &board).await;
    let secretariat = app
        .as_(&board.secretariat)
        .with_idempotency_key("decision-2026-11-29-001");
    let first = secretariat.application(application).decide().await.raw();
    let retry = secretariat.application(application).decide().await.raw();
    let (first, retry) = (first.expect(201), retry.expect(201));
    assert_eq!(first.body, retry.body);
    assert_eq!(retry.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(
        balances(&app, &board).await.commitments_outstanding,
        usd("33900.00")
    );
    let finance = app.user(Role::Finance).await;
    assert_eq!(
        app.as_(&finance).grants().list(ALL).await.ok().items.len(),
        1
    );
}

async fn the_demo_board_has_decided_each_way(app: TestApp) {
    for _ in 0..2 {
        load_demo(&app).await;
    }
    let secretariat = demo_user(&app, Role::Secretariat).await;
    let as_secretariat = app.as_(&secretariat);
    let list = as_secretariat
        .applications()
        .list(&[("limit", "100")])
        .await
        .ok()
        .items;
    for state in [
        ApplicationState::Approved,
        ApplicationState::Rejected,
        ApplicationState::ReserveList,
        ApplicationState::UnderReview,
    ] {
        assert!(
            list.iter().any(|a| a.state == state),
            "{state:?} missing from {list:?}"
        );
    }
    // The Board session's approval and the six of the grants-at-work round (money out's
    // stages), each once; the wider picture's round (for the Fund's reports) aside.
    let wider = demo_wider_call(&app, &secretariat).await;
    let approved = list
        .iter()
        .filter(|a| a.state == ApplicationState::Approved && Some(a.call_id) != wider)
        .count();
    assert_eq!(approved, 7, "loaded once");
    let grants = as_secretariat
        .grants()
        .list(&[("limit", "100")])
        .await
        .ok()
        .items;
    let grants = grants.iter().filter(|g| Some(g.call_id) != wider).count();
    assert_eq!(grants, 7);
    // The application still under review in the open call has votes, short of a quorum.
    let mut voted = 0;
    for pending in list
        .iter()
        .filter(|a| a.state == ApplicationState::UnderReview)
    {
        let votes = as_secretariat.application(pending.id).votes().await.ok();
        voted += votes.votes.len();
    }
    assert_eq!(voted, 2);
    // The reserve list waits for the secretariat, and the money is there now.
    let waiting = list
        .iter()
        .find(|a| a.state == ApplicationState::ReserveList)
        .unwrap();
    let awarded = as_secretariat.application(waiting.id).award().await.ok();
    assert_eq!(awarded.status, DecisionStatus::Approved);
    let auditor = demo_user(&app, Role::Auditor).await;
    let as_auditor = app.as_(&auditor);
    assert!(as_auditor.audit().verify().await.ok().valid);
    check_ok(&app, &auditor).await;
}
