//! E-mail addresses show what they are: look-alikes of an existing address (a zero-width
//! space, a right-to-left override, a Cyrillic letter among Latin ones, a soft hyphen in
//! the domain) and quoted local parts, which the mail library cannot deliver to, are
//! refused wherever an address is parsed (registration, users created by an admin, sign
//! in), naming the field; a domain is stored in its IDNA ASCII form.

use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{registration, Answer, TestApp, PASSWORD};
use crate::on_both_backends;

on_both_backends!(
    look_alike_and_undeliverable_addresses_are_refused_naming_the_field,
    a_unicode_domain_is_stored_in_ascii,
);

const BAD: [&str; 6] = [
    "secre\u{200b}tariat@demo.trustfund.local",
    "secretariat\u{202e}@demo.trustfund.local",
    "\u{0455}ecretariat@demo.trustfund.local",
    "secretariat@demo\u{00ad}trustfund.local",
    "\"a b\"@example.org",
    "\"secretariat\"@demo.trustfund.local",
];

#[track_caller]
fn refused_on(answer: &Answer, field: &str) {
    assert!(
        answer.status == 400 || answer.status == 422,
        "{}: {}",
        answer.status,
        answer.text
    );
    assert_eq!(answer.body["errors"][0]["field"], field, "{}", answer.text);
}

async fn look_alike_and_undeliverable_addresses_are_refused_naming_the_field(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    for email in BAD {
        let mut body = registration("KE");
        body["applicant"]["email"] = json!(email);
        let answer = app
            .send(
                Method::POST,
                "/api/v1/organizations/register",
                None,
                Some(body),
            )
            .await;
        refused_on(&answer, "applicant.email");
        let answer = app
            .post(
                &admin,
                "/api/v1/users",
                json!({"email": email, "name": "Secretariat", "role": "secretariat",
                       "password": PASSWORD}),
            )
            .await;
        refused_on(&answer, "email");
        // Signing in with one matches nothing.
        let answer = app
            .send(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"email": email, "password": PASSWORD})),
            )
            .await;
        assert!(
            answer.status == 400 || answer.status == 401,
            "{}",
            answer.text
        );
    }
    // Invisible characters answer as in every text: 422 naming the rule and the field.
    let answer = app
        .post(
            &admin,
            "/api/v1/users",
            json!({"email": BAD[0], "name": "Secretariat", "role": "secretariat",
                   "password": PASSWORD}),
        )
        .await
        .expect_problem(422, "invisible-character");
    refused_on(&answer, "email");
    // Nobody was created.
    let users = app.get(&admin, "/api/v1/users?limit=100").await.expect(200);
    assert!(users.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["email"].as_str().unwrap().is_ascii()));
}

async fn a_unicode_domain_is_stored_in_ascii(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let created = app
        .post(
            &admin,
            "/api/v1/users",
            json!({"email": "Ana@Bücher.Example", "name": "Ana", "role": "secretariat",
                   "password": PASSWORD}),
        )
        .await
        .expect(201);
    assert_eq!(created.body["email"], "ana@xn--bcher-kva.example");
    // The same account whichever form is typed.
    app.post(
        &admin,
        "/api/v1/users",
        json!({"email": "ana@xn--bcher-kva.example", "name": "Ana", "role": "secretariat",
               "password": PASSWORD}),
    )
    .await
    .expect(409);
    app.login("ana@bücher.example", PASSWORD).await;
}
