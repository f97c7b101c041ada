//! Every transition records why (DOMAIN: who, when and why): a withdrawal needs its
//! reason, an ineligible screening at least one reason, and a vote its comment. Without
//! them the answer is a 400 naming the field, and nothing moves.
//!
//! The refused bodies are JSON: a reason or a comment missing, null or blank is what they
//! send, and the crate's request types cannot hold one so.

use serde_json::json;
use trustfund::applications::{ApplicationState, Criterion};
use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::{self, checklist_unmet, withdrawal};
use crate::support::scenarios::{
    application_under_review, open_call, seat_board, verified_organization,
};

on_both_backends!(
    a_withdrawal_says_why,
    an_ineligible_screening_says_why,
    a_vote_says_why,
);

async fn a_withdrawal_says_why(app: TestApp) {
    let (applicant, id) = application_under_review(&app, "KE").await;
    let application = || app.as_(&applicant).application(id);
    for body in [json!({}), json!({"reason": null}), json!({"reason": "   "})] {
        let refused = application()
            .withdraw(&body)
            .await
            .refused(400, "validation");
        assert_eq!(refused.fields(), vec!["reason"], "{refused:?}");
    }
    let seen = application().get().await.ok();
    assert_eq!(seen.state, ApplicationState::UnderReview);

    let withdrawn = application()
        .withdraw(&withdrawal("funded by another donor"))
        .await
        .ok();
    assert_eq!(withdrawn.state, ApplicationState::Withdrawn);
    let history = application().history().await.ok();
    let last = history.last().expect("a history");
    assert_eq!(last.to, ApplicationState::Withdrawn);
    assert_eq!(last.reason.as_deref(), Some("funded by another donor"));
}

fn unmet() -> Vec<trustfund::api::applications::ScreeningChecklistItem> {
    checklist_unmet(Criterion::WithinMandate, "no aid to victims")
}

async fn an_ineligible_screening_says_why(app: TestApp) {
    let (applicant, _) = verified_organization(&app, "KE").await;
    let call = open_call(&app).await;
    let as_applicant = app.as_(&applicant);
    let id = as_applicant
        .applications()
        .create(&bodies::application(call))
        .await
        .created()
        .id;
    as_applicant.application(id).submit().await.ok();
    let secretariat = app.user(Role::Secretariat).await;
    let application = || app.as_(&secretariat).application(id);
    for body in [
        json!({"eligible": false, "checklist": unmet()}),
        json!({"eligible": false, "reasons": [], "checklist": unmet()}),
        json!({"eligible": false, "reasons": [""], "checklist": unmet()}),
    ] {
        let refused = application().screen(&body).await.refused(400, "validation");
        let fields = refused.fields();
        assert!(
            fields.iter().all(|f| f.starts_with("reasons")) && !fields.is_empty(),
            "{refused:?}"
        );
    }
    let seen = application().get().await.ok();
    assert_eq!(seen.state, ApplicationState::Submitted);
}

async fn a_vote_says_why(app: TestApp) {
    let board = seat_board(&app).await;
    let (_, id) = application_under_review(&app, "KE").await;
    let trustee = board.trustee("GH");
    let application = || app.as_(trustee).application(id);
    for body in [
        json!({"vote": "reject"}),
        json!({"vote": "reject", "comment": null}),
        json!({"vote": "abstain", "comment": " \n "}),
        json!({"vote": "approve", "recommended": {"amount": "30000.00", "currency": "USD"}}),
    ] {
        let refused = application().vote(&body).await.refused(400, "validation");
        assert_eq!(refused.fields(), vec!["comment"], "{refused:?}");
    }
    let votes = application().votes().await.ok();
    assert!(votes.votes.is_empty(), "{votes:?}");

    // With a comment the vote counts, and the comment is what the Board reads.
    application().vote(&bodies::reject()).await.ok();
    let votes = application().votes().await.ok();
    assert_eq!(votes.votes[0].comment, "considered");
}
