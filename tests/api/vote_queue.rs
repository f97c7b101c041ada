//! A trustee's queue (`GET /api/v1/applications?awaiting_my_vote=true`): what the caller
//! may still vote on. Under review, seated today, not recused (declared or by
//! nationality), not yet voted; for anyone with no vote to cast, an empty list.

use trustfund::auth::Role;
use trustfund::domain::ApplicationId;
use trustfund::voting::Ballot;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{approve, text};
use crate::support::scenarios::{application_under_review, seat_board, submitted_application};

on_both_backends!(
    a_trustee_sees_what_waits_for_their_vote,
    the_queue_pages_like_every_list,
    who_has_no_vote_has_an_empty_queue,
);

const QUEUE: &[(&str, &str)] = &[("awaiting_my_vote", "true")];

async fn queue(app: &TestApp, who: &TestUser) -> Vec<ApplicationId> {
    let page = app.as_(who).applications().list(QUEUE).await.ok();
    page.items.into_iter().map(|a| a.id).collect()
}

async fn a_trustee_sees_what_waits_for_their_vote(app: TestApp) {
    let board = seat_board(&app).await;
    let (_, first) = application_under_review(&app, "KE").await;
    let (_, second) = application_under_review(&app, "KE").await;
    // Registered in France: the French trustee is recused by nationality.
    let (_, french) = application_under_review(&app, "FR").await;
    // Not yet passed to the Board.
    submitted_application(&app, "KE").await;

    let ghana = board.trustee("GH");
    assert_eq!(queue(&app, ghana).await, vec![french, second, first]);
    assert_eq!(queue(&app, board.trustee("FR")).await, vec![second, first]);

    // A vote takes it off the voter's queue, not the others'.
    app.as_(ghana)
        .application(first)
        .vote(&approve("30000.00"))
        .await
        .ok();
    assert_eq!(queue(&app, ghana).await, vec![french, second]);
    assert_eq!(
        queue(&app, board.trustee("JP")).await,
        vec![french, second, first]
    );
    // So does a declared conflict.
    app.as_(ghana)
        .application(second)
        .declare_conflict(&serde_json::json!({"reason": "I sat on its board"}))
        .await
        .created();
    assert_eq!(queue(&app, ghana).await, vec![french]);

    // Decided, it leaves every queue.
    for nationality in ["JP", "PL"] {
        app.as_(board.trustee(nationality))
            .application(first)
            .vote(&trustfund::api::voting::VoteRequest {
                vote: Ballot::Reject,
                recommended: None,
                comment: text("weak budget"),
            })
            .await
            .ok();
    }
    app.as_(board.trustee("BR"))
        .application(first)
        .vote(&trustfund::api::voting::VoteRequest {
            vote: Ballot::Reject,
            recommended: None,
            comment: text("weak budget"),
        })
        .await
        .ok();
    app.as_(&board.secretariat)
        .application(first)
        .decide()
        .await
        .created();
    assert_eq!(queue(&app, board.trustee("FR")).await, vec![second]);

    // Other filters still apply, and a state other than under review holds nothing.
    let asked = [("awaiting_my_vote", "true"), ("state", "approved")];
    let page = app.as_(ghana).applications().list(&asked).await.ok();
    assert!(page.items.is_empty());
    let asked = [("awaiting_my_vote", "true"), ("country", "UG")];
    let page = app.as_(ghana).applications().list(&asked).await.ok();
    assert_eq!(page.items.len(), 1);
    // `false` narrows nothing.
    let asked = [("awaiting_my_vote", "false"), ("state", "under_review")];
    let page = app.as_(ghana).applications().list(&asked).await.ok();
    assert_eq!(page.items.len(), 2);
}

async fn the_queue_pages_like_every_list(app: TestApp) {
    let board = seat_board(&app).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(application_under_review(&app, "KE").await.1);
    }
    let ghana = board.trustee("GH");
    // Voted on the newest: the pages hold the other two, one at a time.
    app.as_(ghana)
        .application(ids[2])
        .vote(&approve("30000.00"))
        .await
        .ok();
    let asked = [("awaiting_my_vote", "true"), ("limit", "1")];
    let page = app.as_(ghana).applications().list(&asked).await.ok();
    assert_eq!(
        page.items.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![ids[1]]
    );
    let cursor = page.next_cursor.expect("another page");
    let asked = [
        ("awaiting_my_vote", "true"),
        ("limit", "1"),
        ("cursor", cursor.as_str()),
    ];
    let page = app.as_(ghana).applications().list(&asked).await.ok();
    assert_eq!(
        page.items.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![ids[0]]
    );
    assert!(page.next_cursor.is_none());
}

async fn who_has_no_vote_has_an_empty_queue(app: TestApp) {
    seat_board(&app).await;
    let (applicant, _) = application_under_review(&app, "KE").await;
    // A trustee's account linked to no appointment sitting today.
    let unseated = app.user(Role::Trustee).await;
    let mut nobody = vec![unseated, applicant];
    for role in [Role::Admin, Role::Secretariat, Role::Finance, Role::Auditor] {
        nobody.push(app.user(role).await);
    }
    for who in &nobody {
        let page = app.as_(who).applications().list(QUEUE).await.ok();
        assert!(page.items.is_empty(), "{:?}", who.role);
        assert!(page.next_cursor.is_none());
    }
    assert_eq!(
        app.anonymous().applications().list(QUEUE).await.status(),
        401
    );
    // Not a boolean: a 400 naming the field.
    let asked = [("awaiting_my_vote", "yes")];
    let problem = app
        .as_(&nobody[0])
        .applications()
        .list(&asked)
        .await
        .refused(400, "validation");
    assert!(
        problem.fields().contains(&"awaiting_my_vote"),
        "{problem:?}"
    );
}
