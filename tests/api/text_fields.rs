//! Text fields refuse characters that make text display other than it reads (issue 10,
//! item 9): bidirectional overrides, embeddings and isolates, zero-width characters,
//! byte-order marks and other invisible format characters, field by field, as a 422
//! naming the rule `invisible-character` and the field; text is stored in NFC.

use serde_json::json;
use trustfund::auth::Role;
use trustfund::organizations::RegisteredView;

use crate::helpers::{registration, TestApp};
use crate::on_both_backends;
use crate::support::{bodies, Problem, Reply};

on_both_backends!(
    invisible_characters_are_refused_naming_the_field,
    text_is_stored_in_nfc,
);

// The bodies are JSON: a registration carries a password (which the crate's request type
// only reads), and the refused ones carry what the crate's text types cannot hold.

async fn register(app: &TestApp, body: &serde_json::Value) -> Reply<RegisteredView> {
    app.anonymous().organizations().register(body).await
}

#[track_caller]
fn refused_on(refused: &Problem, field: &str, code: &str) {
    assert_eq!(
        refused.rule.as_deref(),
        Some("invisible-character"),
        "{refused:?}"
    );
    let first = refused.errors.first().expect("a field named");
    assert_eq!(first.field, field, "{refused:?}");
    assert!(
        refused.detail.starts_with(&format!("{field}: ")),
        "{}",
        refused.detail
    );
    assert!(first.message.contains(code), "{}", first.message);
}

async fn invisible_characters_are_refused_naming_the_field(app: TestApp) {
    let cases = [
        (
            "legal_name",
            "/legal_name",
            "Hope \u{202E}retlehS",
            "U+202E",
        ),
        ("unpp_id", "/unpp_id", "UNPP-\u{200B}42", "U+200B"),
        (
            "applicant.name",
            "/applicant/name",
            "\u{FEFF}Amina",
            "U+FEFF",
        ),
        (
            "applicant.name",
            "/applicant/name",
            "Ami\u{2067}na",
            "U+2067",
        ),
        ("legal_name", "/legal_name", "Hope\u{2060}Shelter", "U+2060"),
        ("legal_name", "/legal_name", "Hope\u{200D}Shelter", "U+200D"),
        ("legal_name", "/legal_name", "Hope\u{202A}Shelter", "U+202A"),
    ];
    let staff = app.user(Role::Secretariat).await;
    for (field, pointer, value, code) in cases {
        let mut body = registration("KE");
        *body.pointer_mut(pointer).unwrap() = json!(value);
        let refused = register(&app, &body)
            .await
            .refused(422, "invisible-character");
        refused_on(&refused, field, code);
        // Nothing of the refused registration is stored.
        let unpp = body["unpp_id"].as_str().unwrap().to_string();
        let all = app
            .as_(&staff)
            .organizations()
            .list(&[("limit", "100")])
            .await
            .ok();
        assert!(all.items.iter().all(|o| o.unpp_id != unpp));
    }

    // Other endpoints' text goes through the same types: a call's title.
    let mut call = serde_json::to_value(bodies::call(-1, 30)).expect("a call serializes");
    call["title"] = json!("Call for \u{2066}proposals\u{2069}");
    let refused = app
        .as_(&staff)
        .calls()
        .publish(&call)
        .await
        .refused(422, "invisible-character");
    refused_on(&refused, "title", "U+2066");
}

async fn text_is_stored_in_nfc(app: TestApp) {
    let mut body = registration("KE");
    let decomposed = "Cafe\u{301} Espoir Shelter";
    body["legal_name"] = json!(decomposed);
    body["bank_account_holder"] = json!("CAFE\u{301} ESPOIR SHELTER");
    let created = register(&app, &body).await.created().organization;
    assert_eq!(created.legal_name, "Caf\u{e9} Espoir Shelter");
    let staff = app.user(Role::Secretariat).await;
    let read = app.as_(&staff).organization(created.id).get().await.ok();
    assert_eq!(read.legal_name, "Caf\u{e9} Espoir Shelter");
}
