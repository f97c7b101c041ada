//! Registration does not tell anyone which accounts exist (issue 10, item 5): an email
//! that already has an account gets the same answer as a new one, after the same work,
//! and nothing is stored for it.

use std::collections::BTreeSet;

use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};
use trustfund::auth::Role;
use trustfund::db::schema::{audit_events, notifications, organizations, users};

use crate::helpers::{registration, TestApp, PASSWORD};
use crate::on_both_backends;

on_both_backends!(
    an_existing_email_is_answered_as_a_new_one_and_nothing_is_stored,
    a_taken_unpp_id_is_refused_whichever_the_email,
    a_flood_with_an_existing_email_mails_its_owner_once,
);

async fn register(app: &TestApp, body: Value) -> crate::helpers::Answer {
    app.send(
        Method::POST,
        "/api/v1/organizations/register",
        None,
        Some(body),
    )
    .await
}

/// Every key path of a JSON value with the kind of value found there: the body's shape.
fn shape(value: &Value, path: &str, into: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                shape(inner, &format!("{path}.{key}"), into);
            }
        }
        Value::Array(items) => {
            into.insert(format!("{path}[]"));
            for item in items {
                shape(item, &format!("{path}[]"), into);
            }
        }
        Value::Null => {
            into.insert(format!("{path}: null"));
        }
        Value::Bool(_) => {
            into.insert(format!("{path}: bool"));
        }
        Value::Number(_) => {
            into.insert(format!("{path}: number"));
        }
        Value::String(_) => {
            into.insert(format!("{path}: string"));
        }
    }
}

fn shape_of(value: &Value) -> BTreeSet<String> {
    let mut into = BTreeSet::new();
    shape(value, "", &mut into);
    into
}

async fn counts(app: &TestApp) -> (i64, i64, i64) {
    app.with_db(|conn| {
        (
            organizations::table.count().get_result(conn).unwrap(),
            users::table.count().get_result(conn).unwrap(),
            audit_events::table.count().get_result(conn).unwrap(),
        )
    })
    .await
}

async fn an_existing_email_is_answered_as_a_new_one_and_nothing_is_stored(app: TestApp) {
    let first = registration("KE");
    let email = first["applicant"]["email"].as_str().unwrap().to_string();
    let created = register(&app, first.clone()).await.expect(201);

    let before = counts(&app).await;
    let mut again = registration("UG");
    again["applicant"]["email"] = json!(email);
    again["applicant"]["password"] = json!("another long password 2026");
    let unpp = again["unpp_id"].as_str().unwrap().to_string();
    let answered = register(&app, again.clone()).await.expect(201);

    // The same status and the same body, field for field in kind; the values are the
    // request's, as for any registration.
    assert_eq!(shape_of(&answered.body), shape_of(&created.body));
    assert_eq!(answered.body["state"], "pending");
    assert_eq!(answered.body["country"], "UG");
    assert_eq!(answered.body["unpp_id"], unpp.as_str());
    assert_eq!(answered.body["applicant"]["email"], email.as_str());
    assert_eq!(
        answered.body["applicant"]["organization_id"],
        answered.body["id"]
    );
    assert_ne!(answered.body["id"], created.body["id"]);
    assert_ne!(
        answered.body["applicant"]["id"],
        created.body["applicant"]["id"]
    );
    assert_eq!(
        answered.header("content-type"),
        created.header("content-type")
    );

    // Nothing stored: no organisation, no account, no audit event.
    assert_eq!(counts(&app).await, before);
    let staff = app.user(Role::Secretariat).await;
    let ghost = answered.body["id"].as_str().unwrap();
    app.get(&staff, &format!("/api/v1/organizations/{ghost}"))
        .await
        .expect(404);
    let all = app.get(&staff, "/api/v1/organizations").await.expect(200);
    assert!(all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["unpp_id"] != unpp.as_str()));

    // The account is untouched: its own password still signs in, the new one does not.
    app.login(&email, PASSWORD).await;
    app.send(
        Method::POST,
        "/api/v1/auth/login",
        None,
        Some(json!({"email": email, "password": "another long password 2026"})),
    )
    .await
    .expect_problem(401, "unauthorized");

    // The email is compared as the service stores it: another case is the same account.
    let mut shouted = registration("TZ");
    shouted["applicant"]["email"] = json!(email.to_uppercase());
    let before = counts(&app).await;
    register(&app, shouted).await.expect(201);
    assert_eq!(counts(&app).await, before);
}

async fn a_taken_unpp_id_is_refused_whichever_the_email(app: TestApp) {
    let first = registration("KE");
    register(&app, first.clone()).await.expect(201);

    // A taken UNPP id with a new email and with the taken email: the same 409, so the
    // refusal tells nothing about the email either.
    let mut new_email = registration("KE");
    new_email["unpp_id"] = first["unpp_id"].clone();
    let a = register(&app, new_email)
        .await
        .expect_problem(409, "conflict");
    let mut old_email = registration("KE");
    old_email["unpp_id"] = first["unpp_id"].clone();
    old_email["applicant"]["email"] = first["applicant"]["email"].clone();
    let b = register(&app, old_email)
        .await
        .expect_problem(409, "conflict");
    assert_eq!(a.body["detail"], b.body["detail"]);
}

/// The mails queued to `user` telling of a registration with its email.
async fn attempt_mails(app: &TestApp, user: String) -> i64 {
    app.with_db(move |conn| {
        notifications::table
            .filter(notifications::recipient_user_id.eq(user))
            .filter(notifications::event.eq("registration.attempted"))
            .count()
            .get_result(conn)
            .unwrap()
    })
    .await
}

async fn a_flood_with_an_existing_email_mails_its_owner_once(app: TestApp) {
    let first = registration("KE");
    let email = first["applicant"]["email"].as_str().unwrap().to_string();
    let created = register(&app, first).await.expect(201);
    let owner = created.body["applicant"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(attempt_mails(&app, owner.clone()).await, 0);

    // 20 registrations with the email, half through another instance, at once (from
    // different addresses, so the per-address limit lets them all through): every one is
    // answered as a new registration, and the owner gets one mail.
    let other = app.another_instance().await;
    let flood = (0..20).map(|i| {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            other.clone()
        };
        let mut body = registration("UG");
        body["applicant"]["email"] = json!(email);
        let client = reqwest::Client::builder()
            .local_address(std::net::IpAddr::from([127, 0, 1, 1 + i as u8]))
            .build()
            .unwrap();
        let request = client
            .post(format!("{base}/api/v1/organizations/register"))
            .json(&body);
        async move { crate::helpers::answer(request.send().await.unwrap()).await }
    });
    let answers = futures_util::future::join_all(flood).await;
    for answer in &answers {
        assert_eq!(answer.status, 201, "{}", answer.text);
        assert_eq!(shape_of(&answer.body), shape_of(&created.body));
    }
    assert_eq!(attempt_mails(&app, owner.clone()).await, 1);

    // An hour later (the mail's time moved back an hour), the next attempt tells again.
    let moved = owner.clone();
    app.with_db(move |conn| {
        diesel::update(notifications::table.filter(notifications::recipient_user_id.eq(moved)))
            .set(
                notifications::created_at
                    .eq(chrono::Utc::now().naive_utc() - chrono::Duration::minutes(61)),
            )
            .execute(conn)
            .unwrap()
    })
    .await;
    let mut again = registration("TZ");
    again["applicant"]["email"] = json!(email);
    register(&app, again).await.expect(201);
    assert_eq!(attempt_mails(&app, owner).await, 2);
}
