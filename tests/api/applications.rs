//! Applications: from draft to screening, with the history of every move.

use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{application, TestApp};
use crate::on_both_backends;
use crate::support::bodies::{checklist_all_met, checklist_unmet};
use trustfund::applications::Criterion;

on_both_backends!(
    a_draft_is_edited_submitted_and_passed_to_the_board,
    screening_can_find_an_application_ineligible,
    an_application_can_be_withdrawn_until_a_decision,
    lists_filter_by_call_state_organisation_and_country,
);

fn states(view: &serde_json::Value) -> Vec<(String, String)> {
    view["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["from"].as_str().unwrap_or("-").to_string(),
                t["to"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn a_draft_is_edited_submitted_and_passed_to_the_board(app: TestApp) {
    let (applicant, org) = app.verified_applicant().await;
    let call = app.open_call().await;
    let draft = app
        .post(&applicant, "/api/v1/applications", application(&call))
        .await
        .expect(201);
    assert_eq!(draft.body["state"], "draft");
    assert_eq!(draft.body["organization_id"], org.to_string());
    assert_eq!(
        draft.body["requested"],
        json!({"amount": "45000.00", "currency": "USD"})
    );
    assert_eq!(
        draft.body["beneficiaries"][0],
        json!({"sex": "female", "age_group": "child", "count": 40})
    );
    let id = draft.body["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/applications/{id}");

    let edited = app
        .patch(
            &applicant,
            &path,
            json!({"title": "Shelter, legal aid and return", "duration_months": 18}),
        )
        .await
        .expect(200);
    assert_eq!(edited.body["title"], "Shelter, legal aid and return");
    assert_eq!(edited.body["duration_months"], 18);
    assert_eq!(edited.body["countries"], json!(["KE", "UG"]));
    let bad = app
        .patch(&applicant, &path, json!({"countries": []}))
        .await
        .expect_problem(400, "validation");
    assert_eq!(bad.bad_fields(), vec!["countries"]);

    let submitted = app
        .post(&applicant, &format!("{path}/submit"), json!({}))
        .await
        .expect(200);
    assert_eq!(submitted.body["state"], "submitted");
    assert!(submitted.body["submitted_at"].is_string());
    // The text is frozen.
    app.patch(&applicant, &path, json!({"title": "Changed"}))
        .await
        .expect_problem(409, "conflict");
    app.post(&applicant, &format!("{path}/submit"), json!({}))
        .await
        .expect_problem(409, "conflict");

    let secretariat = app.user(Role::Secretariat).await;
    let started = app
        .post(&secretariat, &format!("{path}/screening/start"), json!({}))
        .await
        .expect(200);
    assert_eq!(started.body["state"], "screening");
    let screened = app
        .post(
            &secretariat,
            &format!("{path}/screening"),
            json!({"eligible": true, "reasons": ["all criteria met"], "checklist": checklist_all_met()}),
        )
        .await
        .expect(200);
    assert_eq!(screened.body["state"], "under_review");
    assert_eq!(
        screened.body["screening_reasons"],
        json!(["all criteria met"])
    );
    assert_eq!(
        states(&screened.body),
        vec![
            ("-".into(), "draft".into()),
            ("draft".into(), "submitted".into()),
            ("submitted".into(), "screening".into()),
            ("screening".into(), "under_review".into())
        ]
    );
    let last = &screened.body["history"][3];
    assert_eq!(last["actor_id"], secretariat.id.to_string());
    assert_eq!(last["actor_role"], "secretariat");
    assert_eq!(last["reason"], "all criteria met");
    assert_eq!(
        screened.body["history"][1]["actor_id"],
        applicant.id.to_string()
    );
    let history = app
        .get(&applicant, &format!("{path}/history"))
        .await
        .expect(200);
    assert_eq!(history.body, screened.body["history"]);
    // Screening again is a state conflict.
    app.post(
        &secretariat,
        &format!("{path}/screening"),
        json!({"eligible": false, "reasons": ["x"], "checklist": checklist_unmet(Criterion::PseaMeasures, "no policy")}),
    )
    .await
    .expect_problem(409, "conflict");

    let auditor = app.user(Role::Auditor).await;
    let trail = app
        .get(
            &auditor,
            &format!("/api/v1/audit?entity_type=application&entity_id={id}"),
        )
        .await
        .expect(200);
    let actions: Vec<_> = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        vec![
            "application.under_review",
            "application.screening",
            "application.submitted",
            "application.updated",
            "application.created"
        ]
    );
}

async fn screening_can_find_an_application_ineligible(app: TestApp) {
    let (applicant, _) = app.verified_applicant().await;
    let call = app.open_call().await;
    let created = app
        .post(&applicant, "/api/v1/applications", application(&call))
        .await
        .expect(201);
    let path = format!(
        "/api/v1/applications/{}",
        created.body["id"].as_str().unwrap()
    );
    let secretariat = app.user(Role::Secretariat).await;
    // A draft cannot be screened.
    app.post(
        &secretariat,
        &format!("{path}/screening"),
        json!({"eligible": true, "checklist": checklist_all_met()}),
    )
    .await
    .expect_problem(409, "conflict");
    app.post(&applicant, &format!("{path}/submit"), json!({}))
        .await
        .expect(200);
    let bad = app
        .post(
            &secretariat,
            &format!("{path}/screening"),
            json!({"eligible": false, "reasons": [], "checklist": checklist_unmet(Criterion::PseaMeasures, "no policy")}),
        )
        .await
        .expect_problem(400, "validation");
    assert_eq!(bad.bad_fields(), vec!["reasons"]);
    app.post(
        &applicant,
        &format!("{path}/screening"),
        json!({"eligible": true, "checklist": checklist_all_met()}),
    )
    .await
    .expect_problem(403, "forbidden");
    // One call from submitted: both moves are recorded.
    let screened = app
        .post(&secretariat, &format!("{path}/screening"), json!({"eligible": false, "reasons": ["no measures against sexual exploitation and abuse", "registered less than a year"], "checklist": checklist_unmet(Criterion::PseaMeasures, "no policy")}))
        .await
        .expect(200);
    assert_eq!(screened.body["state"], "ineligible");
    assert_eq!(
        states(&screened.body)[2..],
        [
            ("submitted".to_string(), "screening".to_string()),
            ("screening".to_string(), "ineligible".to_string())
        ]
    );
    assert_eq!(
        screened.body["screening_reasons"].as_array().unwrap().len(),
        2
    );
    // Ineligible is a decision: no withdrawal after it.
    app.post(
        &applicant,
        &format!("{path}/withdraw"),
        json!({"reason": "no longer needed"}),
    )
    .await
    .expect_problem(409, "conflict");
    // A trustee never sees it.
    let trustee = app.user(Role::Trustee).await;
    app.get(&trustee, &path)
        .await
        .expect_problem(404, "not-found");
}

async fn an_application_can_be_withdrawn_until_a_decision(app: TestApp) {
    let (applicant, id) = app.application_under_review("KE").await;
    let path = format!("/api/v1/applications/{id}");
    let withdrawn = app
        .post(
            &applicant,
            &format!("{path}/withdraw"),
            json!({"reason": "funded elsewhere"}),
        )
        .await
        .expect(200);
    assert_eq!(withdrawn.body["state"], "withdrawn");
    assert_eq!(withdrawn.body["history"][4]["reason"], "funded elsewhere");
    app.post(
        &applicant,
        &format!("{path}/withdraw"),
        json!({"reason": "no longer needed"}),
    )
    .await
    .expect_problem(409, "conflict");
    // A draft can be withdrawn too, and a withdrawn one does not block a new one.
    let call = withdrawn.body["call_id"].as_str().unwrap().to_string();
    let again = app
        .post(&applicant, "/api/v1/applications", application(&call))
        .await
        .expect(201);
    let again_path = format!(
        "/api/v1/applications/{}",
        again.body["id"].as_str().unwrap()
    );
    app.post(
        &applicant,
        &format!("{again_path}/withdraw"),
        json!({"reason": "no longer needed"}),
    )
    .await
    .expect(200);
    // Staff cannot withdraw for the organisation.
    let secretariat = app.user(Role::Secretariat).await;
    let third = app
        .post(&applicant, "/api/v1/applications", application(&call))
        .await
        .expect(201);
    app.post(
        &secretariat,
        &format!(
            "/api/v1/applications/{}/withdraw",
            third.body["id"].as_str().unwrap()
        ),
        json!({"reason": "no longer needed"}),
    )
    .await
    .expect_problem(403, "forbidden");
}

async fn lists_filter_by_call_state_organisation_and_country(app: TestApp) {
    let (ke, ke_org) = app.verified_applicant_in("KE").await;
    let (ph, _) = app.verified_applicant_in("PH").await;
    let call = app.open_call().await;
    let other_call = app.open_call().await;
    let mut body = application(&call);
    let a = app
        .post(&ke, "/api/v1/applications", body.clone())
        .await
        .expect(201);
    body["countries"] = json!(["PH"]);
    let b = app
        .post(&ph, "/api/v1/applications", body.clone())
        .await
        .expect(201);
    body["call_id"] = json!(other_call);
    let c = app
        .post(&ph, "/api/v1/applications", body)
        .await
        .expect(201);
    app.post(
        &ph,
        &format!(
            "/api/v1/applications/{}/submit",
            c.body["id"].as_str().unwrap()
        ),
        json!({}),
    )
    .await
    .expect(200);

    let staff = app.user(Role::Finance).await;
    let ids = |answer: crate::helpers::Answer| -> Vec<String> {
        answer.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    let id = |v: &serde_json::Value| v.body_id();
    assert_eq!(
        ids(app.get(&staff, "/api/v1/applications").await.expect(200)),
        vec![id(&c.body), id(&b.body), id(&a.body)]
    );
    assert_eq!(
        ids(app
            .get(&staff, &format!("/api/v1/applications?call_id={call}"))
            .await
            .expect(200)),
        vec![id(&b.body), id(&a.body)]
    );
    assert_eq!(
        ids(app
            .get(&staff, "/api/v1/applications?state=submitted")
            .await
            .expect(200)),
        vec![id(&c.body)]
    );
    assert_eq!(
        ids(app
            .get(&staff, "/api/v1/applications?country=KE")
            .await
            .expect(200)),
        vec![id(&a.body)]
    );
    assert_eq!(
        ids(app
            .get(&staff, "/api/v1/applications?country=UG")
            .await
            .expect(200)),
        vec![id(&a.body)]
    );
    assert_eq!(
        ids(app
            .get(
                &staff,
                &format!("/api/v1/applications?organization_id={ke_org}")
            )
            .await
            .expect(200)),
        vec![id(&a.body)]
    );
    let page = app
        .get(&staff, "/api/v1/applications?limit=2")
        .await
        .expect(200);
    let cursor = page.body["next_cursor"].as_str().unwrap().to_string();
    assert_eq!(
        ids(app
            .get(
                &staff,
                &format!("/api/v1/applications?limit=2&cursor={cursor}")
            )
            .await
            .expect(200)),
        vec![id(&a.body)]
    );
    let bad = app
        .get(&staff, "/api/v1/applications?country=XX")
        .await
        .expect_problem(400, "validation");
    assert_eq!(bad.bad_fields(), vec!["country"]);

    // Each role sees only what it may.
    assert_eq!(
        ids(app.get(&ke, "/api/v1/applications").await.expect(200)),
        vec![id(&a.body)]
    );
    assert!(ids(app
        .get(
            &ke,
            &format!("/api/v1/applications?call_id={call}&country=PH")
        )
        .await
        .expect(200))
    .is_empty());
    let trustee = app.user(Role::Trustee).await;
    assert!(ids(app.get(&trustee, "/api/v1/applications").await.expect(200)).is_empty());
    assert!(ids(app
        .get(&trustee, "/api/v1/applications?state=draft")
        .await
        .expect(200))
    .is_empty());
    let secretariat = app.user(Role::Secretariat).await;
    app.post(
        &secretariat,
        &format!("/api/v1/applications/{}/screening", id(&c.body)),
        json!({"eligible": true, "checklist": checklist_all_met()}),
    )
    .await
    .expect(200);
    assert_eq!(
        ids(app.get(&trustee, "/api/v1/applications").await.expect(200)),
        vec![id(&c.body)]
    );
}

trait BodyId {
    fn body_id(&self) -> String;
}

impl BodyId for serde_json::Value {
    fn body_id(&self) -> String {
        self["id"].as_str().unwrap().to_string()
    }
}
