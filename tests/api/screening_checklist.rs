//! Screening records its checklist: every eligibility criterion, met or not, with a note
//! on each one not met and what the records showed beside the secretariat's finding. The
//! checklist is complete, the verdict follows it, and a claim the records contradict is
//! refused; every refusal leaves the application as it was.

use serde::Deserialize;
use serde_json::{json, Value};
use trustfund::api::applications::ScreenApplicationRequest;
use trustfund::api::organizations::VerificationRequest;
use trustfund::applications::{ApplicationState, ApplicationView, Criterion};
use trustfund::audit::AuditEventView;
use trustfund::auth::Role;
use trustfund::domain::ApplicationId;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{checklist_all_met, checklist_unmet, screen_eligible, text};
use crate::support::scenarios::submitted_application;

on_both_backends!(
    an_eligible_screening_records_every_criterion,
    the_checklist_is_complete_and_explained,
    the_verdict_follows_the_checklist,
    the_records_decide_what_they_can,
);

/// The secretariat's view of `id` and its audit trail's last event.
async fn seen(app: &TestApp, id: ApplicationId) -> (ApplicationView, AuditEventView) {
    let secretariat = app.user(Role::Secretariat).await;
    let view = app.as_(&secretariat).application(id).get().await.ok();
    let auditor = app.user(Role::Auditor).await;
    let id = id.to_string();
    let trail = app
        .as_(&auditor)
        .audit()
        .list(&[("entity_type", "application"), ("entity_id", id.as_str())])
        .await
        .ok();
    let last = trail.items.into_iter().next().expect("an event");
    (view, last)
}

/// What a screening's event records after it: the checklist as written (JSON entries, so
/// that what is left out of an entry shows).
#[derive(Deserialize)]
struct Screened {
    after: ScreenedAfter,
}

#[derive(Deserialize)]
struct ScreenedAfter {
    checklist: Vec<Value>,
}

/// Refusals write nothing: still submitted, two moves (drafted, submitted), no checklist.
async fn unchanged(app: &TestApp, id: ApplicationId) {
    let (view, last_event) = seen(app, id).await;
    assert_eq!(view.state, ApplicationState::Submitted);
    assert_eq!(view.history.len(), 2);
    assert_eq!(view.screening_checklist, None);
    assert_eq!(last_event.action, "application.submitted");
}

async fn secretariat_and_application(app: &TestApp) -> (TestUser, ApplicationId) {
    let (_, id) = submitted_application(app, "KE").await;
    (app.user(Role::Secretariat).await, id)
}

async fn an_eligible_screening_records_every_criterion(app: TestApp) {
    let (secretariat, id) = secretariat_and_application(&app).await;
    let screened = app
        .as_(&secretariat)
        .application(id)
        .screen(&screen_eligible())
        .await
        .ok();
    assert_eq!(screened.state, ApplicationState::UnderReview);
    let checklist = screened.screening_checklist.clone().expect("a checklist");
    assert_eq!(
        checklist.iter().map(|c| c.criterion).collect::<Vec<_>>(),
        Criterion::all().to_vec()
    );
    for entry in &checklist {
        assert!(entry.met);
        // The records decide all but the mandate, which is judgement.
        let expected = (entry.criterion != Criterion::WithinMandate).then_some(true);
        assert_eq!(entry.computed, expected, "{:?}", entry.criterion);
    }
    // The move to under review carries it, in the history and in the trail.
    let last = screened.history.last().unwrap();
    assert_eq!(last.to, ApplicationState::UnderReview);
    assert_eq!(last.checklist.as_ref(), Some(&checklist));
    assert!(screened.history[..screened.history.len() - 1]
        .iter()
        .all(|m| m.checklist.is_none()));
    let (view, event) = seen(&app, id).await;
    assert_eq!(view.screening_checklist, Some(checklist.clone()));
    assert_eq!(event.action, "application.under_review");
    let recorded: Screened =
        serde_json::from_value(event.changes.clone()).expect("a screening's changes");
    assert_eq!(
        Value::Array(recorded.after.checklist.clone()),
        serde_json::to_value(&checklist).unwrap()
    );
    assert_eq!(
        recorded.after.checklist[0],
        json!({"criterion": "organization_type_eligible", "met": true, "computed": true})
    );
}

async fn the_checklist_is_complete_and_explained(app: TestApp) {
    let (secretariat, id) = secretariat_and_application(&app).await;
    // JSON bodies: each checklist is wrong in a way the crate's types cannot hold.
    let all = serde_json::to_value(checklist_all_met()).unwrap();
    let with = |checklist: Value| json!({"eligible": true, "checklist": checklist});
    let mut short = all.clone();
    short.as_array_mut().unwrap().pop();
    let mut twice = all.clone();
    twice.as_array_mut().unwrap().push(all[0].clone());
    let mut unknown = all.clone();
    unknown[0]["criterion"] = json!("has_a_website");
    let mut bare = all.clone();
    bare[3] = json!({"criterion": "direct_assistance_one_year", "met": false});
    let mut extra = all.clone();
    extra[0]["weight"] = json!(2);
    for (body, field) in [
        (json!({"eligible": true}), "checklist"),
        (with(json!([])), "checklist"),
        (with(short), "checklist"),
        (with(twice), "checklist[8].criterion"),
        (with(unknown), "checklist[0].criterion"),
        (
            json!({"eligible": false, "reasons": ["no"], "checklist": bare}),
            "checklist[3].note",
        ),
        (with(extra), "checklist[0]"),
    ] {
        let refused = app
            .as_(&secretariat)
            .application(id)
            .screen(&body)
            .await
            .refused(400, "validation");
        let fields = refused.fields();
        assert!(
            fields.iter().any(|f| f.starts_with(field)),
            "{body}: {fields:?} {refused:?}"
        );
    }
    // A missing criterion is named.
    let mut short = checklist_all_met();
    short.retain(|c| c.criterion != Criterion::PseaMeasures);
    app.as_(&secretariat)
        .application(id)
        .screen(&ScreenApplicationRequest {
            checklist: short,
            ..screen_eligible()
        })
        .await
        .refused(400, "validation")
        .says("psea_measures");
    unchanged(&app, id).await;
}

async fn the_verdict_follows_the_checklist(app: TestApp) {
    let (secretariat, id) = secretariat_and_application(&app).await;
    let as_secretariat = app.as_(&secretariat);
    let outside = checklist_unmet(Criterion::WithinMandate, "a road-building project");
    let refused = as_secretariat
        .application(id)
        .screen(&ScreenApplicationRequest {
            checklist: outside,
            ..screen_eligible()
        })
        .await
        .refused(422, "screening-criterion-unmet");
    assert_eq!(refused.fields(), vec!["checklist[5].met"]);
    refused.says("within_mandate");
    let refused = as_secretariat
        .application(id)
        .screen(&ScreenApplicationRequest {
            eligible: false,
            reasons: vec![text("not what the Fund pays for")],
            checklist: checklist_all_met(),
        })
        .await
        .refused(422, "screening-no-unmet-criterion");
    assert_eq!(refused.fields(), vec!["checklist"]);
    unchanged(&app, id).await;

    // The records show PSEA measures in place; the secretariat reads the policy and
    // finds it wanting: a finding stricter than the records stands, with both recorded.
    let screened = as_secretariat
        .application(id)
        .screen(&ScreenApplicationRequest {
            eligible: false,
            reasons: vec![text("the safeguarding policy names no focal point")],
            checklist: checklist_unmet(Criterion::PseaMeasures, "no focal point named"),
        })
        .await
        .ok();
    assert_eq!(screened.state, ApplicationState::Ineligible);
    let checklist = screened.screening_checklist.expect("a checklist");
    let psea = checklist
        .iter()
        .find(|c| c.criterion == Criterion::PseaMeasures)
        .unwrap();
    assert_eq!(
        (psea.met, psea.computed, psea.note.as_deref()),
        (false, Some(true), Some("no focal point named"))
    );
    assert_eq!(
        screened.history.last().unwrap().checklist.as_ref(),
        Some(&checklist)
    );
}

async fn the_records_decide_what_they_can(app: TestApp) {
    let (secretariat, id) = secretariat_and_application(&app).await;
    let as_secretariat = app.as_(&secretariat);
    // After submission the secretariat refuses the organisation (fraud found).
    let organization = as_secretariat
        .application(id)
        .get()
        .await
        .ok()
        .organization_id;
    as_secretariat
        .organization(organization)
        .verify(&VerificationRequest {
            verified: false,
            reason: Some(text("fraud found")),
        })
        .await
        .ok();
    // Claiming it verified contradicts the records, eligible or not.
    let refused = as_secretariat
        .application(id)
        .screen(&screen_eligible())
        .await
        .refused(422, "screening-contradicts-records");
    assert_eq!(refused.fields(), vec!["checklist[1].met"]);
    refused.says("organization_verified");
    as_secretariat
        .application(id)
        .screen(&ScreenApplicationRequest {
            eligible: false,
            reasons: vec![text("outside the mandate")],
            checklist: checklist_unmet(Criterion::WithinMandate, "no aid to victims"),
        })
        .await
        .refused(422, "screening-contradicts-records");
    unchanged(&app, id).await;

    let screened = as_secretariat
        .application(id)
        .screen(&ScreenApplicationRequest {
            eligible: false,
            reasons: vec![text("the organisation was refused")],
            checklist: checklist_unmet(Criterion::OrganizationVerified, "refused: fraud found"),
        })
        .await
        .ok();
    assert_eq!(screened.state, ApplicationState::Ineligible);
    let verified = screened
        .screening_checklist
        .unwrap()
        .into_iter()
        .find(|c| c.criterion == Criterion::OrganizationVerified)
        .unwrap();
    assert_eq!((verified.met, verified.computed), (false, Some(false)));
}
