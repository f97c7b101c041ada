//! Every transition records why (DOMAIN: who, when and why): a withdrawal needs its
//! reason, an ineligible screening at least one reason, and a vote its comment. Without
//! them the answer is a 400 naming the field, and nothing moves.

use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::scenarios::{seat_board, vote};

on_both_backends!(
    a_withdrawal_says_why,
    an_ineligible_screening_says_why,
    a_vote_says_why,
);

async fn a_withdrawal_says_why(app: TestApp) {
    let (applicant, id) = app.application_under_review("KE").await;
    let path = format!("/api/v1/applications/{id}");
    for body in [json!({}), json!({"reason": null}), json!({"reason": "   "})] {
        let refused = app
            .post(&applicant, &format!("{path}/withdraw"), body)
            .await
            .expect_problem(400, "validation");
        assert_eq!(refused.bad_fields(), vec!["reason"], "{}", refused.text);
    }
    let seen = app.get(&applicant, &path).await.expect(200);
    assert_eq!(seen.body["state"], "under_review");

    let withdrawn = app
        .post(
            &applicant,
            &format!("{path}/withdraw"),
            json!({"reason": "funded by another donor"}),
        )
        .await
        .expect(200);
    assert_eq!(withdrawn.body["state"], "withdrawn");
    let history = app
        .get(&applicant, &format!("{path}/history"))
        .await
        .expect(200);
    let last = history.body.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["to"], "withdrawn");
    assert_eq!(last["reason"], "funded by another donor");
}

fn unmet() -> Vec<trustfund::api::applications::ScreeningChecklistItem> {
    crate::support::bodies::checklist_unmet(
        trustfund::applications::Criterion::WithinMandate,
        "no aid to victims",
    )
}

async fn an_ineligible_screening_says_why(app: TestApp) {
    let (applicant, _) = app.verified_applicant().await;
    let call = app.open_call().await;
    let id = app
        .post(
            &applicant,
            "/api/v1/applications",
            crate::helpers::application(&call),
        )
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/api/v1/applications/{id}");
    app.post(&applicant, &format!("{path}/submit"), json!({}))
        .await
        .expect(200);
    let secretariat = app.user(Role::Secretariat).await;
    for body in [
        json!({"eligible": false, "checklist": unmet()}),
        json!({"eligible": false, "reasons": [], "checklist": unmet()}),
        json!({"eligible": false, "reasons": [""], "checklist": unmet()}),
    ] {
        let refused = app
            .post(&secretariat, &format!("{path}/screening"), body)
            .await
            .expect_problem(400, "validation");
        let fields = refused.bad_fields();
        assert!(
            fields.iter().all(|f| f.starts_with("reasons")) && !fields.is_empty(),
            "{}",
            refused.text
        );
    }
    let seen = app.get(&secretariat, &path).await.expect(200);
    assert_eq!(seen.body["state"], "submitted");
}

async fn a_vote_says_why(app: TestApp) {
    let board = seat_board(&app).await;
    let (_, id) = app.application_under_review("KE").await;
    let path = format!("/api/v1/applications/{id}/votes");
    let trustee = board.trustee("GH");
    for body in [
        json!({"vote": "reject"}),
        json!({"vote": "reject", "comment": null}),
        json!({"vote": "abstain", "comment": " \n "}),
        json!({"vote": "approve", "recommended": {"amount": "30000.00", "currency": "USD"}}),
    ] {
        let refused = app
            .post(trustee, &path, body)
            .await
            .expect_problem(400, "validation");
        assert_eq!(refused.bad_fields(), vec!["comment"], "{}", refused.text);
    }
    let votes = app.get(trustee, &path).await.expect(200);
    assert!(votes.body["votes"].as_array().unwrap().is_empty());

    // With a comment the vote counts, and the comment is what the Board reads.
    vote(&app, trustee, &id, "reject", None).await.expect(200);
    let votes = app.get(trustee, &path).await.expect(200);
    assert_eq!(votes.body["votes"][0]["comment"], "considered");
}
