//! E-mail addresses show what they are: look-alikes of an existing address (a zero-width
//! space, a right-to-left override, a Cyrillic letter among Latin ones, a soft hyphen in
//! the domain) and quoted local parts, which the mail library cannot deliver to, are
//! refused wherever an address is parsed (registration, users created by an admin, sign
//! in), naming the field; a domain is stored in its IDNA ASCII form.
//!
//! The bodies are JSON: they carry passwords (which the crate's request types only read)
//! and the addresses those types would refuse to hold.

use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::{registration, TestApp, PASSWORD};
use crate::on_both_backends;
use crate::support::Reply;

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

/// A 400 or a 422 whose first field named is `field`.
#[track_caller]
fn refused_on<T>(reply: Reply<T>, field: &str) {
    let status = reply.status();
    assert!(status == 400 || status == 422, "{:?}", reply.raw());
    let problem = reply.problem(status);
    assert_eq!(problem.fields().first(), Some(&field), "{problem:?}");
}

/// A secretariat account's creation with this address.
fn account(email: &str) -> Value {
    json!({"email": email, "name": "Secretariat", "role": "secretariat", "password": PASSWORD})
}

async fn look_alike_and_undeliverable_addresses_are_refused_naming_the_field(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let admin = app.as_(&admin);
    for email in BAD {
        let mut body = registration("KE");
        body["applicant"]["email"] = json!(email);
        let reply = app.anonymous().organizations().register(&body).await;
        refused_on(reply, "applicant.email");
        refused_on(admin.users().create(&account(email)).await, "email");
        // Signing in with one matches nothing.
        let status = app
            .anonymous()
            .auth()
            .login(&json!({"email": email, "password": PASSWORD}))
            .await
            .status();
        assert!(status == 400 || status == 401, "{email:?}: {status}");
    }
    // Invisible characters answer as in every text: 422 naming the rule and the field.
    let refused = admin
        .users()
        .create(&account(BAD[0]))
        .await
        .refused(422, "invisible-character");
    assert_eq!(refused.fields().first(), Some(&"email"), "{refused:?}");
    // Nobody was created.
    let users = admin.users().list(&[("limit", "100")]).await.ok();
    assert!(users.items.iter().all(|u| u.email.is_ascii()), "{users:?}");
}

async fn a_unicode_domain_is_stored_in_ascii(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let admin = app.as_(&admin);
    let ana = |email: &str| json!({"email": email, "name": "Ana", "role": "secretariat", "password": PASSWORD});
    let created = admin
        .users()
        .create(&ana("Ana@Bücher.Example"))
        .await
        .created();
    assert_eq!(created.email, "ana@xn--bcher-kva.example");
    // The same account whichever form is typed.
    let status = admin
        .users()
        .create(&ana("ana@xn--bcher-kva.example"))
        .await
        .status();
    assert_eq!(status, 409);
    app.login("ana@bücher.example", PASSWORD).await;
}
