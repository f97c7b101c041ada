//! Characters no file the service writes may carry: the line and paragraph separators
//! (U+2028, U+2029) and the noncharacters (U+FDD0–U+FDEF, U+FFFE, U+FFFF and the last two
//! of every plane, which XML forbids or calls not for interchange) are refused in one-line
//! and multi-line fields alike, a 422 `forbidden-character` naming the field; and a text
//! stored before that rule (written here straight into the database) still leaves the IATI
//! file and the workbook valid, with U+FFFD in its place.

use std::io::Cursor;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use diesel::connection::SimpleConnection;
use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{registration, Answer, TestApp};
use crate::on_both_backends;
use crate::support::grants::{awarded_grant, payment, schedule};

on_both_backends!(
    separators_and_noncharacters_are_refused_naming_the_field,
    a_stored_forbidden_character_leaves_the_files_valid,
);

#[track_caller]
fn refused_on(answer: Answer, field: &str, code: &str) {
    let answer = answer.expect_problem(422, "forbidden-character");
    assert_eq!(
        answer.body["rule"], "forbidden-character",
        "{}",
        answer.text
    );
    assert_eq!(answer.body["errors"][0]["field"], field, "{}", answer.text);
    let message = answer.body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains(code), "{message}");
}

async fn separators_and_noncharacters_are_refused_naming_the_field(app: TestApp) {
    for (value, code) in [
        ("Hope\u{FFFF}Shelter", "U+FFFF"),
        ("Hope\u{FFFE}Shelter", "U+FFFE"),
        ("Hope\u{FDD0}Shelter", "U+FDD0"),
        ("Hope\u{1FFFF}Shelter", "U+1FFFF"),
        ("Hope Shelter\u{2028}", "U+2028"),
        ("\u{2029}Hope Shelter", "U+2029"),
    ] {
        let mut body = registration("KE");
        body["legal_name"] = json!(value);
        let answer = app
            .send(
                Method::POST,
                "/api/v1/organizations/register",
                None,
                Some(body),
            )
            .await;
        refused_on(answer, "legal_name", code);
    }
    // A multi-line field: its lines are `\n`, never a separator.
    let staff = app.user(Role::Secretariat).await;
    let now = chrono::Utc::now();
    for (description, code) in [
        ("Direct assistance.\u{2029}Shelter.", "U+2029"),
        ("Direct assistance.\u{2028}Shelter.", "U+2028"),
        ("Direct assistance.\n\u{FFFF}", "U+FFFF"),
    ] {
        let answer = app
            .post(
                &staff,
                "/api/v1/calls",
                json!({
                    "title": "Call for proposals", "description": description,
                    "opens_at": (now - chrono::Duration::days(1)).to_rfc3339(),
                    "closes_at": (now + chrono::Duration::days(30)).to_rfc3339(),
                    "envelope": {"amount": "1000000.00", "currency": "USD"},
                    "min_grant": {"amount": "20000.00", "currency": "USD"},
                    "max_grant": {"amount": "60000.00", "currency": "USD"},
                    "max_duration_months": 24, "eligible_org_types": ["ngo"],
                    "priority_groups": [], "priority_exploitation": []
                }),
            )
            .await;
        refused_on(answer, "description", code);
    }
    // Nothing was stored.
    let calls = app.get(&staff, "/api/v1/calls").await.expect(200);
    assert_eq!(calls.body["items"].as_array().map(Vec::len), Some(0));
}

fn xmllint(xml: &str) -> Result<(), String> {
    let xsd = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/iati-2.03/iati-activities-schema.xsd");
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, xml.as_bytes()).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .arg(file.path())
        .output()
        .expect("xmllint (package libxml2-utils) must be installed");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).to_string())
    }
}

async fn a_stored_forbidden_character_leaves_the_files_valid(app: TestApp) {
    let g = awarded_grant(&app, "100000.00").await;
    let grant = g.grant.to_string();
    let grant = grant.as_str();
    app.as_(&g.secretariat)
        .grant(g.grant)
        .with_signed_agreement()
        .await;
    app.post(
        &g.secretariat,
        &format!("/api/v1/grants/{grant}/agreement"),
        schedule(),
    )
    .await
    .expect(201);
    let mut paid = payment(1, "1000.00");
    paid["payment_reference"] = json!("PAY-1");
    app.post(
        &g.finance,
        &format!("/api/v1/grants/{grant}/disbursements"),
        paid,
    )
    .await
    .expect(201);
    // Rows from before the rule (or written by hand): a title with U+FFFF, a name with a
    // control character, a reference with U+FFFE.
    app.with_db(|conn| {
        conn.batch_execute(
            "UPDATE applications SET title = 'Shelter \u{FFFF} for all'; \
             UPDATE organizations SET legal_name = 'Hope \u{1} Shelter'; \
             UPDATE grant_disbursements SET payment_reference = 'PAY-\u{FFFE}-1'",
        )
        .unwrap()
    })
    .await;
    let today = chrono::Utc::now().date_naive();
    let query = format!("kind=all&from={today}&to={today}");
    let iati = app
        .get(
            &g.finance,
            &format!("/api/v1/ledger/export?format=iati&{query}"),
        )
        .await
        .expect(200);
    xmllint(&iati.text).unwrap_or_else(|e| panic!("{e}\n{}", iati.text));
    assert!(
        iati.text.contains("Shelter \u{FFFD} for all"),
        "{}",
        iati.text
    );
    assert!(iati.text.contains("Hope \u{FFFD} Shelter"), "{}", iati.text);
    assert!(!iati.text.contains('\u{FFFF}'));

    // The workbook (XML inside) opens, the reference written with U+FFFD.
    let response = app
        .client
        .get(format!(
            "{}/api/v1/ledger/export?format=xlsx&{query}",
            app.address
        ))
        .bearer_auth(&g.finance.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("a workbook that opens");
    let first = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&first).unwrap();
    let found = sheet
        .rows()
        .flatten()
        .any(|cell| matches!(cell, Data::String(s) if s == "PAY-\u{FFFD}-1"));
    assert!(found, "the reference is not in the workbook");
}
