//! Text fields refuse characters that make text display other than it reads (issue 10,
//! item 9): bidirectional overrides, embeddings and isolates, zero-width characters,
//! byte-order marks and other invisible format characters, field by field, as a 422
//! naming the rule `invisible-character` and the field; text is stored in NFC.

use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{registration, TestApp};
use crate::on_both_backends;

on_both_backends!(
    invisible_characters_are_refused_naming_the_field,
    text_is_stored_in_nfc,
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

fn refused_on(answer: &crate::helpers::Answer, field: &str, code: &str) {
    assert_eq!(
        answer.body["rule"], "invisible-character",
        "{}",
        answer.text
    );
    assert_eq!(answer.body["errors"][0]["field"], field, "{}", answer.text);
    let detail = answer.body["detail"].as_str().unwrap();
    assert!(detail.starts_with(&format!("{field}: ")), "{detail}");
    let message = answer.body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains(code), "{message}");
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
        let refused = register(&app, body.clone())
            .await
            .expect_problem(422, "invisible-character");
        refused_on(&refused, field, code);
        // Nothing of the refused registration is stored.
        let unpp = body["unpp_id"].as_str().unwrap().to_string();
        let all = app
            .get(&staff, "/api/v1/organizations?limit=100")
            .await
            .expect(200);
        assert!(all.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["unpp_id"] != unpp.as_str()));
    }

    // Other endpoints' text goes through the same types: a call's title.
    let now = chrono::Utc::now();
    let refused = app
        .post(
            &staff,
            "/api/v1/calls",
            json!({
                "title": "Call for \u{2066}proposals\u{2069}", "description": "Direct assistance.",
                "opens_at": (now - chrono::Duration::days(1)).to_rfc3339(),
                "closes_at": (now + chrono::Duration::days(30)).to_rfc3339(),
                "envelope": {"amount": "1000000.00", "currency": "USD"},
                "min_grant": {"amount": "20000.00", "currency": "USD"},
                "max_grant": {"amount": "60000.00", "currency": "USD"},
                "max_duration_months": 24, "eligible_org_types": ["ngo"],
                "priority_groups": [], "priority_exploitation": []
            }),
        )
        .await
        .expect_problem(422, "invisible-character");
    refused_on(&refused, "title", "U+2066");
}

async fn text_is_stored_in_nfc(app: TestApp) {
    let mut body = registration("KE");
    let decomposed = "Cafe\u{301} Espoir Shelter";
    body["legal_name"] = json!(decomposed);
    body["bank_account_holder"] = json!("CAFE\u{301} ESPOIR SHELTER");
    let created = register(&app, body).await.expect(201);
    assert_eq!(created.body["legal_name"], "Caf\u{e9} Espoir Shelter");
    let staff = app.user(Role::Secretariat).await;
    let id = created.body["id"].as_str().unwrap();
    let read = app
        .get(&staff, &format!("/api/v1/organizations/{id}"))
        .await
        .expect(200);
    assert_eq!(read.body["legal_name"], "Caf\u{e9} Espoir Shelter");
}
