//! Organisations: public registration, the secretariat's verification, members, access.

use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{registration, TestApp, PASSWORD};
use crate::on_both_backends;

on_both_backends!(
    a_registration_goes_through_verification,
    registration_refusals,
    a_refusal_needs_a_reason_and_is_recorded,
    organizations_are_seen_only_by_staff_and_their_own,
    applicants_add_colleagues_and_admins_name_real_organisations,
    only_eligible_organisations_submit,
);

async fn register(app: &TestApp, body: serde_json::Value) -> crate::helpers::Answer {
    app.send(
        Method::POST,
        "/api/v1/organizations/register",
        None,
        Some(body),
    )
    .await
}

async fn a_registration_goes_through_verification(app: TestApp) {
    let body = registration("KE");
    let email = body["applicant"]["email"].as_str().unwrap().to_string();
    let created = register(&app, body.clone()).await.expect(201);
    assert_eq!(created.body["state"], "pending");
    assert_eq!(created.body["country"], "KE");
    assert_eq!(created.body["org_type"], "ngo");
    assert_eq!(created.body["applicant"]["role"], "applicant");
    let org = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(created.body["applicant"]["organization_id"], org.as_str());

    // The applicant signs in at once and sees the organisation.
    let token = app.login(&email, PASSWORD).await;
    let me = app
        .send(Method::GET, "/api/v1/me", Some(&token), None)
        .await
        .expect(200);
    assert_eq!(me.body["organization_id"], org.as_str());
    let own = app
        .send(
            Method::GET,
            &format!("/api/v1/organizations/{org}"),
            Some(&token),
            None,
        )
        .await
        .expect(200);
    assert_eq!(own.body["state"], "pending");

    let secretariat = app.user(Role::Secretariat).await;
    let pending = app
        .get(&secretariat, "/api/v1/organizations?state=pending")
        .await
        .expect(200);
    assert_eq!(pending.body["items"][0]["id"], org.as_str());
    let verified = app
        .post(
            &secretariat,
            &format!("/api/v1/organizations/{org}/verification"),
            json!({"verified": true, "reason": "UNPP profile and bank letter checked"}),
        )
        .await
        .expect(200);
    assert_eq!(verified.body["state"], "verified");
    assert_eq!(
        verified.body["state_reason"],
        "UNPP profile and bank letter checked"
    );
    app.post(
        &secretariat,
        &format!("/api/v1/organizations/{org}/verification"),
        json!({"verified": true}),
    )
    .await
    .expect_problem(409, "conflict");
    let none = app
        .get(&secretariat, "/api/v1/organizations?state=pending")
        .await
        .expect(200);
    assert_eq!(none.body["items"].as_array().unwrap().len(), 0);

    let auditor = app.user(Role::Auditor).await;
    let trail = app
        .get(
            &auditor,
            &format!("/api/v1/audit?entity_type=organization&entity_id={org}"),
        )
        .await
        .expect(200);
    let actions: Vec<_> = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        actions,
        vec!["organization.verified", "organization.created"]
    );
    assert_eq!(
        trail.body["items"][0]["actor_id"],
        secretariat.id.to_string()
    );
    assert_eq!(trail.body["items"][1]["actor_role"], "public");
}

async fn registration_refusals(app: TestApp) {
    let mut body = registration("KE");
    body["bank_account_holder"] = json!("Someone Else Ltd");
    let refused = register(&app, body)
        .await
        .expect_problem(422, "bank-account-holder");
    assert_eq!(refused.body["rule"], "bank-account-holder");

    let body = registration("PH");
    register(&app, body.clone()).await.expect(201);
    // The same UNPP id again, with a fresh email: 409.
    let mut again = registration("PH");
    again["unpp_id"] = body["unpp_id"].clone();
    register(&app, again).await.expect_problem(409, "conflict");
    // A taken applicant email: answered as a new one (tests/api/registration_privacy.rs),
    // and nothing of that registration is kept.
    let mut taken = registration("PH");
    taken["applicant"]["email"] = body["applicant"]["email"].clone();
    let unpp = taken["unpp_id"].as_str().unwrap().to_string();
    register(&app, taken).await.expect(201);
    let staff = app.user(Role::Secretariat).await;
    let all = app.get(&staff, "/api/v1/organizations").await.expect(200);
    assert!(all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["unpp_id"] != unpp.as_str()));
    assert_eq!(all.body["items"].as_array().unwrap().len(), 1);

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
        let bad = register(&app, body).await.expect_problem(400, "validation");
        assert_eq!(bad.bad_fields(), vec![field.to_string()]);
    }
    let mut short = registration("KE");
    short["applicant"]["password"] = json!("short");
    let bad = register(&app, short)
        .await
        .expect_problem(400, "validation");
    assert_eq!(bad.bad_fields(), vec!["applicant.password"]);
}

async fn a_refusal_needs_a_reason_and_is_recorded(app: TestApp) {
    let created = register(&app, registration("CO")).await.expect(201);
    let org = created.body["id"].as_str().unwrap();
    let secretariat = app.user(Role::Secretariat).await;
    let path = format!("/api/v1/organizations/{org}/verification");
    let bad = app
        .post(&secretariat, &path, json!({"verified": false}))
        .await
        .expect_problem(400, "validation");
    assert_eq!(bad.bad_fields(), vec!["reason"]);
    for empty in [json!(""), json!("   "), json!(null)] {
        let bad = app
            .post(
                &secretariat,
                &path,
                json!({"verified": false, "reason": empty}),
            )
            .await
            .expect_problem(400, "validation");
        assert_eq!(bad.bad_fields(), vec!["reason"], "{empty}");
    }
    let still = app
        .get(&secretariat, &format!("/api/v1/organizations/{org}"))
        .await
        .expect(200);
    assert_eq!(still.body["state"], "pending");
    let refused = app
        .post(
            &secretariat,
            &path,
            json!({"verified": false, "reason": "bank letter is in another name"}),
        )
        .await
        .expect(200);
    assert_eq!(refused.body["state"], "refused");
    assert_eq!(
        refused.body["state_reason"],
        "bank letter is in another name"
    );
    for role in [Role::Admin, Role::Finance, Role::Auditor] {
        let user = app.user(role).await;
        app.post(&user, &path, json!({"verified": true}))
            .await
            .expect_problem(403, "forbidden");
    }
}

async fn organizations_are_seen_only_by_staff_and_their_own(app: TestApp) {
    let (mine, my_org) = app.verified_applicant_in("KE").await;
    let (theirs, their_org) = app.verified_applicant_in("PH").await;
    // Another organisation's id answers 404 to every read and write an applicant may
    // make; verifying, which no applicant may do, is a 403 whatever the id (decided before
    // the body is read, so it tells nothing of the organisation either).
    app.get(&mine, &format!("/api/v1/organizations/{their_org}"))
        .await
        .expect_problem(404, "not-found");
    app.post(
        &mine,
        &format!("/api/v1/organizations/{their_org}/verification"),
        json!({"verified": true}),
    )
    .await
    .expect_problem(403, "forbidden");
    app.post(
        &mine,
        &format!("/api/v1/organizations/{their_org}/users"),
        json!({"email": "spy@example.org", "name": "Spy", "password": PASSWORD}),
    )
    .await
    .expect_problem(404, "not-found");
    // An applicant cannot verify their own organisation.
    app.post(
        &theirs,
        &format!("/api/v1/organizations/{their_org}/verification"),
        json!({"verified": true}),
    )
    .await
    .expect_problem(403, "forbidden");
    // An applicant's list holds only their organisation.
    let list = app.get(&mine, "/api/v1/organizations").await.expect(200);
    let ids: Vec<_> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec![my_org.to_string()]);
    // Trustees see no organisation.
    let trustee = app.user(Role::Trustee).await;
    app.get(&trustee, &format!("/api/v1/organizations/{my_org}"))
        .await
        .expect_problem(404, "not-found");
    app.get(&trustee, "/api/v1/organizations")
        .await
        .expect_problem(403, "forbidden");
    for role in [Role::Admin, Role::Secretariat, Role::Finance, Role::Auditor] {
        let staff = app.user(role).await;
        app.get(&staff, &format!("/api/v1/organizations/{their_org}"))
            .await
            .expect(200);
        let all = app
            .get(&staff, "/api/v1/organizations?limit=1")
            .await
            .expect(200);
        assert_eq!(all.body["items"][0]["id"], their_org.to_string());
        let next = all.body["next_cursor"].as_str().unwrap();
        let rest = app
            .get(
                &staff,
                &format!("/api/v1/organizations?limit=1&cursor={next}"),
            )
            .await
            .expect(200);
        assert_eq!(rest.body["items"][0]["id"], my_org.to_string());
    }
    let anonymous = app
        .send(Method::GET, "/api/v1/organizations", None, None)
        .await;
    anonymous.expect_problem(401, "unauthorized");
}

async fn applicants_add_colleagues_and_admins_name_real_organisations(app: TestApp) {
    // An applicant of a pending organisation may add a colleague.
    let created = register(&app, registration("MD")).await.expect(201);
    let org = created.body["id"].as_str().unwrap().to_string();
    let email = created.body["applicant"]["email"]
        .as_str()
        .unwrap()
        .to_string();
    let token = app.login(&email, PASSWORD).await;
    let added = app
        .send(Method::POST, &format!("/api/v1/organizations/{org}/users"), Some(&token), Some(json!({"email": "colleague@ngo.example.org", "name": "Colleague", "password": PASSWORD})))
        .await
        .expect(201);
    assert_eq!(added.body["role"], "applicant");
    assert_eq!(added.body["organization_id"], org.as_str());
    app.login("colleague@ngo.example.org", PASSWORD).await;
    let secretariat = app.user(Role::Secretariat).await;
    app.post(
        &secretariat,
        &format!("/api/v1/organizations/{org}/users"),
        json!({"email": "x@example.org", "name": "X", "password": PASSWORD}),
    )
    .await
    .expect_problem(403, "forbidden");

    let admin = app.user(Role::Admin).await;
    let body = |org: &str| json!({"email": format!("a-{}@example.org", uuid::Uuid::new_v4().simple()), "name": "A", "role": "applicant", "password": PASSWORD, "organization_id": org});
    let bad = app
        .post(
            &admin,
            "/api/v1/users",
            body(&uuid::Uuid::new_v4().to_string()),
        )
        .await
        .expect_problem(400, "validation");
    assert_eq!(bad.bad_fields(), vec!["organization_id"]);
    app.post(&admin, "/api/v1/users", body(&org))
        .await
        .expect(201);
}

/// DOMAIN eligibility, checked at submission (`organization-ineligible`, naming the
/// condition): registered at least a year, a year of direct assistance, PSEA measures.
async fn only_eligible_organisations_submit(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let call = app.open_call().await;
    let today = chrono::Utc::now().date_naive();
    let recent = (today - chrono::Duration::days(31)).to_string();
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
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
        let email = body["applicant"]["email"].as_str().unwrap().to_string();
        let created = register(&app, body).await.expect(201);
        let org = created.body["id"].as_str().unwrap();
        app.post(
            &secretariat,
            &format!("/api/v1/organizations/{org}/verification"),
            json!({"verified": true, "reason": "documents checked"}),
        )
        .await
        .expect(200);
        let applicant = crate::helpers::TestUser {
            id: created.body["applicant"]["id"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap(),
            token: app.login(&email, PASSWORD).await,
            email,
            role: Role::Applicant,
        };
        let draft = app
            .post(
                &applicant,
                "/api/v1/applications",
                crate::helpers::application(&call),
            )
            .await
            .expect(201);
        let id = draft.body["id"].as_str().unwrap();
        let refused = app
            .post(
                &applicant,
                &format!("/api/v1/applications/{id}/submit"),
                json!({}),
            )
            .await
            .expect_problem(422, "organization-ineligible");
        let detail = refused.body["detail"].as_str().unwrap();
        assert!(detail.contains(says), "{field}: {detail}");
        let still = app
            .get(&applicant, &format!("/api/v1/applications/{id}"))
            .await
            .expect(200);
        assert_eq!(still.body["state"], "draft");
    }
    // The eligibility facts are part of the organisation's view; an eligible one submits.
    let (applicant, org) = app.verified_applicant().await;
    let view = app
        .get(&applicant, &format!("/api/v1/organizations/{org}"))
        .await
        .expect(200);
    assert_eq!(view.body["direct_assistance_since"], "2015-06-01");
    assert_eq!(view.body["psea_measures_since"], "2018-01-15");
    let draft = app
        .post(
            &applicant,
            "/api/v1/applications",
            crate::helpers::application(&call),
        )
        .await
        .expect(201);
    let id = draft.body["id"].as_str().unwrap();
    app.post(
        &applicant,
        &format!("/api/v1/applications/{id}/submit"),
        json!({}),
    )
    .await
    .expect(200);
    // A future date of first assistance is a 400 at registration.
    let mut body = registration("KE");
    body["direct_assistance_since"] = json!((today + chrono::Duration::days(3)).to_string());
    let bad = register(&app, body).await.expect_problem(400, "validation");
    assert_eq!(bad.bad_fields(), vec!["direct_assistance_since"]);
}
