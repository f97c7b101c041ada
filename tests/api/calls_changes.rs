//! A call changes before its deadline (later deadline, corrected texts, amounts that keep
//! every submitted application within them) or is cancelled before any Board decision,
//! withdrawing its applications; each change is audited and mailed to the organisations
//! concerned, and every refusal writes nothing.

use chrono::{Duration, Utc};
use serde_json::{json, Value};
use trustfund::api::calls::{CallCancellationRequest, CallChangeRequest};
use trustfund::applications::ApplicationState;
use trustfund::audit::AuditEventView;
use trustfund::auth::Role;
use trustfund::calls::CallStatus;
use trustfund::domain::{ApplicationId, CallId};
use trustfund::organizations::OrgType;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, short, text, usd};
use crate::support::scenarios::{
    approved_by_three, close_call, decide, open_call, seat_board, verified_organization,
};

on_both_backends!(
    the_deadline_is_extended_and_the_texts_corrected,
    the_deadline_is_never_brought_forward,
    after_the_deadline_the_terms_stand,
    no_submitted_application_falls_outside_the_terms,
    a_change_is_well_formed,
    cancellation_withdraws_drafts_and_submissions,
    no_cancellation_after_a_board_decision,
    two_changes_at_once_lose_neither,
);

/// An open call with a Kenyan NGO's submitted application (USD 45,000) and a Ugandan
/// NGO's draft under it: the secretariat, the call, each applicant and application.
struct Setup {
    secretariat: TestUser,
    call: CallId,
    submitter: TestUser,
    submitted: ApplicationId,
    drafter: TestUser,
    draft: ApplicationId,
}

async fn setup(app: &TestApp) -> Setup {
    let secretariat = app.user(Role::Secretariat).await;
    let call = open_call(app).await;
    let (submitter, _) = verified_organization(app, "KE").await;
    let submitted = app
        .as_(&submitter)
        .applications()
        .create(&bodies::application(call))
        .await
        .created()
        .id;
    app.as_(&submitter)
        .application(submitted)
        .submit()
        .await
        .ok();
    let (drafter, _) = verified_organization(app, "UG").await;
    let draft = app
        .as_(&drafter)
        .applications()
        .create(&bodies::application(call))
        .await
        .created()
        .id;
    Setup {
        secretariat,
        call,
        submitter,
        submitted,
        drafter,
        draft,
    }
}

/// The audit events about `call`, newest first.
async fn call_events(app: &TestApp, call: CallId) -> Vec<AuditEventView> {
    let auditor = app.user(Role::Auditor).await;
    let call = call.to_string();
    app.as_(&auditor)
        .audit()
        .list(&[
            ("entity_type", "call"),
            ("entity_id", call.as_str()),
            ("limit", "100"),
        ])
        .await
        .ok()
        .items
}

/// An event as the trail writes it, whole.
fn written(event: &AuditEventView) -> String {
    serde_json::to_string(event).expect("an event serializes")
}

/// Every queued mail: (recipient, event, text body).
async fn outbox(app: &TestApp) -> Vec<(String, String, String)> {
    app.with_db(|c| {
        use diesel::prelude::*;
        use trustfund::db::schema::notifications::dsl::*;
        notifications
            .select((recipient, event, text_body))
            .load(c)
            .unwrap()
    })
    .await
}

async fn mails_for(app: &TestApp, event: &str) -> Vec<(String, String)> {
    outbox(app)
        .await
        .into_iter()
        .filter(|(_, e, _)| e == event)
        .map(|(to, _, body)| (to, body))
        .collect()
}

fn closes_in(days: i64) -> CallChangeRequest {
    CallChangeRequest {
        closes_at: Some(Utc::now() + Duration::days(days)),
        ..Default::default()
    }
}

async fn the_deadline_is_extended_and_the_texts_corrected(app: TestApp) {
    let s = setup(&app).await;
    let before = app.as_(&s.secretariat).calls().get(s.call).await.ok();
    assert_eq!(before.call.version, 0);
    assert!(before.call.amended_at.is_none());
    let later = Utc::now() + Duration::days(60);
    let changed = app
        .as_(&s.secretariat)
        .calls()
        .amend(
            s.call,
            &CallChangeRequest {
                closes_at: Some(later),
                title: Some(short("Call for proposals 2027")),
                description: Some(text("Direct assistance to victims, in shelters too.")),
                ..Default::default()
            },
        )
        .await
        .ok();
    assert_eq!(changed.call.title, "Call for proposals 2027");
    assert_eq!(
        changed.call.description,
        "Direct assistance to victims, in shelters too."
    );
    assert!(changed.call.closes_at > before.call.closes_at);
    assert_eq!(changed.call.version, 1);
    assert!(changed.call.amended_at.is_some());
    assert_eq!(changed.call.status, CallStatus::Open);
    // What is answered is what is read back.
    let read = app.as_(&s.submitter).calls().get(s.call).await.ok();
    assert_eq!(read.call.closes_at, changed.call.closes_at);
    assert_eq!(read.call.title, "Call for proposals 2027");

    // The audit event has the deadline before and after.
    let events = call_events(&app, s.call).await;
    let amended = events
        .iter()
        .find(|e| e.action == "call.amended")
        .expect("call.amended");
    let details = written(amended);
    let old = before
        .call
        .closes_at
        .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    let new = changed
        .call
        .closes_at
        .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    assert!(details.contains(&old[..19]), "{old} in {details}");
    assert!(details.contains(&new[..19]), "{new} in {details}");
    assert!(details.contains("Call for proposals 2027"), "{details}");

    // Both organisations concerned are told, the draft's too.
    let mails = mails_for(&app, "call.amended").await;
    for who in [&s.submitter, &s.drafter] {
        let (_, body) = mails
            .iter()
            .find(|(to, _)| *to == who.email)
            .unwrap_or_else(|| panic!("no mail to {}: {mails:?}", who.email));
        assert!(body.contains("closes_at"), "{body}");
        assert!(body.contains("Call for proposals 2027"), "{body}");
    }
    // The same again changes nothing, writes nothing.
    let events_before = call_events(&app, s.call).await.len();
    let again = app
        .as_(&s.secretariat)
        .calls()
        .amend(s.call, &json!({"title": "Call for proposals 2027"}))
        .await
        .ok();
    assert_eq!(again.call.version, 1);
    assert_eq!(call_events(&app, s.call).await.len(), events_before);
}

async fn the_deadline_is_never_brought_forward(app: TestApp) {
    let s = setup(&app).await;
    let mails = outbox(&app).await.len();
    let events = call_events(&app, s.call).await.len();
    let problem = app
        .as_(&s.secretariat)
        .calls()
        .amend(s.call, &closes_in(10))
        .await
        .refused(422, "deadline-shortened");
    assert_eq!(problem.rule.as_deref(), Some("deadline-shortened"));
    let read = app.as_(&s.secretariat).calls().get(s.call).await.ok();
    assert_eq!(read.call.version, 0);
    assert_eq!(outbox(&app).await.len(), mails);
    assert_eq!(call_events(&app, s.call).await.len(), events);
}

async fn after_the_deadline_the_terms_stand(app: TestApp) {
    let s = setup(&app).await;
    close_call(&app, s.call).await;
    app.as_(&s.secretariat)
        .calls()
        .amend(s.call, &closes_in(60))
        .await
        .refused(422, "call-closed");
    app.as_(&s.secretariat)
        .calls()
        .amend(s.call, &json!({"title": "Another title"}))
        .await
        .refused(422, "call-closed");
    let read = app.as_(&s.secretariat).calls().get(s.call).await.ok();
    assert_eq!(read.call.title, "Call for proposals");
    assert_eq!(read.call.version, 0);
}

async fn no_submitted_application_falls_outside_the_terms(app: TestApp) {
    let s = setup(&app).await;
    let mails = outbox(&app).await.len();
    let amend = |body: Value| {
        let client = app.as_(&s.secretariat);
        let call = s.call;
        async move { client.calls().amend(call, &body).await }
    };
    // The submitted application asks for 45,000.00.
    let problem = amend(json!({"max_grant": usd("40000.00")}))
        .await
        .refused(422, "excludes-submitted-application");
    assert_eq!(problem.fields(), vec!["max_grant"]);
    amend(json!({"min_grant": usd("50000.00"), "max_grant": usd("60000.00")}))
        .await
        .refused(422, "excludes-submitted-application");
    amend(json!({"eligible_org_types": ["intergovernmental"]}))
        .await
        .refused(422, "excludes-submitted-application");
    amend(json!({"envelope": usd("50000.00")}))
        .await
        .refused(400, "validation");
    let read = app.as_(&s.secretariat).calls().get(s.call).await.ok();
    assert_eq!(read.call.version, 0);
    assert_eq!(read.call.max_grant, usd("60000.00"));
    assert_eq!(outbox(&app).await.len(), mails);

    // Within what was asked, amounts and types change.
    let changed = amend(json!({
        "max_grant": usd("45000.00"), "min_grant": usd("45000.00"),
        "envelope": usd("900000.00"), "eligible_org_types": ["ngo", "intergovernmental"],
    }))
    .await
    .ok();
    assert_eq!(changed.call.max_grant, usd("45000.00"));
    assert_eq!(changed.call.envelope, usd("900000.00"));
    assert_eq!(
        changed.call.eligible_org_types,
        vec![OrgType::Ngo, OrgType::Intergovernmental]
    );
}

async fn a_change_is_well_formed(app: TestApp) {
    let s = setup(&app).await;
    let secretariat = app.as_(&s.secretariat);
    let problem = secretariat
        .calls()
        .amend(s.call, &json!({"opens_at": "2027-01-01T00:00:00Z"}))
        .await
        .refused(400, "validation");
    assert!(!problem.detail.is_empty());
    secretariat
        .calls()
        .amend(s.call, &json!({}))
        .await
        .refused(400, "validation");
    secretariat
        .calls()
        .amend(s.call, &json!({"eligible_org_types": []}))
        .await
        .refused(400, "validation");
    secretariat
        .calls()
        .amend(CallId::new(), &json!({"title": "x"}))
        .await
        .refused(404, "not-found");
    // Applicants may not change a call.
    app.as_(&s.submitter)
        .calls()
        .amend(s.call, &json!({"title": "mine now"}))
        .await
        .refused(403, "forbidden");
    let read = secretariat.calls().get(s.call).await.ok();
    assert_eq!(read.call.version, 0);
}

async fn cancellation_withdraws_drafts_and_submissions(app: TestApp) {
    let s = setup(&app).await;
    let reason = "The earmarked contribution was withdrawn.";
    let cancelled = app
        .as_(&s.secretariat)
        .calls()
        .cancel(
            s.call,
            &CallCancellationRequest {
                reason: text(reason),
            },
        )
        .await
        .created();
    assert_eq!(cancelled.call.status, CallStatus::Cancelled);
    assert_eq!(cancelled.call.cancellation_reason.as_deref(), Some(reason));
    assert!(cancelled.call.cancelled_at.is_some());

    for (who, id) in [(&s.submitter, s.submitted), (&s.drafter, s.draft)] {
        let view = app.as_(who).application(id).get().await.ok();
        assert_eq!(view.state, ApplicationState::Withdrawn);
        let last = view.history.last().expect("a history");
        assert_eq!(last.to, ApplicationState::Withdrawn);
        assert_eq!(
            last.reason.as_deref(),
            Some(format!("{}{reason}", trustfund::applications::REASON_PREFIX).as_str())
        );
        assert_eq!(last.actor_role.as_deref(), Some("secretariat"));
    }
    // Gone from the open calls, and nobody applies, submits or changes it any more.
    let open = app
        .as_(&s.submitter)
        .calls()
        .list(&[("open", "true")])
        .await
        .ok();
    assert!(open.items.iter().all(|c| c.id != s.call));
    let (newcomer, _) = verified_organization(&app, "GH").await;
    app.as_(&newcomer)
        .applications()
        .create(&bodies::application(s.call))
        .await
        .refused(422, "call-cancelled");
    app.as_(&s.secretariat)
        .calls()
        .amend(s.call, &closes_in(60))
        .await
        .refused(422, "call-cancelled");
    app.as_(&s.secretariat)
        .calls()
        .cancel(s.call, &json!({"reason": "again"}))
        .await
        .refused(422, "call-cancelled");

    // Audited once, with the reason; each organisation concerned is mailed once.
    let events = call_events(&app, s.call).await;
    let cancels: Vec<_> = events
        .iter()
        .filter(|e| e.action == "call.cancelled")
        .collect();
    assert_eq!(cancels.len(), 1, "{events:?}");
    assert!(written(cancels[0]).contains(reason));
    let mails = mails_for(&app, "call.cancelled").await;
    for who in [&s.submitter, &s.drafter] {
        let to_them: Vec<_> = mails.iter().filter(|(to, _)| *to == who.email).collect();
        assert_eq!(to_them.len(), 1, "{mails:?}");
        assert!(to_them[0].1.contains(reason));
    }
    assert!(mails.iter().all(|(to, _)| *to != newcomer.email));
}

async fn no_cancellation_after_a_board_decision(app: TestApp) {
    let board = seat_board(&app).await;
    let application = approved_by_three(&app, &board).await;
    decide(&app, &board, &application.to_string())
        .await
        .expect(201);
    let call = app
        .as_(&board.secretariat)
        .application(application)
        .get()
        .await
        .ok()
        .call_id;
    let events = call_events(&app, call).await.len();
    let mails = outbox(&app).await.len();
    app.as_(&board.secretariat)
        .calls()
        .cancel(call, &json!({"reason": "no money"}))
        .await
        .refused(422, "call-has-decisions");
    let read = app.as_(&board.secretariat).calls().get(call).await.ok();
    assert_eq!(read.call.status, CallStatus::Open);
    assert!(read.call.cancelled_at.is_none());
    assert_eq!(call_events(&app, call).await.len(), events);
    assert_eq!(outbox(&app).await.len(), mails);
}

async fn two_changes_at_once_lose_neither(app: TestApp) {
    let s = setup(&app).await;
    let first = app.as_(&s.secretariat);
    let second = app.as_(&s.secretariat);
    let later = closes_in(90);
    let title = json!({"title": "Call for proposals, corrected"});
    let (a, b) = tokio::join!(
        first.calls().amend(s.call, &later),
        second.calls().amend(s.call, &title),
    );
    let (a, b) = (a.status(), b.status());
    assert!(
        matches!((a, b), (200, 200) | (200, 409) | (409, 200)),
        "{a} {b}"
    );
    let read = app.as_(&s.secretariat).calls().get(s.call).await.ok();
    // Every change answered 200 is in the call; a 409 changed nothing.
    let applied = u8::from(a == 200) + u8::from(b == 200);
    assert_eq!(read.call.version, i32::from(applied));
    if a == 200 {
        assert!(read.call.closes_at > Utc::now() + Duration::days(80));
    }
    if b == 200 {
        assert_eq!(read.call.title, "Call for proposals, corrected");
    }
}
