//! Applications: from draft to screening, with the history of every move.

use trustfund::api::applications::{
    CreateApplicationRequest, ScreenApplicationRequest, UpdateApplicationRequest,
};
use trustfund::applications::{
    ApplicationState, ApplicationSummary, ApplicationView, Beneficiaries, Criterion, TransitionView,
};
use trustfund::auth::Role;
use trustfund::calls::{AgeGroup, Sex};
use trustfund::domain::ApplicationId;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{
    application, checklist_all_met, checklist_unmet, country, no_change, withdrawal,
};
use crate::support::resources::ALL;
use crate::support::scenarios::{application_under_review, open_call, verified_organization};
use crate::support::{short, text, usd};

use ApplicationState::{Draft, Ineligible, Screening, Submitted, UnderReview};

on_both_backends!(
    a_draft_is_edited_submitted_and_passed_to_the_board,
    screening_can_find_an_application_ineligible,
    an_application_can_be_withdrawn_until_a_decision,
    lists_filter_by_call_state_organisation_and_country,
);

/// The moves of an application's history, oldest first (`None`: where it began).
fn states(history: &[TransitionView]) -> Vec<(Option<ApplicationState>, ApplicationState)> {
    history.iter().map(|t| (t.from, t.to)).collect()
}

/// A screening finding the application eligible (or not) for `reasons`.
fn screening(eligible: bool, reasons: &[&str]) -> ScreenApplicationRequest {
    ScreenApplicationRequest {
        eligible,
        reasons: reasons.iter().map(|r| text(r)).collect(),
        checklist: if eligible {
            checklist_all_met()
        } else {
            checklist_unmet(Criterion::PseaMeasures, "no policy")
        },
    }
}

async fn create(app: &TestApp, who: &TestUser, body: &CreateApplicationRequest) -> ApplicationView {
    app.as_(who).applications().create(body).await.created()
}

async fn a_draft_is_edited_submitted_and_passed_to_the_board(app: TestApp) {
    let (applicant, org) = verified_organization(&app, "KE").await;
    let call = open_call(&app).await;
    let as_applicant = app.as_(&applicant);
    let draft = create(&app, &applicant, &application(call)).await;
    assert_eq!(draft.state, Draft);
    assert_eq!(draft.organization_id, org);
    assert_eq!(draft.requested, usd("45000.00"));
    assert_eq!(
        draft.beneficiaries[0],
        Beneficiaries {
            sex: Sex::Female,
            age_group: AgeGroup::Child,
            count: 40
        }
    );
    let id = draft.id;

    let edited = as_applicant
        .application(id)
        .edit(&UpdateApplicationRequest {
            title: Some(short("Shelter, legal aid and return")),
            duration_months: Some(18),
            ..no_change()
        })
        .await
        .ok();
    assert_eq!(edited.title, "Shelter, legal aid and return");
    assert_eq!(edited.duration_months, 18);
    assert_eq!(edited.countries, vec![country("KE"), country("UG")]);
    let bad = as_applicant
        .application(id)
        .edit(&UpdateApplicationRequest {
            countries: Some(vec![]),
            ..no_change()
        })
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["countries"]);

    let submitted = as_applicant.application(id).submit().await.ok();
    assert_eq!(submitted.state, Submitted);
    assert!(submitted.submitted_at.is_some());
    // The text is frozen.
    as_applicant
        .application(id)
        .edit(&UpdateApplicationRequest {
            title: Some(short("Changed")),
            ..no_change()
        })
        .await
        .refused(409, "conflict");
    as_applicant
        .application(id)
        .submit()
        .await
        .refused(409, "conflict");

    let secretariat = app.user(Role::Secretariat).await;
    let as_secretariat = app.as_(&secretariat);
    let started = as_secretariat.application(id).start_screening().await.ok();
    assert_eq!(started.state, Screening);
    let screened = as_secretariat
        .application(id)
        .screen(&screening(true, &["all criteria met"]))
        .await
        .ok();
    assert_eq!(screened.state, UnderReview);
    assert_eq!(
        screened.screening_reasons,
        Some(vec!["all criteria met".to_string()])
    );
    assert_eq!(
        states(&screened.history),
        vec![
            (None, Draft),
            (Some(Draft), Submitted),
            (Some(Submitted), Screening),
            (Some(Screening), UnderReview)
        ]
    );
    let last = &screened.history[3];
    assert_eq!(last.actor_id, Some(secretariat.id.into()));
    assert_eq!(last.actor_role.as_deref(), Some("secretariat"));
    assert_eq!(last.reason.as_deref(), Some("all criteria met"));
    assert_eq!(screened.history[1].actor_id, Some(applicant.id.into()));
    let history = as_applicant.application(id).history().await.ok();
    assert_eq!(
        serde_json::to_value(&history).unwrap(),
        serde_json::to_value(&screened.history).unwrap()
    );
    // Screening again is a state conflict.
    as_secretariat
        .application(id)
        .screen(&screening(false, &["x"]))
        .await
        .refused(409, "conflict");

    let auditor = app.user(Role::Auditor).await;
    let id = id.to_string();
    let trail = app
        .as_(&auditor)
        .audit()
        .list(&[("entity_type", "application"), ("entity_id", &id)])
        .await
        .ok();
    let actions: Vec<_> = trail.items.iter().map(|e| e.action.as_str()).collect();
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
    let (applicant, _) = verified_organization(&app, "KE").await;
    let call = open_call(&app).await;
    let id = create(&app, &applicant, &application(call)).await.id;
    let as_applicant = app.as_(&applicant);
    let secretariat = app.user(Role::Secretariat).await;
    let as_secretariat = app.as_(&secretariat);
    // A draft cannot be screened.
    as_secretariat
        .application(id)
        .screen(&screening(true, &[]))
        .await
        .refused(409, "conflict");
    as_applicant.application(id).submit().await.ok();
    let bad = as_secretariat
        .application(id)
        .screen(&screening(false, &[]))
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["reasons"]);
    as_applicant
        .application(id)
        .screen(&screening(true, &[]))
        .await
        .refused(403, "forbidden");
    // One call from submitted: both moves are recorded.
    let screened = as_secretariat
        .application(id)
        .screen(&screening(
            false,
            &[
                "no measures against sexual exploitation and abuse",
                "registered less than a year",
            ],
        ))
        .await
        .ok();
    assert_eq!(screened.state, Ineligible);
    assert_eq!(
        states(&screened.history)[2..],
        [(Some(Submitted), Screening), (Some(Screening), Ineligible)]
    );
    assert_eq!(screened.screening_reasons.map(|r| r.len()), Some(2));
    // Ineligible is a decision: no withdrawal after it.
    as_applicant
        .application(id)
        .withdraw(&withdrawal("no longer needed"))
        .await
        .refused(409, "conflict");
    // A trustee never sees it.
    let trustee = app.user(Role::Trustee).await;
    app.as_(&trustee)
        .application(id)
        .get()
        .await
        .refused(404, "not-found");
}

async fn an_application_can_be_withdrawn_until_a_decision(app: TestApp) {
    let (applicant, id) = application_under_review(&app, "KE").await;
    let as_applicant = app.as_(&applicant);
    let withdrawn = as_applicant
        .application(id)
        .withdraw(&withdrawal("funded elsewhere"))
        .await
        .ok();
    assert_eq!(withdrawn.state, ApplicationState::Withdrawn);
    assert_eq!(
        withdrawn.history[4].reason.as_deref(),
        Some("funded elsewhere")
    );
    as_applicant
        .application(id)
        .withdraw(&withdrawal("no longer needed"))
        .await
        .refused(409, "conflict");
    // A draft can be withdrawn too, and a withdrawn one does not block a new one.
    let call = withdrawn.call_id;
    let again = create(&app, &applicant, &application(call)).await;
    as_applicant
        .application(again.id)
        .withdraw(&withdrawal("no longer needed"))
        .await
        .ok();
    // Staff cannot withdraw for the organisation.
    let secretariat = app.user(Role::Secretariat).await;
    let third = create(&app, &applicant, &application(call)).await;
    app.as_(&secretariat)
        .application(third.id)
        .withdraw(&withdrawal("no longer needed"))
        .await
        .refused(403, "forbidden");
}

async fn lists_filter_by_call_state_organisation_and_country(app: TestApp) {
    let (ke, ke_org) = verified_organization(&app, "KE").await;
    let (ph, _) = verified_organization(&app, "PH").await;
    let call = open_call(&app).await;
    let other_call = open_call(&app).await;
    let a = create(&app, &ke, &application(call)).await.id;
    let in_ph = CreateApplicationRequest {
        countries: vec![country("PH")],
        ..application(call)
    };
    let b = create(&app, &ph, &in_ph).await.id;
    let c = create(
        &app,
        &ph,
        &CreateApplicationRequest {
            call_id: other_call.as_uuid(),
            ..in_ph
        },
    )
    .await
    .id;
    app.as_(&ph).application(c).submit().await.ok();

    let staff = app.user(Role::Finance).await;
    /// The ids `who` lists with `query`, newest first.
    async fn ids(app: &TestApp, who: &TestUser, query: &[(&str, &str)]) -> Vec<ApplicationId> {
        let page = app.as_(who).applications().list(query).await.ok();
        page.items
            .iter()
            .map(|i: &ApplicationSummary| i.id)
            .collect()
    }
    let (call, ke_org) = (call.to_string(), ke_org.to_string());
    assert_eq!(ids(&app, &staff, ALL).await, vec![c, b, a]);
    assert_eq!(ids(&app, &staff, &[("call_id", &call)]).await, vec![b, a]);
    assert_eq!(ids(&app, &staff, &[("state", "submitted")]).await, vec![c]);
    assert_eq!(ids(&app, &staff, &[("country", "KE")]).await, vec![a]);
    assert_eq!(ids(&app, &staff, &[("country", "UG")]).await, vec![a]);
    assert_eq!(
        ids(&app, &staff, &[("organization_id", &ke_org)]).await,
        vec![a]
    );
    let page = app
        .as_(&staff)
        .applications()
        .list(&[("limit", "2")])
        .await
        .ok();
    let cursor = page.next_cursor.expect("a next page");
    assert_eq!(
        ids(&app, &staff, &[("limit", "2"), ("cursor", &cursor)]).await,
        vec![a]
    );
    let bad = app
        .as_(&staff)
        .applications()
        .list(&[("country", "XX")])
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["country"]);

    // Each role sees only what it may.
    assert_eq!(ids(&app, &ke, ALL).await, vec![a]);
    assert!(ids(&app, &ke, &[("call_id", &call), ("country", "PH")])
        .await
        .is_empty());
    let trustee = app.user(Role::Trustee).await;
    assert!(ids(&app, &trustee, ALL).await.is_empty());
    assert!(ids(&app, &trustee, &[("state", "draft")]).await.is_empty());
    let secretariat = app.user(Role::Secretariat).await;
    app.as_(&secretariat)
        .application(c)
        .screen(&screening(true, &[]))
        .await
        .ok();
    assert_eq!(ids(&app, &trustee, ALL).await, vec![c]);
}
