//! Registration does not tell anyone which accounts exist (issue 10, item 5): an email
//! that already has an account gets the same answer as a new one, after the same work,
//! and nothing is stored for it.

use std::collections::BTreeSet;

use diesel::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};
use trustfund::auth::Role;
use trustfund::db::schema::{audit_events, notifications, organizations, users};
use trustfund::organizations::{OrgState, RegisteredView};

use crate::helpers::{registration, Answer, TestApp, PASSWORD};
use crate::on_both_backends;
use crate::support::resources::ALL;
use crate::support::{bodies, paths};

on_both_backends!(
    an_existing_email_is_answered_as_a_new_one_and_nothing_is_stored,
    a_taken_unpp_id_is_refused_whichever_the_email,
    a_flood_with_an_existing_email_mails_its_owner_once,
);

// The registrations are JSON: they carry a password, which the crate's request type only
// reads. The answers are read whole as JSON where their shape is what is compared (an
// existing email must not show in it), and as the crate's view for their values.

/// A registration as anyone may send it: the answer whole (status, headers, body).
async fn register(app: &TestApp, body: &Value) -> Answer {
    app.anonymous().organizations().register(body).await.raw()
}

/// A registration's answer, read as the crate's view.
#[track_caller]
fn registered(answer: &Answer) -> RegisteredView {
    serde_json::from_value(answer.body.clone())
        .unwrap_or_else(|e| panic!("not a registration: {e}; {}", answer.text))
}

/// What a test reads back of a registration it built.
#[derive(Deserialize)]
struct Sent {
    unpp_id: String,
    applicant: SentApplicant,
}

#[derive(Deserialize)]
struct SentApplicant {
    email: String,
}

#[track_caller]
fn sent(body: &Value) -> Sent {
    serde_json::from_value(body.clone()).expect("a registration body")
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
    let email = sent(&first).applicant.email;
    let created = register(&app, &first).await.expect(201);

    let before = counts(&app).await;
    let mut again = registration("UG");
    again["applicant"]["email"] = json!(email);
    again["applicant"]["password"] = json!("another long password 2026");
    let unpp = sent(&again).unpp_id;
    let answered = register(&app, &again).await.expect(201);

    // The same status and the same body, field for field in kind; the values are the
    // request's, as for any registration.
    assert_eq!(shape_of(&answered.body), shape_of(&created.body));
    let (first_view, view) = (registered(&created), registered(&answered));
    assert_eq!(view.organization.state, OrgState::Pending);
    assert_eq!(view.organization.country, bodies::country("UG"));
    assert_eq!(view.organization.unpp_id, unpp);
    assert_eq!(view.applicant.email, email);
    assert_eq!(view.applicant.organization_id, Some(view.organization.id));
    assert_ne!(view.organization.id, first_view.organization.id);
    assert_ne!(view.applicant.id, first_view.applicant.id);
    assert_eq!(
        answered.header("content-type"),
        created.header("content-type")
    );

    // Nothing stored: no organisation, no account, no audit event.
    assert_eq!(counts(&app).await, before);
    let staff = app.user(Role::Secretariat).await;
    let staff = app.as_(&staff);
    staff
        .organization(view.organization.id)
        .get()
        .await
        .refused(404, "not-found");
    let all = staff.organizations().list(ALL).await.ok();
    assert!(all.items.iter().all(|o| o.unpp_id != unpp));

    // The account is untouched: its own password still signs in, the new one does not.
    app.login(&email, PASSWORD).await;
    app.anonymous()
        .auth()
        .login(&json!({"email": email, "password": "another long password 2026"}))
        .await
        .refused(401, "unauthorized");

    // The email is compared as the service stores it: another case is the same account.
    let mut shouted = registration("TZ");
    shouted["applicant"]["email"] = json!(email.to_uppercase());
    let before = counts(&app).await;
    register(&app, &shouted).await.expect(201);
    assert_eq!(counts(&app).await, before);
}

async fn a_taken_unpp_id_is_refused_whichever_the_email(app: TestApp) {
    let first = registration("KE");
    register(&app, &first).await.expect(201);
    let taken = sent(&first);

    // A taken UNPP id with a new email and with the taken email: the same 409, so the
    // refusal tells nothing about the email either.
    let refuse = |body: Value| {
        let anyone = app.anonymous();
        async move {
            anyone
                .organizations()
                .register(&body)
                .await
                .refused(409, "conflict")
        }
    };
    let mut new_email = registration("KE");
    new_email["unpp_id"] = json!(taken.unpp_id);
    let a = refuse(new_email).await;
    let mut old_email = registration("KE");
    old_email["unpp_id"] = json!(taken.unpp_id);
    old_email["applicant"]["email"] = json!(taken.applicant.email);
    let b = refuse(old_email).await;
    assert_eq!(a.detail, b.detail);
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
    let email = sent(&first).applicant.email;
    let created = register(&app, &first).await.expect(201);
    let owner = registered(&created).applicant.id.to_string();
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
            .post(format!("{base}{}", paths::registration()))
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
    register(&app, &again).await.expect(201);
    assert_eq!(attempt_mails(&app, owner).await, 2);
}
