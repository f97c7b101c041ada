//! A trustee's dossier on an application (`GET /api/v1/applications/{id}/dossier`): the
//! applying organisation's profile and its history with the Fund, never its bank details,
//! contact or accounts; open to staff and auditors always, to trustees while the
//! application is under review, never to applicants.

use serde_json::Value;
use trustfund::applications::ApplicationState;
use trustfund::auth::Role;
use trustfund::domain::ApplicationId;
use trustfund::grants::GrantState;
use trustfund::organizations::{OrgState, OrgType};

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{approve, country, date};
use crate::support::scenarios::{
    another_application_under_review, application_under_review, demo_user, fund, load_demo,
    seat_board, submitted_application, verified_organization, Board,
};
use crate::support::usd;
use trustfund::grant_reports::ReportTally;

on_both_backends!(
    a_dossier_shows_the_organisation_and_its_history,
    a_dossier_never_holds_bank_details_contacts_or_accounts,
    who_may_not_read_a_dossier,
    the_demo_trustee_has_a_queue_and_a_dossier_with_history,
);

/// A Kenyan NGO with one application approved and granted (USD 30,000 by GH, JP, PL) and
/// a second one under review: its applicant, the granted and the open application.
async fn organisation_with_history(
    app: &TestApp,
    board: &Board,
) -> (TestUser, ApplicationId, ApplicationId) {
    fund(app, "100000.00").await;
    let (applicant, _) = verified_organization(app, "KE").await;
    let granted = another_application_under_review(app, &applicant).await;
    for nationality in ["GH", "JP", "PL"] {
        app.as_(board.trustee(nationality))
            .application(granted)
            .vote(&approve("30000.00"))
            .await
            .ok();
    }
    app.as_(&board.secretariat)
        .application(granted)
        .decide()
        .await
        .created();
    let open = another_application_under_review(app, &applicant).await;
    (applicant, granted, open)
}

/// Every object key anywhere in `value`.
fn keys(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

async fn a_dossier_shows_the_organisation_and_its_history(app: TestApp) {
    let board = seat_board(&app).await;
    let (_, granted, open) = organisation_with_history(&app, &board).await;

    let dossier = app
        .as_(board.trustee("BR"))
        .application(open)
        .dossier_view()
        .await
        .ok();

    assert_eq!(dossier.application_id, open);
    let org = &dossier.organization;
    assert!(org.legal_name.starts_with("Hope Shelter"), "{org:?}");
    assert_eq!(org.org_type, OrgType::Ngo);
    assert_eq!(org.country, country("KE"));
    assert_eq!(org.registered_on, date("2015-03-01"));
    assert_eq!(org.direct_assistance_since, date("2015-06-01"));
    assert_eq!(org.psea_measures_since, Some(date("2018-01-15")));
    assert_eq!(org.state, OrgState::Verified);
    assert!(org.decided_at.is_some());

    // Its other application, not this one.
    let earlier = &dossier.applications;
    assert_eq!(earlier.len(), 1, "{dossier:?}");
    assert_eq!(earlier[0].id, granted);
    assert_eq!(earlier[0].state, ApplicationState::Approved);
    assert_eq!(earlier[0].call_title, "Call for proposals");
    assert_eq!(earlier[0].requested, usd("45000.00"));
    assert_eq!(earlier[0].awarded, Some(usd("30000.00")));
    assert!(earlier[0].decided_at.is_some());
    assert!(earlier[0].submitted_at.is_some());

    // Its grant: the award, nothing paid yet, no report filed or late.
    let grants = &dossier.grants;
    assert_eq!(grants.len(), 1, "{dossier:?}");
    let grant = &grants[0];
    assert_eq!(grant.application_id, granted);
    assert_eq!(grant.award, usd("30000.00"));
    assert_eq!(grant.state, GrantState::Awarded);
    assert_eq!(grant.disbursed, usd("0.00"));
    assert!(!grant.report_overdue);
    assert_eq!(
        grant.reports,
        ReportTally {
            accepted: 0,
            returned: 0,
            pending: 0
        }
    );

    // Staff and auditors read the same dossier, whatever the state: the granted one too.
    for role in [Role::Admin, Role::Secretariat, Role::Finance, Role::Auditor] {
        let user = app.user(role).await;
        let same = app.as_(&user).application(open).dossier_view().await.ok();
        assert_eq!(same, dossier, "{role:?}");
        let decided = app
            .as_(&user)
            .application(granted)
            .dossier_view()
            .await
            .ok();
        assert_eq!(decided.applications[0].id, open);
    }
}

async fn a_dossier_never_holds_bank_details_contacts_or_accounts(app: TestApp) {
    let board = seat_board(&app).await;
    let (applicant, _, open) = organisation_with_history(&app, &board).await;
    // As JSON: what is looked for is any key, anywhere, that should not be there.
    let dossier = app
        .as_(board.trustee("GH"))
        .application(open)
        .dossier()
        .await
        .ok();
    let mut found = Vec::new();
    keys(&dossier, &mut found);
    for never in [
        "bank_account_holder",
        "contact_email",
        "email",
        "users",
        "applicants",
        "state_reason",
        "created_by",
        "filed_by",
    ] {
        assert!(!found.iter().any(|k| k == never), "{never} in {dossier}");
    }
    let text = dossier.to_string();
    assert!(
        !text.contains("HOPE SHELTER"),
        "the bank holder leaks: {text}"
    );
    assert!(!text.contains(&applicant.email), "an account leaks: {text}");
    assert!(!text.contains("@example.org"), "a contact leaks: {text}");
}

async fn who_may_not_read_a_dossier(app: TestApp) {
    let board = seat_board(&app).await;
    let (applicant, granted, open) = organisation_with_history(&app, &board).await;
    let trustee = board.trustee("GH");

    // Before screening passes it to the Board, a trustee may not know it exists.
    let (_, submitted) = submitted_application(&app, "KE").await;
    app.as_(trustee)
        .application(submitted)
        .dossier()
        .await
        .refused(404, "not-found");
    // Once decided, the vote it served is over.
    app.as_(trustee)
        .application(granted)
        .dossier()
        .await
        .refused(403, "forbidden");
    // Applicants, of the same organisation or another, never.
    let (stranger, _) = application_under_review(&app, "UG").await;
    for who in [&applicant, &stranger] {
        app.as_(who)
            .application(open)
            .dossier()
            .await
            .refused(403, "forbidden");
    }
    assert_eq!(
        app.anonymous().application(open).dossier().await.status(),
        401
    );
    // An application that does not exist.
    app.as_(trustee)
        .application(ApplicationId::new())
        .dossier()
        .await
        .refused(404, "not-found");
}

async fn the_demo_trustee_has_a_queue_and_a_dossier_with_history(app: TestApp) {
    load_demo(&app).await;
    let trustee = demo_user(&app, Role::Trustee).await;
    let queue = app
        .as_(&trustee)
        .applications()
        .list(&[("awaiting_my_vote", "true"), ("limit", "100")])
        .await
        .ok();
    assert!(!queue.items.is_empty(), "nothing waits for trustee@demo");
    // Some waiting application's organisation has a record with the Fund to read.
    let mut with_history = false;
    for waiting in &queue.items {
        let dossier = app
            .as_(&trustee)
            .application(waiting.id)
            .dossier_view()
            .await
            .ok();
        with_history |= !dossier.grants.is_empty() && !dossier.applications.is_empty();
    }
    assert!(with_history, "no demo dossier with a history");
}
