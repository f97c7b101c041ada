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
use serde_json::json;
use trustfund::api::grants::DisbursementRequest;
use trustfund::auth::Role;

use crate::helpers::{registration, TestApp};
use crate::on_both_backends;
use crate::support::grants::awarded_grant;
use crate::support::paths::{self, with_query};
use crate::support::resources::ALL;
use crate::support::{bodies, short, Reply};

on_both_backends!(
    separators_and_noncharacters_are_refused_naming_the_field,
    a_stored_forbidden_character_leaves_the_files_valid,
);

#[track_caller]
fn refused_on<T>(reply: Reply<T>, field: &str, code: &str) {
    let refused = reply.refused(422, "forbidden-character");
    assert_eq!(
        refused.rule.as_deref(),
        Some("forbidden-character"),
        "{refused:?}"
    );
    let first = refused.errors.first().expect("a field named");
    assert_eq!(first.field, field, "{refused:?}");
    assert!(first.message.contains(code), "{}", first.message);
}

// The refused bodies are JSON: the crate's text types cannot hold what they carry.

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
        let answer = app.anonymous().organizations().register(&body).await;
        refused_on(answer, "legal_name", code);
    }
    // A multi-line field: its lines are `\n`, never a separator.
    let staff = app.user(Role::Secretariat).await;
    let staff = app.as_(&staff);
    for (description, code) in [
        ("Direct assistance.\u{2029}Shelter.", "U+2029"),
        ("Direct assistance.\u{2028}Shelter.", "U+2028"),
        ("Direct assistance.\n\u{FFFF}", "U+FFFF"),
    ] {
        let mut call = serde_json::to_value(bodies::call(-1, 30)).expect("a call serializes");
        call["description"] = json!(description);
        let answer = staff.calls().publish(&call).await;
        refused_on(answer, "description", code);
    }
    // Nothing was stored.
    let calls = staff.calls().list(ALL).await.ok();
    assert!(calls.items.is_empty(), "{:?}", calls.items);
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
    app.as_(&g.secretariat)
        .grant(g.grant)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    app.as_(&g.finance)
        .grant(g.grant)
        .pay(&DisbursementRequest {
            payment_reference: short("PAY-1"),
            ..bodies::disbursement(1, "1000.00")
        })
        .await
        .created();
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
    let today = bodies::today().to_string();
    let query = |format: &'static str| {
        [
            ("format", format),
            ("kind", "all"),
            ("from", today.as_str()),
            ("to", today.as_str()),
        ]
    };
    let iati = app
        .as_(&g.finance)
        .ledger()
        .export(&query("iati"))
        .await
        .raw()
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
    let (status, _, bytes) = app
        .as_(&g.finance)
        .get_bytes(with_query(paths::ledger_export(), &query("xlsx")))
        .await;
    assert_eq!(status, 200);
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("a workbook that opens");
    let first = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&first).unwrap();
    let found = sheet
        .rows()
        .flatten()
        .any(|cell| matches!(cell, Data::String(s) if s == "PAY-\u{FFFD}-1"));
    assert!(found, "the reference is not in the workbook");
}
