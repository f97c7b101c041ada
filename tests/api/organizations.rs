//! Organisations: public registration, the secretariat's verification, members, access.
//!
//! A registration and a new applicant carry a password, which the crate's request types
//! only read: those bodies are JSON (`helpers::registration`), and the refusals below put
//! wrong values in them on purpose.

use serde_json::{json, Value};
use trustfund::api::organizations::VerificationRequest;
use trustfund::applications::ApplicationState;
use trustfund::auth::Role;
use trustfund::domain::OrganizationId;
use trustfund::organizations::{OrgState, OrgType, RegisteredView};

use crate::helpers::{registration, TestApp, TestUser, PASSWORD};
use crate::on_both_backends;
use crate::support::bodies::{self, country};
use crate::support::resources::ALL;
use crate::support::scenarios::{open_call, verified_organization};
use crate::support::{text, Reply};

on_both_backends!(
    a_registration_goes_through_verification,
    registration_refusals,
    a_refusal_needs_a_reason_and_is_recorded,
    organizations_are_seen_only_by_staff_and_their_own,
    applicants_add_colleagues_and_admins_name_real_organisations,
    only_eligible_organisations_submit,
);

async fn register(app: &TestApp, body: &Value) -> Reply<RegisteredView> {
    app.anonymous().organizations().register(body).await
}

fn verify(reason: Option<&str>) -> VerificationRequest {
    VerificationRequest {
        verified: true,
        reason: reason.map(text),
    }
}

fn refuse(reason: &str) -> VerificationRequest {
    VerificationRequest {
        verified: false,
        reason: Some(text(reason)),
    }
}

/// A new applicant account for an organisation (it carries a password: JSON).
fn colleague(email: &str, name: &str) -> Value {
    json!({"email": email, "name": name, "password": PASSWORD})
}

/// The ids of a page of organisations, in order.
fn ids(items: &[trustfund::organizations::OrganizationView]) -> Vec<OrganizationId> {
    items.iter().map(|o| o.id).collect()
}

async fn a_registration_goes_through_verification(app: TestApp) {
    let created = register(&app, &registration("KE")).await.created();
    let email = created.applicant.email.clone();
    assert_eq!(created.organization.state, OrgState::Pending);
    assert_eq!(created.organization.country, country("KE"));
    assert_eq!(created.organization.org_type, OrgType::Ngo);
    assert_eq!(created.applicant.role, Role::Applicant);
    let org = created.organization.id;
    assert_eq!(created.applicant.organization_id, Some(org));

    // The applicant signs in at once and sees the organisation.
    let token = app.login(&email, PASSWORD).await;
    let me = app.with_token(&token).me().get().await.ok();
    assert_eq!(me.organization_id, Some(org));
    let own = app.with_token(&token).organization(org).get().await.ok();
    assert_eq!(own.state, OrgState::Pending);

    let secretariat = app.user(Role::Secretariat).await;
    let as_secretariat = app.as_(&secretariat);
    let pending = as_secretariat
        .organizations()
        .list(&[("state", "pending")])
        .await
        .ok();
    assert_eq!(pending.items[0].id, org);
    let verified = as_secretariat
        .organization(org)
        .verify(&verify(Some("UNPP profile and bank letter checked")))
        .await
        .ok();
    assert_eq!(verified.state, OrgState::Verified);
    assert_eq!(
        verified.state_reason.as_deref(),
        Some("UNPP profile and bank letter checked")
    );
    as_secretariat
        .organization(org)
        .verify(&verify(None))
        .await
        .refused(409, "conflict");
    let none = as_secretariat
        .organizations()
        .list(&[("state", "pending")])
        .await
        .ok();
    assert_eq!(none.items.len(), 0);

    let auditor = app.user(Role::Auditor).await;
    let org_id = org.to_string();
    let trail = app
        .as_(&auditor)
        .audit()
        .list(&[("entity_type", "organization"), ("entity_id", &org_id)])
        .await
        .ok();
    let actions: Vec<_> = trail.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        vec!["organization.verified", "organization.created"]
    );
    assert_eq!(trail.items[0].actor_id, Some(secretariat.id.to_string()));
    assert_eq!(trail.items[1].actor_role.as_deref(), Some("public"));
}

async fn registration_refusals(app: TestApp) {
    let mut body = registration("KE");
    body["bank_account_holder"] = json!("Someone Else Ltd");
    let refused = register(&app, &body)
        .await
        .refused(422, "bank-account-holder");
    assert_eq!(refused.rule.as_deref(), Some("bank-account-holder"));

    let first = register(&app, &registration("PH")).await.created();
    // The same UNPP id again, with a fresh email: 409.
    let mut again = registration("PH");
    again["unpp_id"] = json!(first.organization.unpp_id);
    register(&app, &again).await.refused(409, "conflict");
    // A taken applicant email: answered as a new one (tests/api/registration_privacy.rs),
    // and nothing of that registration is kept.
    let mut taken = registration("PH");
    taken["applicant"]["email"] = json!(first.applicant.email);
    let unpp = taken["unpp_id"].as_str().unwrap().to_string();
    register(&app, &taken).await.created();
    let staff = app.user(Role::Secretariat).await;
    let all = app.as_(&staff).organizations().list(ALL).await.ok();
    assert!(all.items.iter().all(|o| o.unpp_id != unpp));
    assert_eq!(all.items.len(), 1);

    for (field, value) in [
        ("country", json!("XX")),
        ("country", json!("TW")),
        ("org_type", json!("company")),
        ("registered_on", json!("2999-01-01")),
        ("contact_email", json!("not-an-email")),
        ("legal_name", json!("bad\u{0}name")),
    ] {
        let mut body = registration("KE");
        body[field] = value;
        let bad = register(&app, &body).await.refused(400, "validation");
        assert_eq!(bad.fields(), vec![field]);
    }
    let mut short = registration("KE");
    short["applicant"]["password"] = json!("short");
    let bad = register(&app, &short).await.refused(400, "validation");
    assert_eq!(bad.fields(), vec!["applicant.password"]);
}

async fn a_refusal_needs_a_reason_and_is_recorded(app: TestApp) {
    let created = register(&app, &registration("CO")).await.created();
    let org = created.organization.id;
    let secretariat = app.user(Role::Secretariat).await;
    let as_secretariat = app.as_(&secretariat);
    let bad = as_secretariat
        .organization(org)
        .verify(&json!({"verified": false}))
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["reason"]);
    // Blank reasons, which `Text` cannot even hold: JSON.
    for empty in [json!(""), json!("   "), json!(null)] {
        let bad = as_secretariat
            .organization(org)
            .verify(&json!({"verified": false, "reason": empty}))
            .await
            .refused(400, "validation");
        assert_eq!(bad.fields(), vec!["reason"], "{empty}");
    }
    let still = as_secretariat.organization(org).get().await.ok();
    assert_eq!(still.state, OrgState::Pending);
    let refused = as_secretariat
        .organization(org)
        .verify(&refuse("bank letter is in another name"))
        .await
        .ok();
    assert_eq!(refused.state, OrgState::Refused);
    assert_eq!(
        refused.state_reason.as_deref(),
        Some("bank letter is in another name")
    );
    for role in [Role::Admin, Role::Finance, Role::Auditor] {
        let user = app.user(role).await;
        app.as_(&user)
            .organization(org)
            .verify(&verify(None))
            .await
            .refused(403, "forbidden");
    }
}

async fn organizations_are_seen_only_by_staff_and_their_own(app: TestApp) {
    let (mine, my_org) = verified_organization(&app, "KE").await;
    let (theirs, their_org) = verified_organization(&app, "PH").await;
    let as_mine = app.as_(&mine);
    // Another organisation's id answers 404 to every read and write an applicant may
    // make; verifying, which no applicant may do, is a 403 whatever the id (decided before
    // the body is read, so it tells nothing of the organisation either).
    as_mine
        .organization(their_org)
        .get()
        .await
        .refused(404, "not-found");
    as_mine
        .organization(their_org)
        .verify(&verify(None))
        .await
        .refused(403, "forbidden");
    as_mine
        .organization(their_org)
        .add_applicant(&colleague("spy@example.org", "Spy"))
        .await
        .refused(404, "not-found");
    // An applicant cannot verify their own organisation.
    app.as_(&theirs)
        .organization(their_org)
        .verify(&verify(None))
        .await
        .refused(403, "forbidden");
    // An applicant's list holds only their organisation.
    let list = as_mine.organizations().list(ALL).await.ok();
    assert_eq!(ids(&list.items), vec![my_org]);
    // Trustees see no organisation.
    let trustee = app.user(Role::Trustee).await;
    app.as_(&trustee)
        .organization(my_org)
        .get()
        .await
        .refused(404, "not-found");
    app.as_(&trustee)
        .organizations()
        .list(ALL)
        .await
        .refused(403, "forbidden");
    for role in [Role::Admin, Role::Secretariat, Role::Finance, Role::Auditor] {
        let staff = app.user(role).await;
        let as_staff = app.as_(&staff);
        as_staff.organization(their_org).get().await.ok();
        let all = as_staff.organizations().list(&[("limit", "1")]).await.ok();
        assert_eq!(ids(&all.items), vec![their_org]);
        let next = all.next_cursor.expect("a next page");
        let rest = as_staff
            .organizations()
            .list(&[("limit", "1"), ("cursor", next.as_str())])
            .await
            .ok();
        assert_eq!(rest.items[0].id, my_org);
    }
    app.anonymous()
        .organizations()
        .list(ALL)
        .await
        .refused(401, "unauthorized");
}

async fn applicants_add_colleagues_and_admins_name_real_organisations(app: TestApp) {
    // An applicant of a pending organisation may add a colleague.
    let body = registration("MD");
    let created = register(&app, &body).await.created();
    let org = created.organization.id;
    let token = app.login(&created.applicant.email, PASSWORD).await;
    let added = app
        .with_token(&token)
        .organization(org)
        .add_applicant(&colleague("colleague@ngo.example.org", "Colleague"))
        .await
        .created();
    assert_eq!(added.role, Role::Applicant);
    assert_eq!(added.organization_id, Some(org));
    app.login("colleague@ngo.example.org", PASSWORD).await;
    let secretariat = app.user(Role::Secretariat).await;
    app.as_(&secretariat)
        .organization(org)
        .add_applicant(&colleague("x@example.org", "X"))
        .await
        .refused(403, "forbidden");

    let admin = app.user(Role::Admin).await;
    let body = |org: &str| json!({"email": format!("a-{}@example.org", uuid::Uuid::new_v4().simple()), "name": "A", "role": "applicant", "password": PASSWORD, "organization_id": org});
    let bad = app
        .as_(&admin)
        .users()
        .create(&body(&uuid::Uuid::new_v4().to_string()))
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["organization_id"]);
    app.as_(&admin)
        .users()
        .create(&body(&org.to_string()))
        .await
        .created();
}

/// DOMAIN eligibility, checked at submission (`organization-ineligible`, naming the
/// condition): registered at least a year, a year of direct assistance, PSEA measures.
async fn only_eligible_organisations_submit(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let call = open_call(&app).await;
    let today = bodies::today();
    let recent = bodies::days_from_today(-31).to_string();
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "registered_on",
            json!(recent),
            "registered for at least one year",
        ),
        (
            "direct_assistance_since",
            json!(recent),
            "one year of direct assistance",
        ),
        (
            "psea_measures_since",
            json!(null),
            "sexual exploitation and abuse",
        ),
    ];
    for (field, value, says) in cases {
        let mut body = registration("KE");
        body[field] = value;
        let created = register(&app, &body).await.created();
        let email = created.applicant.email.clone();
        app.as_(&secretariat)
            .organization(created.organization.id)
            .verify(&verify(Some("documents checked")))
            .await
            .ok();
        let applicant = TestUser {
            id: created.applicant.id.as_uuid(),
            token: app.login(&email, PASSWORD).await,
            email,
            role: Role::Applicant,
        };
        let as_applicant = app.as_(&applicant);
        let draft = as_applicant
            .applications()
            .create(&bodies::application(call))
            .await
            .created();
        let refused = as_applicant
            .application(draft.id)
            .submit()
            .await
            .refused(422, "organization-ineligible");
        assert!(refused.detail.contains(says), "{field}: {}", refused.detail);
        let still = as_applicant.application(draft.id).get().await.ok();
        assert_eq!(still.state, ApplicationState::Draft);
    }
    // The eligibility facts are part of the organisation's view; an eligible one submits.
    let (applicant, org) = verified_organization(&app, "KE").await;
    let as_applicant = app.as_(&applicant);
    let view = as_applicant.organization(org).get().await.ok();
    assert_eq!(view.direct_assistance_since, bodies::date("2015-06-01"));
    assert_eq!(view.psea_measures_since, Some(bodies::date("2018-01-15")));
    let draft = as_applicant
        .applications()
        .create(&bodies::application(call))
        .await
        .created();
    as_applicant.application(draft.id).submit().await.ok();
    // A future date of first assistance is a 400 at registration.
    let mut body = registration("KE");
    body["direct_assistance_since"] = json!((today + chrono::Duration::days(3)).to_string());
    let bad = register(&app, &body).await.refused(400, "validation");
    assert_eq!(bad.fields(), vec!["direct_assistance_since"]);
}
