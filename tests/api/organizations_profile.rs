//! An organisation keeps its profile: its applicants and the secretariat edit contact,
//! address and eligibility dates; a new legal name or bank account holder sends it back
//! to verification, and no money moves toward it until the secretariat verifies it again.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Value};
use trustfund::api::organizations::VerificationRequest;
use trustfund::auth::Role;
use trustfund::domain::OrganizationId;
use trustfund::organizations::{OrgState, OrganizationView};

use crate::helpers::{registration, TestApp, TestUser, PASSWORD};
use crate::on_both_backends;
use crate::support::bodies;
use crate::support::bodies::disbursement;
use crate::support::grants::signed_grant;
use crate::support::scenarios::{open_call, verified_organization};

on_both_backends!(
    its_applicant_and_the_secretariat_edit_contact_address_and_dates,
    edits_that_are_refused_write_nothing,
    a_psea_date_makes_an_ineligible_organisation_eligible,
    a_new_legal_name_sends_it_back_to_verification,
    a_new_bank_account_holder_holds_payments_until_verified_again,
);

async fn read(app: &TestApp, who: &TestUser, org: OrganizationId) -> OrganizationView {
    app.as_(who).organization(org).get().await.ok()
}

/// Every audit event and every queued mail, counted: what a refusal must leave as it was.
async fn footprint(app: &TestApp) -> (i64, i64) {
    app.with_db(|c| {
        use diesel::prelude::*;
        use trustfund::db::schema::{audit_events, notifications};
        let events: i64 = audit_events::table.count().get_result(c).unwrap();
        let mails: i64 = notifications::table.count().get_result(c).unwrap();
        (events, mails)
    })
    .await
}

/// The events (and their user) of every mail queued, oldest first.
async fn mails(app: &TestApp) -> Vec<(String, Option<String>)> {
    app.with_db(|c| {
        use diesel::prelude::*;
        use trustfund::db::schema::notifications as n;
        n::table
            .order((n::created_at, n::id))
            .select((n::event, n::recipient_user_id))
            .load(c)
            .unwrap()
    })
    .await
}

/// The organisation's audit events, newest first, as the auditor reads them.
async fn trail(app: &TestApp, org: OrganizationId) -> Vec<(String, Value)> {
    let auditor = app.user(Role::Auditor).await;
    let page = app
        .as_(&auditor)
        .audit()
        .list(&[
            ("entity_type", "organization".to_string()),
            ("entity_id", org.to_string()),
        ])
        .await
        .ok();
    page.items
        .into_iter()
        .map(|e| (e.action, e.changes))
        .collect()
}

/// What an `organization.profile_updated` event records: the fields changed, old → new
/// where the values are kept, and the state when it moved.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileChange {
    changed: Vec<String>,
    values: BTreeMap<String, FromTo>,
    version: i64,
    state: Option<StateMove>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FromTo {
    from: Option<String>,
    to: Option<String>,
}

/// A value's move from one text to another.
fn from_to(from: &str, to: &str) -> FromTo {
    FromTo {
        from: Some(from.to_string()),
        to: Some(to.to_string()),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateMove {
    from: OrgState,
    to: OrgState,
    reason: Option<String>,
}

#[track_caller]
fn profile_change(changes: &Value) -> ProfileChange {
    serde_json::from_value(changes.clone())
        .unwrap_or_else(|e| panic!("not a profile change: {e}; {changes}"))
}

/// An edit by `who` refused with a 400 naming `field`.
async fn bad(app: &TestApp, who: &TestUser, org: OrganizationId, body: Value, field: &str) {
    let problem = app
        .as_(who)
        .organization(org)
        .update(&body)
        .await
        .refused(400, "validation");
    assert!(
        problem.fields().contains(&field) || problem.detail.contains(field),
        "{field}: {problem:?}"
    );
}

async fn its_applicant_and_the_secretariat_edit_contact_address_and_dates(app: TestApp) {
    let (applicant, org) = verified_organization(&app, "KE").await;
    let before = read(&app, &applicant, org).await;
    let address = "Plot 12, Ngong Road\nP.O. Box 1234-00100\nNairobi, Kenya";
    let edited = app
        .as_(&applicant)
        .organization(org)
        .update(&json!({
            "version": before.version,
            "contact_email": "director@hope.example.org",
            "contact_name": "Wanjiru Kamau",
            "contact_phone": "+254 20 123 4567",
            "postal_address": address,
            "direct_assistance_since": "2014-01-01",
        }))
        .await
        .ok();
    assert_eq!(edited.contact_email, "director@hope.example.org");
    assert_eq!(edited.contact_name.as_deref(), Some("Wanjiru Kamau"));
    assert_eq!(edited.contact_phone.as_deref(), Some("+254 20 123 4567"));
    assert_eq!(edited.postal_address.as_deref(), Some(address));
    assert_eq!(edited.direct_assistance_since.to_string(), "2014-01-01");
    assert_eq!(edited.version, before.version + 1);
    // Contact, address and dates do not touch the verification.
    assert_eq!(edited.state, OrgState::Verified);
    let seen = read(&app, &applicant, org).await;
    assert_eq!(seen.postal_address.as_deref(), Some(address));
    assert_eq!(seen.version, edited.version);

    // The secretariat corrects the date of registration and clears the telephone.
    let secretariat = app.user(Role::Secretariat).await;
    let corrected = app
        .as_(&secretariat)
        .organization(org)
        .update(
            &json!({"version": edited.version, "registered_on": "2012-05-04",
                        "contact_phone": null}),
        )
        .await
        .ok();
    assert_eq!(corrected.registered_on.to_string(), "2012-05-04");
    assert_eq!(corrected.contact_phone, None);
    assert_eq!(corrected.contact_name.as_deref(), Some("Wanjiru Kamau"));
    assert_eq!(corrected.state, OrgState::Verified);

    // Audited with the fields changed: dates old → new, contact details by name only.
    let events = trail(&app, org).await;
    let (action, changes) = &events[0];
    assert_eq!(action, "organization.profile_updated");
    let change = profile_change(changes);
    assert_eq!(change.changed, ["contact_phone", "registered_on"]);
    assert_eq!(change.version, corrected.version);
    assert_eq!(
        change.values.get("registered_on"),
        Some(&from_to("2015-03-01", "2012-05-04"))
    );
    let (action, changes) = &events[1];
    assert_eq!(action, "organization.profile_updated");
    let change = profile_change(changes);
    assert_eq!(
        change.changed,
        [
            "contact_email",
            "contact_name",
            "contact_phone",
            "postal_address",
            "direct_assistance_since"
        ]
    );
    // The whole event as written: no contact detail anywhere in it.
    let logged = changes.to_string();
    for private in ["director@hope", "Wanjiru", "254 20", "Ngong"] {
        assert!(!logged.contains(private), "{private} in {logged}");
    }
    assert_eq!(
        change.values.get("direct_assistance_since"),
        Some(&from_to("2015-06-01", "2014-01-01"))
    );
    // No change of name or bank account holder: nobody is mailed.
    assert!(!mails(&app).await.iter().any(
        |(event, _)| event == "organization.reverification" || event == "organization.changed"
    ));
}

async fn edits_that_are_refused_write_nothing(app: TestApp) {
    let (applicant, org) = verified_organization(&app, "KE").await;
    let (stranger, _) = verified_organization(&app, "UG").await;
    let version = read(&app, &applicant, org).await.version;
    let edit = json!({"version": version, "contact_email": "new@hope.example.org"});
    let mut others = Vec::new();
    for role in [Role::Finance, Role::Admin, Role::Auditor, Role::Trustee] {
        others.push(app.user(role).await);
    }
    let before = footprint(&app).await;

    // Another organisation's applicant: the same 404 as for reading it.
    app.as_(&stranger)
        .organization(org)
        .get()
        .await
        .refused(404, "not-found");
    app.as_(&stranger)
        .organization(org)
        .update(&edit)
        .await
        .refused(404, "not-found");
    app.anonymous()
        .organization(org)
        .update(&edit)
        .await
        .refused(401, "unauthorized");
    for user in &others {
        app.as_(user)
            .organization(org)
            .update(&edit)
            .await
            .refused(403, "forbidden");
    }
    let me = app.as_(&applicant).organization(org);
    // Fields nobody changes, or only the secretariat; unknown fields; malformed values.
    bad(
        &app,
        &applicant,
        org,
        json!({"version": version, "country": "UG"}),
        "country",
    )
    .await;
    bad(
        &app,
        &applicant,
        org,
        json!({"version": version, "unpp_id": "UNPP-1"}),
        "unpp_id",
    )
    .await;
    bad(
        &app,
        &applicant,
        org,
        json!({"version": version, "org_type": "governmental"}),
        "org_type",
    )
    .await;
    bad(
        &app,
        &applicant,
        org,
        json!({"version": version, "registered_on": "2010-01-01"}),
        "registered_on",
    )
    .await;
    bad(
        &app,
        &applicant,
        org,
        json!({"version": version, "colour": "blue"}),
        "colour",
    )
    .await;
    bad(
        &app,
        &applicant,
        org,
        json!({"version": version, "contact_phone": "call me"}),
        "contact_phone",
    )
    .await;
    bad(
        &app,
        &applicant,
        org,
        json!({"version": version, "contact_email": "nope"}),
        "contact_email",
    )
    .await;
    let far = bodies::days_from_today(3).to_string();
    bad(
        &app,
        &applicant,
        org,
        json!({"version": version, "direct_assistance_since": far}),
        "direct_assistance_since",
    )
    .await;
    let long = "x".repeat(501);
    bad(
        &app,
        &applicant,
        org,
        json!({"version": version, "postal_address": long}),
        "postal_address",
    )
    .await;
    // Nothing named, or nothing new: 400.
    bad(
        &app,
        &applicant,
        org,
        json!({"version": version}),
        "version",
    )
    .await;
    let current = read(&app, &applicant, org).await.contact_email;
    bad(
        &app,
        &applicant,
        org,
        json!({"version": version, "contact_email": current}),
        "version",
    )
    .await;
    // The bank account stays in the organisation's own name.
    let problem = me
        .clone()
        .update(&json!({"version": version, "bank_account_holder": "Someone Else Ltd"}))
        .await
        .refused(422, "bank-account-holder");
    assert_eq!(problem.fields(), vec!["bank_account_holder"]);
    me.clone()
        .update(&json!({"version": version, "legal_name": "Another Name"}))
        .await
        .refused(422, "bank-account-holder");
    // A stale version: somebody changed it since.
    me.clone()
        .update(&json!({"version": version - 1, "contact_email": "new@hope.example.org"}))
        .await
        .refused(409, "conflict");

    assert_eq!(footprint(&app).await, before, "a refusal writes nothing");
    let after = read(&app, &applicant, org).await;
    assert_eq!(after.version, version);
    assert_eq!(after.state, OrgState::Verified);

    // Two edits made on the same version: the second is told, not lost.
    let secretariat = app.user(Role::Secretariat).await;
    app.as_(&secretariat)
        .organization(org)
        .update(&json!({"version": version, "contact_name": "Ana"}))
        .await
        .ok();
    me.clone()
        .update(&json!({"version": version, "contact_name": "Bo"}))
        .await
        .refused(409, "conflict");
    assert_eq!(
        read(&app, &applicant, org).await.contact_name.as_deref(),
        Some("Ana")
    );
}

async fn a_psea_date_makes_an_ineligible_organisation_eligible(app: TestApp) {
    let mut body = registration("KE");
    body["psea_measures_since"] = Value::Null;
    let registered = app
        .anonymous()
        .organizations()
        .register(&body)
        .await
        .created();
    let org = registered.organization.id;
    let email = registered.applicant.email.clone();
    let secretariat = app.user(Role::Secretariat).await;
    app.as_(&secretariat)
        .organization(org)
        .verify(&VerificationRequest {
            verified: true,
            reason: Some(bodies::text("documents checked")),
        })
        .await
        .ok();
    let applicant = TestUser {
        id: registered.applicant.id.as_uuid(),
        token: app.login(&email, PASSWORD).await,
        email,
        role: Role::Applicant,
    };
    let call = open_call(&app).await;
    let as_applicant = app.as_(&applicant);
    let draft = as_applicant
        .applications()
        .create(&bodies::application(call))
        .await
        .created();
    as_applicant
        .application(draft.id)
        .submit()
        .await
        .refused(422, "organization-ineligible")
        .says("sexual exploitation and abuse");

    let version = read(&app, &applicant, org).await.version;
    let since = bodies::days_from_today(-30).to_string();
    let edited = as_applicant
        .organization(org)
        .update(&json!({"version": version, "psea_measures_since": since}))
        .await
        .ok();
    assert_eq!(
        edited.psea_measures_since.map(|d| d.to_string()),
        Some(since)
    );
    assert_eq!(
        edited.state,
        OrgState::Verified,
        "a PSEA date is no payee change"
    );

    as_applicant.application(draft.id).submit().await.ok();
    let screened = app
        .as_(&secretariat)
        .application(draft.id)
        .screen(&crate::support::bodies::screen_eligible())
        .await
        .ok();
    assert_eq!(
        screened.state,
        trustfund::applications::ApplicationState::UnderReview
    );
}

async fn a_new_legal_name_sends_it_back_to_verification(app: TestApp) {
    let (applicant, org) = verified_organization(&app, "KE").await;
    let secretariat = app.user(Role::Secretariat).await;
    let finance = app.user(Role::Finance).await;
    let call = open_call(&app).await;
    let draft = app
        .as_(&applicant)
        .applications()
        .create(&bodies::application(call))
        .await
        .created();
    let before = read(&app, &applicant, org).await;
    let queued = mails(&app).await.len();

    let edited = app
        .as_(&applicant)
        .organization(org)
        .update(&json!({"version": before.version,
                        "legal_name": "Hope Shelters International",
                        "bank_account_holder": "HOPE SHELTERS INTERNATIONAL"}))
        .await
        .ok();
    assert_eq!(edited.state, OrgState::Pending);
    let reason = edited.state_reason.clone().unwrap();
    assert!(
        reason.contains("legal name") && reason.contains("bank account holder"),
        "{reason}"
    );
    assert_eq!(read(&app, &secretariat, org).await.state, OrgState::Pending);

    // Audited: the names old → new and the state.
    let (action, changes) = &trail(&app, org).await[0];
    assert_eq!(action, "organization.profile_updated");
    let change = profile_change(changes);
    assert_eq!(
        change.values.get("legal_name"),
        Some(&from_to(&before.legal_name, "Hope Shelters International"))
    );
    assert_eq!(
        change.values.get("bank_account_holder"),
        Some(&from_to(
            &before.bank_account_holder,
            "HOPE SHELTERS INTERNATIONAL"
        ))
    );
    let moved = change.state.expect("the state moved");
    assert_eq!(
        (moved.from, moved.to),
        (OrgState::Verified, OrgState::Pending)
    );
    assert_eq!(moved.reason, edited.state_reason);

    // Mailed in the same transaction: its applicants, the secretariat and finance.
    let new: Vec<_> = mails(&app).await.split_off(queued);
    let to = |event: &str| -> Vec<String> {
        new.iter()
            .filter(|(e, _)| e == event)
            .filter_map(|(_, user)| user.clone())
            .collect()
    };
    assert_eq!(
        to("organization.reverification"),
        vec![applicant.id.to_string()]
    );
    let staff = to("organization.changed");
    assert!(staff.contains(&secretariat.id.to_string()), "{staff:?}");
    assert!(staff.contains(&finance.id.to_string()), "{staff:?}");

    // Pending again, as a newly registered organisation: it drafts but does not submit.
    app.as_(&applicant)
        .application(draft.id)
        .submit()
        .await
        .refused(422, "organization-not-verified");
    app.as_(&secretariat)
        .organization(org)
        .verify(&json!({"verified": true, "reason": "new certificate of registration checked"}))
        .await
        .ok();
    app.as_(&applicant)
        .application(draft.id)
        .submit()
        .await
        .ok();
}

async fn a_new_bank_account_holder_holds_payments_until_verified_again(app: TestApp) {
    let grant = signed_grant(&app, "100000.00").await;
    let org = grant.organization;
    let before = read(&app, &grant.applicant, org).await;
    // The same name, as the new bank's records write it.
    let holder = before.legal_name.to_uppercase().replace(' ', "  ");
    assert_ne!(holder, before.bank_account_holder);
    let edited = app
        .as_(&grant.applicant)
        .organization(org)
        .update(&json!({"version": before.version, "bank_account_holder": holder}))
        .await
        .ok();
    assert_eq!(edited.state, OrgState::Pending);
    assert!(edited.state_reason.unwrap().contains("bank account holder"));

    let finance = app.as_(&grant.finance);
    let (events, mails_before) = footprint(&app).await;
    finance
        .grant(grant.grant)
        .pay(&disbursement(1, "15000.00"))
        .await
        .refused(422, "organization-not-verified");
    assert_eq!(
        footprint(&app).await,
        (events, mails_before),
        "nothing paid"
    );
    let paid = finance.grant(grant.grant).disbursements().await.ok();
    assert!(paid.items.is_empty());

    app.as_(&grant.secretariat)
        .organization(org)
        .verify(&json!({"verified": true, "reason": "bank letter for the new account checked"}))
        .await
        .ok();
    finance
        .grant(grant.grant)
        .pay(&disbursement(1, "15000.00"))
        .await
        .created();
}
