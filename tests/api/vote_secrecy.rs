//! Independent votes: while voting is open a trustee reads the others' votes only after
//! casting their own; a recused trustee not at all; once the decision is recorded every
//! trustee reads them all; staff and auditors always.

use trustfund::auth::Role;
use trustfund::domain::ApplicationId;
use trustfund::voting::{Ballot, VotesView};

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{approve, reject};
use crate::support::scenarios::{application_under_review, seat_board, Board};

on_both_backends!(
    before_their_own_vote_a_trustee_reads_only_a_count,
    after_their_own_vote_a_trustee_reads_every_vote,
    a_recused_trustee_does_not_read_the_others_while_open,
    after_the_decision_every_trustee_reads_every_vote,
    secretariat_and_auditors_always_read_every_vote,
);

async fn votes(app: &TestApp, who: &TestUser, id: ApplicationId) -> VotesView {
    app.as_(who).application(id).votes().await.ok()
}

/// Ghana approves, Japan rejects: two votes cast, Poland, Brazil and France not yet.
async fn two_votes_cast(app: &TestApp) -> (Board, ApplicationId) {
    let board = seat_board(app).await;
    let (_, id) = application_under_review(app, "KE").await;
    app.as_(board.trustee("GH"))
        .application(id)
        .vote(&approve("30000.00"))
        .await
        .ok();
    app.as_(board.trustee("JP"))
        .application(id)
        .vote(&reject())
        .await
        .ok();
    (board, id)
}

fn assert_sealed(view: &VotesView, cast: usize) {
    assert!(view.sealed);
    assert_eq!(view.votes_cast, cast);
    assert_eq!((view.approve, view.reject, view.abstain), (0, 0, 0));
}

fn assert_open_to_all(view: &VotesView, cast: usize) {
    assert!(!view.sealed);
    assert_eq!(view.votes_cast, cast);
    assert_eq!(view.votes.len(), cast);
}

async fn before_their_own_vote_a_trustee_reads_only_a_count(app: TestApp) {
    let (board, id) = two_votes_cast(&app).await;
    let poland = votes(&app, board.trustee("PL"), id).await;
    assert_sealed(&poland, 2);
    assert!(poland.votes.is_empty());
    assert!(poland.recusals.is_empty());
    assert_eq!(poland.eligible, 5);
    // Nothing of the others leaks into the JSON: no amount, no name, no choice.
    let raw = serde_json::to_string(&poland).expect("json");
    assert!(!raw.contains("30000"), "{raw}");
    assert!(!raw.contains("approve\":\""), "{raw}");
}

async fn after_their_own_vote_a_trustee_reads_every_vote(app: TestApp) {
    let (board, id) = two_votes_cast(&app).await;
    // The vote's own answer shows every vote, and so does the list after.
    let answer = app
        .as_(board.trustee("PL"))
        .application(id)
        .vote(&approve("25000.00"))
        .await
        .ok();
    assert_open_to_all(&answer, 3);
    assert_eq!((answer.approve, answer.reject), (2, 1));
    let poland = votes(&app, board.trustee("PL"), id).await;
    assert_open_to_all(&poland, 3);
    assert!(poland
        .votes
        .iter()
        .any(|v| v.vote == Ballot::Reject && v.appointment_id == board.appointment("JP")));
    // Ghana voted first: it reads the later votes too.
    assert_open_to_all(&votes(&app, board.trustee("GH"), id).await, 3);
    // Brazil has not voted: still a count only.
    assert_sealed(&votes(&app, board.trustee("BR"), id).await, 3);
}

async fn a_recused_trustee_does_not_read_the_others_while_open(app: TestApp) {
    let (board, id) = two_votes_cast(&app).await;
    let france = board.trustee("FR");
    app.as_(france)
        .application(id)
        .vote(&approve("30000.00"))
        .await
        .ok();
    // Declaring a conflict withdraws the vote: the trustee takes no part any more.
    let declared = app
        .as_(france)
        .application(id)
        .declare_conflict(&serde_json::json!({"reason": "I sit on its advisory council"}))
        .await
        .created();
    assert_sealed(&declared, 2);
    assert!(declared.votes.is_empty());
    assert_eq!(declared.recusals.len(), 1);
    assert_eq!(declared.recusals[0].appointment_id, board.appointment("FR"));
    let france_reads = votes(&app, france, id).await;
    assert_sealed(&france_reads, 2);
    assert!(france_reads.votes.is_empty());
    // Recused by nationality: a Ghanaian application, read by the Ghanaian trustee.
    let (_, ghanaian) = application_under_review(&app, "GH").await;
    app.as_(board.trustee("JP"))
        .application(ghanaian)
        .vote(&reject())
        .await
        .ok();
    let ghana = votes(&app, board.trustee("GH"), ghanaian).await;
    assert_sealed(&ghana, 1);
    assert!(ghana.votes.is_empty());
    assert_eq!(ghana.recusals.len(), 1);
    assert_eq!(ghana.recusals[0].appointment_id, board.appointment("GH"));
}

async fn after_the_decision_every_trustee_reads_every_vote(app: TestApp) {
    let (board, id) = two_votes_cast(&app).await;
    // A rejection: always recorded, whatever money the Fund holds.
    app.as_(board.trustee("PL"))
        .application(id)
        .vote(&reject())
        .await
        .ok();
    app.as_(board.trustee("FR"))
        .application(id)
        .declare_conflict(&serde_json::json!({"reason": "a relative works there"}))
        .await
        .created();
    app.as_(&board.secretariat)
        .application(id)
        .decide()
        .await
        .created();
    // Whether they voted (GH), did not (BR) or were recused (FR).
    for nationality in ["GH", "JP", "PL", "BR", "FR"] {
        let view = votes(&app, board.trustee(nationality), id).await;
        assert_open_to_all(&view, 3);
        assert_eq!((view.approve, view.reject), (1, 2), "{nationality}");
        assert_eq!(view.recusals.len(), 1, "{nationality}");
    }
}

async fn secretariat_and_auditors_always_read_every_vote(app: TestApp) {
    let board = seat_board(&app).await;
    let (_, id) = application_under_review(&app, "KE").await;
    let auditor = app.user(Role::Auditor).await;
    let staff = [&board.secretariat, &auditor];
    for who in staff {
        let view = votes(&app, who, id).await;
        assert_open_to_all(&view, 0);
    }
    app.as_(board.trustee("GH"))
        .application(id)
        .vote(&approve("30000.00"))
        .await
        .ok();
    app.as_(board.trustee("JP"))
        .application(id)
        .declare_conflict(&serde_json::json!({"reason": "a relative works there"}))
        .await
        .created();
    for who in staff {
        let view = votes(&app, who, id).await;
        assert_open_to_all(&view, 1);
        assert_eq!(view.approve, 1);
        assert_eq!(view.votes[0].appointment_id, board.appointment("GH"));
        assert_eq!(view.recusals.len(), 1);
    }
}
