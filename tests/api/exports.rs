//! Ledger exports (issue 12 items 1 and 3): a known ledger (an early contribution, an
//! award, payments on two value dates, a reversed payment, a refund) exported as CSV, JSON
//! and Excel for periods that leave early entries out, every total and both balances
//! compared with the ledger's own figures; who may export; bad queries; the filters; and
//! the command line writing the same bytes as the HTTP export.

use std::collections::BTreeMap;
use std::io::Cursor;

use chrono::Datelike;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use trustfund::api::contributions::{CreateContributionRequest, DonorRequest, ReceiptRequest};
use trustfund::api::grants::{DisbursementRequest, RefundRequest};
use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::auth::Role;
use trustfund::clock::Clock;
use trustfund::contributions::DonorType;
use trustfund::ledger::{Account, TransactionKind, TransactionView};
use uuid::Uuid;

use crate::helpers::{test_signer, TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, country, days_from_today, positive_usd, short};
use crate::support::exports::without_checkpoint;
use crate::support::grants::{awarded_grant, fund_balances, usd_json as usd};
use crate::support::paths;
use crate::support::periods::PeriodQuery;
use crate::support::scenarios::verified_organization;
use trustfund::ledger_periods::PeriodState;

on_both_backends!(
    every_format_matches_the_ledger_to_the_cent,
    only_finance_and_auditors_export,
    bad_queries_are_refused_by_field,
    the_filters_narrow_the_rows,
    the_command_line_writes_the_same_bytes,
    pages_of_any_size_join_into_the_same_file,
    a_month_reconciles_in_every_format,
);

fn days(n: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(n)).to_string()
}

fn dec(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|_| panic!("not a decimal: {text:?}"))
}

struct Ledger {
    finance: TestUser,
    grant: String,
    organization: String,
}

/// An early contribution (100 days ago), then a grant to a Kenyan NGO paid today and
/// tomorrow, one payment reversed, and a refund received tomorrow.
async fn known_ledger(app: &TestApp) -> Ledger {
    let finance = app.user(Role::Finance).await;
    let as_finance = app.as_(&finance);
    let contribution = as_finance
        .contributions()
        .record(&CreateContributionRequest {
            donor: DonorRequest {
                name: Some(short("Sweden")),
                donor_type: DonorType::MemberState,
                country: Some(country("SE")),
            },
            pledged: Some(positive_usd("200000.00")),
            pledged_on: days_from_today(-100),
        })
        .await
        .created();
    as_finance
        .contribution(contribution.id)
        .receive(&ReceiptRequest {
            received_on: days_from_today(-100),
            bank_reference: short(&format!("EARLY-{}", Uuid::new_v4().simple())),
            ..bodies::receipt(positive_usd("200000.00"), "1")
        })
        .await
        .created();
    let g = awarded_grant(app, "1.00").await;
    let grant = app.as_(&g.finance).grant(g.grant);
    app.as_(&g.secretariat)
        .grant(g.grant)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    grant
        .clone()
        .pay(&bodies::disbursement(1, "6000.00"))
        .await
        .created();
    grant
        .clone()
        .pay(&DisbursementRequest {
            value_date: days_from_today(1),
            ..bodies::disbursement(1, "4000.00")
        })
        .await
        .created();
    let wrong = grant
        .clone()
        .pay(&bodies::disbursement(1, "2000.00"))
        .await
        .created();
    app.as_(&g.finance)
        .ledger()
        .reverse(
            wrong.ledger_transaction_id,
            &ReversalRequest {
                reason: short("paid twice"),
            },
        )
        .await
        .created();
    grant
        .refund(&RefundRequest {
            received_on: days_from_today(1),
            ..bodies::refund("500.00")
        })
        .await
        .created();
    Ledger {
        finance: g.finance,
        grant: g.grant.to_string(),
        organization: g.organization.to_string(),
    }
}

/// The ledger's own figures, from the journal: per entry, its kind and its cash posting.
async fn journal(app: &TestApp, finance: &TestUser) -> Vec<TransactionView> {
    let page = app
        .as_(finance)
        .ledger()
        .journal(&[("limit", "200")])
        .await
        .ok();
    assert!(page.next_cursor.is_none());
    page.items
}

/// The USD amounts `entry` posts to `account`, summed.
fn posted_to(entry: &TransactionView, account: Account) -> Decimal {
    entry
        .postings
        .iter()
        .filter(|p| p.account == account)
        .map(|p| p.usd.amount())
        .sum()
}

fn cash_of(entry: &TransactionView) -> Decimal {
    posted_to(entry, Account::Cash)
}

/// The journal's disbursements and their reversals.
fn disbursement_entries(journal: &[TransactionView]) -> Vec<&TransactionView> {
    let kinds: BTreeMap<_, _> = journal.iter().map(|e| (e.id, e.kind)).collect();
    journal
        .iter()
        .filter(|e| {
            e.kind == TransactionKind::Disbursement
                || (e.kind == TransactionKind::Reversal
                    && e.reverses.and_then(|r| kinds.get(&r).copied())
                        == Some(TransactionKind::Disbursement))
        })
        .collect()
}

/// An export as its bytes: a file (CSV, JSON, a workbook, IATI XML), read as one.
async fn download(
    app: &TestApp,
    user: &TestUser,
    query: &str,
) -> (u16, Vec<u8>, reqwest::header::HeaderMap) {
    let response = app
        .client
        .get(format!("{}{}?{query}", app.address, paths::ledger_export()))
        .bearer_auth(&user.token)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap().to_vec();
    (status, bytes, headers)
}

/// The CSV export's records: `record` → rows (each a column → cell map).
fn csv_records(bytes: &[u8]) -> BTreeMap<String, Vec<BTreeMap<String, String>>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let mut records: BTreeMap<String, Vec<BTreeMap<String, String>>> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        let cells: BTreeMap<String, String> = header
            .iter()
            .cloned()
            .zip(row.iter().map(str::to_string))
            .collect();
        records
            .entry(cells["record"].clone())
            .or_default()
            .push(cells);
    }
    records
}

/// What every format must say about one period: per kind (a reversal with the kind it
/// undoes) its USD amount, support cost and cash; the cash over every kind.
#[derive(Debug, PartialEq)]
struct Figures {
    entries: usize,
    opening: Decimal,
    cash: Decimal,
    kinds: BTreeMap<String, (Decimal, Decimal, Decimal)>,
    closing: Decimal,
}

impl Figures {
    fn usd_amount(&self, kind: &str) -> Decimal {
        self.kinds.get(kind).map_or(Decimal::ZERO, |k| k.0)
    }

    fn psc(&self, kind: &str) -> Decimal {
        self.kinds.get(kind).map_or(Decimal::ZERO, |k| k.1)
    }

    /// The kinds' cash adds up to the whole file's (and no total adds amounts across
    /// kinds).
    fn check(&self) {
        let by_kind: Decimal = self.kinds.values().map(|k| k.2).sum();
        assert_eq!(by_kind, self.cash, "{self:?}");
    }
}

fn from_csv(bytes: &[u8]) -> Figures {
    let records = csv_records(bytes);
    let one = |name: &str| records[name].first().unwrap().clone();
    let entries = records.get("entry").map_or(0, Vec::len);
    // The running balance of the last entry is the closing balance.
    if let Some(last) = records.get("entry").and_then(|e| e.last()) {
        assert_eq!(
            dec(&last["balance"]),
            dec(&one("closing_balance")["balance"])
        );
    }
    let kinds: BTreeMap<String, (Decimal, Decimal, Decimal)> = records
        .get("totals")
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|t| {
            (
                t["kind"].clone(),
                (
                    dec(&t["usd_amount"]),
                    dec(&t["programme_support_cost"]),
                    dec(&t["cash"]),
                ),
            )
        })
        .collect();
    let cash = records
        .get("entry")
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|e| dec(&e["cash"]))
        .sum();
    let figures = Figures {
        entries,
        opening: dec(&one("opening_balance")["balance"]),
        cash,
        kinds,
        closing: dec(&one("closing_balance")["balance"]),
    };
    figures.check();
    figures
}

fn from_json(body: &Value) -> Figures {
    let money = |v: &Value| {
        assert_eq!(v["currency"], "USD", "{v}");
        dec(v["amount"].as_str().unwrap())
    };
    let entries = body["entries"].as_array().unwrap();
    assert_eq!(body["totals"]["entries"], entries.len());
    let kinds: BTreeMap<String, (Decimal, Decimal, Decimal)> = body["totals"]["by_kind"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(kind, t)| {
            (
                kind.clone(),
                (
                    money(&t["usd_amount"]),
                    money(&t["programme_support_cost"]),
                    money(&t["cash"]),
                ),
            )
        })
        .collect();
    // The former members: one kind's figures, or null across several.
    if kinds.len() > 1 {
        assert!(body["totals"]["usd_amount"].is_null(), "{}", body["totals"]);
    } else if let Some((usd, psc, _)) = kinds.values().next() {
        assert_eq!(money(&body["totals"]["usd_amount"]), *usd);
        assert_eq!(money(&body["totals"]["programme_support_cost"]), *psc);
    }
    let figures = Figures {
        entries: entries.len(),
        opening: money(&body["opening_balance"]),
        cash: money(&body["totals"]["cash"]),
        kinds,
        closing: money(&body["closing_balance"]),
    };
    figures.check();
    figures
}

fn is(cell: &Data, text: &str) -> bool {
    matches!(cell, Data::String(s) if s == text)
}

/// Excel holds binary doubles: every figure is read back and rounded to the cent.
fn cents(x: f64) -> Decimal {
    Decimal::from_f64_retain(x).unwrap().round_dp(2)
}

fn from_xlsx(bytes: &[u8]) -> Figures {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let ledger = book.worksheet_range("Ledger").unwrap();
    let rows: Vec<&[Data]> = ledger.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let find = |record: &str| {
        *rows
            .iter()
            .find(|r| is(&r[0], record))
            .unwrap_or_else(|| panic!("no {record} row"))
    };
    let num = |row: &[Data], name: &str| match &row[col(name)] {
        Data::Float(x) => cents(*x),
        Data::Int(x) => Decimal::from(*x),
        other => panic!("{name}: not a number: {other:?}"),
    };
    // Dates are real dates, not text.
    let first_entry = rows.iter().find(|r| is(&r[0], "entry"));
    if let Some(entry) = first_entry {
        assert!(
            matches!(entry[col("value_date")], Data::DateTime(_)),
            "{:?}",
            entry[col("value_date")]
        );
    }
    let kinds: BTreeMap<String, (Decimal, Decimal, Decimal)> = rows
        .iter()
        .filter(|r| is(&r[0], "totals"))
        .map(|r| {
            (
                r[col("kind")].to_string(),
                (
                    num(r, "usd_amount"),
                    num(r, "programme_support_cost"),
                    num(r, "cash"),
                ),
            )
        })
        .collect();
    // Every entry's cash, summed cell by cell.
    let cash: Decimal = rows
        .iter()
        .filter(|r| is(&r[0], "entry"))
        .map(|r| num(r, "cash"))
        .sum();
    let figures = Figures {
        entries: rows.iter().filter(|r| is(&r[0], "entry")).count(),
        opening: num(find("opening_balance"), "balance"),
        cash,
        kinds,
        closing: num(find("closing_balance"), "balance"),
    };
    figures.check();
    // The summary sheet: each kind's totals row holds the ledger sheet's, its last row
    // the cash over every kind.
    let summary = book.worksheet_range("Summary").unwrap();
    let float = |d: &Data| match d {
        Data::Float(x) => cents(*x),
        Data::Int(x) => Decimal::from(*x),
        other => panic!("not a number: {other:?}"),
    };
    let summary_kinds: BTreeMap<String, (Decimal, Decimal, Decimal)> = summary
        .rows()
        .filter(|r| is(&r[1], "totals"))
        .map(|r| (r[0].to_string(), (float(&r[5]), float(&r[6]), float(&r[7]))))
        .collect();
    assert_eq!(summary_kinds, figures.kinds);
    let last = summary.rows().next_back().unwrap();
    assert_eq!(last[0].to_string(), "cash");
    assert_eq!(float(&last[7]), figures.cash);
    figures
}

async fn figures_in_every_format(app: &TestApp, user: &TestUser, query: &str) -> Figures {
    let (status, csv, headers) = download(app, user, &format!("format=csv&{query}")).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&csv));
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    let from_csv = from_csv(&csv);
    let (status, json, headers) = download(app, user, &format!("format=json&{query}")).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/json");
    let json: Value = serde_json::from_slice(&json).unwrap();
    let from_json = from_json(&json);
    let (status, xlsx, headers) = download(app, user, &format!("format=xlsx&{query}")).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&xlsx));
    assert_eq!(
        headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let from_xlsx = from_xlsx(&xlsx);
    assert_eq!(from_csv, from_json, "csv against json ({query})");
    assert_eq!(from_csv, from_xlsx, "csv against xlsx ({query})");
    assert_eq!(
        from_csv.closing,
        from_csv.opening + from_csv.cash,
        "closing = opening + movements"
    );
    from_csv
}

async fn every_format_matches_the_ledger_to_the_cent(app: TestApp) {
    let ledger = known_ledger(&app).await;
    let journal = journal(&app, &ledger.finance).await;
    let cash_total: Decimal = journal.iter().map(cash_of).sum();
    let fund = fund_balances(&app, &ledger.finance).await;
    assert_eq!(cash_total, fund.cash.amount());
    let early = dec("200000.00");

    // Every transaction, from 20 days ago: the early contribution is the opening balance,
    // and the closing balance is the Fund's cash.
    let (from, to) = (days(-20), days(1));
    let all = figures_in_every_format(
        &app,
        &ledger.finance,
        &format!("kind=all&from={from}&to={to}"),
    )
    .await;
    assert_eq!(all.opening, early);
    assert_eq!(all.closing, cash_total);
    assert_eq!(all.entries, journal.len() - 1);
    assert_eq!(all.cash, cash_total - early);

    // Disbursements and their reversals, tomorrow only: today's payments (one reversed)
    // make the opening balance.
    let disbursements = disbursement_entries(&journal);
    assert_eq!(disbursements.len(), 4);
    let paid_total: Decimal = disbursements.iter().map(|e| cash_of(e)).sum();
    let paid_out: Decimal = disbursements
        .iter()
        .map(|e| posted_to(e, Account::GrantsPaid))
        .sum();
    assert_eq!(paid_out, dec("10000.00"));
    let psc: Decimal = disbursements
        .iter()
        .map(|e| posted_to(e, Account::ProgrammeSupportCosts))
        .sum();
    let tomorrow = figures_in_every_format(
        &app,
        &ledger.finance,
        &format!("from={}&to={}", days(1), days(1)),
    )
    .await;
    assert_eq!(tomorrow.entries, 1);
    assert_eq!(tomorrow.usd_amount("disbursement"), dec("4000.00"));
    assert_eq!(tomorrow.closing, paid_total);
    assert!(tomorrow.opening < Decimal::ZERO);
    assert_eq!(tomorrow.opening + tomorrow.cash, paid_total);

    // The whole life of the grant's payments: amounts and PSC as the ledger has them.
    let whole = figures_in_every_format(
        &app,
        &ledger.finance,
        &format!("kind=disbursements&from={}&to={}", days(-200), days(1)),
    )
    .await;
    assert_eq!(whole.opening, Decimal::ZERO);
    assert_eq!(whole.entries, 4);
    assert_eq!(whole.usd_amount("disbursement"), paid_out);
    assert_eq!(whole.psc("disbursement"), psc);
    assert_eq!(whole.closing, paid_total);
    assert_eq!(whole.cash, -(paid_out + psc));

    // The file says what it is.
    let (_, _, headers) = download(
        &app,
        &ledger.finance,
        &format!("format=xlsx&kind=all&from={from}&to={to}"),
    )
    .await;
    assert_eq!(
        headers["content-disposition"],
        format!("attachment; filename=\"trustfund-ledger-all-{from}-{to}.xlsx\"").as_str()
    );

    // The rows themselves: a reversal names what it undoes, a payment its tranche and
    // reference, the grant its organisation, country and group.
    let (_, body, _) = download(
        &app,
        &ledger.finance,
        &format!("format=json&kind=all&from={from}&to={to}"),
    )
    .await;
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["period"], json!({"from": from, "to": to}));
    assert_eq!(body["filter"]["kind"], "all");
    let entries = body["entries"].as_array().unwrap();
    let reversal = entries.iter().find(|e| e["kind"] == "reversal").unwrap();
    assert!(reversal["reverses"].is_string());
    assert_eq!(reversal["usd_amount"], usd("-2000.00"));
    let payment = entries
        .iter()
        .find(|e| e["kind"] == "disbursement" && e["value_date"] == days(1))
        .unwrap();
    assert_eq!(payment["tranche"], 1);
    assert!(payment["reference"].as_str().unwrap().starts_with("PAY-"));
    assert_eq!(payment["grant"], ledger.grant.as_str());
    assert_eq!(payment["organization"], ledger.organization.as_str());
    assert_eq!(payment["country"], "KE");
    assert_eq!(payment["regional_group"], "african");
    // In value-date order, posting order within a day: tomorrow's payment after today's
    // reversal, though posted before it.
    let order: Vec<(String, i64)> = entries
        .iter()
        .map(|e| {
            (
                e["value_date"].as_str().unwrap().to_string(),
                e["seq"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "in value-date order: {order:?}"
    );
    assert!(
        order.windows(2).any(|w| w[0].1 > w[1].1),
        "a later-dated entry posted earlier comes later: {order:?}"
    );
}

async fn only_finance_and_auditors_export(app: TestApp) {
    let auditor = app.user(Role::Auditor).await;
    let (status, _, _) = download(&app, &auditor, "format=csv").await;
    assert_eq!(status, 200);
    let csv = [("format", "csv")];
    for role in [Role::Trustee, Role::Secretariat, Role::Admin] {
        let user = app.user(role).await;
        app.as_(&user).ledger().export(&csv).await.raw().expect(403);
    }
    let (applicant, _) = verified_organization(&app, "KE").await;
    app.as_(&applicant)
        .ledger()
        .export(&csv)
        .await
        .raw()
        .expect(403);
    let anonymous = app.anonymous().ledger().export(&csv).await.raw();
    assert_eq!(anonymous.status, 401);
}

async fn bad_queries_are_refused_by_field(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let ledger = app.as_(&finance).ledger();
    for (query, field) in [
        (&[("format", "pdf")][..], "format"),
        (
            &[
                ("format", "csv"),
                ("from", "2026-02-02"),
                ("to", "2026-02-01"),
            ][..],
            "from",
        ),
        (&[("country", "XX")][..], "country"),
        (&[("kind", "some")][..], "kind"),
    ] {
        let bad = ledger.clone().export(query).await.raw().expect(400);
        assert_eq!(bad.bad_fields(), vec![field], "{}", bad.text);
    }
    ledger.export(&[("colour", "blue")]).await.raw().expect(400);
}

async fn the_filters_narrow_the_rows(app: TestApp) {
    let ledger = known_ledger(&app).await;
    let period = format!("format=json&kind=all&from={}&to={}", days(-200), days(1));
    let count = |body: &[u8]| {
        let body: Value = serde_json::from_slice(body).unwrap();
        body["entries"].as_array().unwrap().len()
    };
    let (_, everything, _) = download(&app, &ledger.finance, &period).await;
    let everything = count(&everything);
    // Two receipts (the early one, the award's), the commitment, three payments, the
    // reversal and the refund.
    assert_eq!(everything, 8);
    let grant_only = 6;
    for (filter, expected) in [
        (format!("grant={}", ledger.grant), grant_only),
        (format!("grant={}", Uuid::new_v4()), 0),
        (format!("organization={}", ledger.organization), grant_only),
        ("country=KE".to_string(), grant_only),
        ("country=NG".to_string(), 0),
        ("regional_group=african".to_string(), grant_only),
        ("regional_group=asia_pacific".to_string(), 0),
    ] {
        let (status, body, _) =
            download(&app, &ledger.finance, &format!("{period}&{filter}")).await;
        assert_eq!(status, 200, "{filter}");
        assert_eq!(count(&body), expected, "{filter}");
    }
}

#[derive(clap::Parser)]
struct ExportCommand {
    #[command(flatten)]
    args: trustfund::exports::cli::ExportArgs,
}

async fn the_command_line_writes_the_same_bytes(app: TestApp) {
    use clap::Parser;
    let ledger = known_ledger(&app).await;
    let (from, to) = (days(-20), days(1));
    let dir = tempfile::tempdir().unwrap();
    for format in ["csv", "json"] {
        let (status, http, _) = download(
            &app,
            &ledger.finance,
            &format!("format={format}&kind=all&from={from}&to={to}"),
        )
        .await;
        assert_eq!(status, 200);
        let path = dir.path().join(format!("export.{format}"));
        let command = ExportCommand::try_parse_from([
            "export",
            "--format",
            format,
            "--kind",
            "all",
            "--from",
            &from,
            "--to",
            &to,
            "--output",
            path.to_str().unwrap(),
        ])
        .unwrap();
        let url = app.database_url.clone();
        let code = tokio::task::spawn_blocking(move || {
            trustfund::exports::cli::run(command.args, &url, &iati_settings(), &test_signer())
                .unwrap()
        })
        .await
        .unwrap();
        assert_eq!(code, std::process::ExitCode::SUCCESS);
        let written = std::fs::read(&path).unwrap();
        assert_eq!(
            without_checkpoint(&String::from_utf8(written).unwrap()),
            without_checkpoint(&String::from_utf8(http).unwrap()),
            "{format}"
        );
    }
    // An Excel workbook from the command line says what the HTTP one says.
    let path = dir.path().join("export.xlsx");
    let command = ExportCommand::try_parse_from([
        "export",
        "--format",
        "xlsx",
        "--kind",
        "all",
        "--from",
        &from,
        "--to",
        &to,
        "--output",
        path.to_str().unwrap(),
    ])
    .unwrap();
    let url = app.database_url.clone();
    tokio::task::spawn_blocking(move || {
        trustfund::exports::cli::run(command.args, &url, &iati_settings(), &test_signer()).unwrap()
    })
    .await
    .unwrap();
    let (_, http, _) = download(
        &app,
        &ledger.finance,
        &format!("format=xlsx&kind=all&from={from}&to={to}"),
    )
    .await;
    assert_eq!(from_xlsx(&std::fs::read(&path).unwrap()), from_xlsx(&http));
    // The IATI document says what the HTTP one says, to the time it was generated.
    let path = dir.path().join("export.xml");
    let command = ExportCommand::try_parse_from([
        "export",
        "--format",
        "iati",
        "--kind",
        "all",
        "--from",
        &from,
        "--to",
        &to,
        "--output",
        path.to_str().unwrap(),
    ])
    .unwrap();
    let (url, iati) = (app.database_url.clone(), iati_settings());
    let code = tokio::task::spawn_blocking(move || {
        trustfund::exports::cli::run(command.args, &url, &iati, &test_signer()).unwrap()
    })
    .await
    .unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    let (status, http, _) = download(
        &app,
        &ledger.finance,
        &format!("format=iati&kind=all&from={from}&to={to}"),
    )
    .await;
    assert_eq!(status, 200);
    let written = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    assert!(written.contains("<iati-activity "), "{written}");
    assert_eq!(
        without_checkpoint(&without_generated_time(&written)),
        without_checkpoint(&without_generated_time(&String::from_utf8(http).unwrap()))
    );
    // A period with nothing to export fails and leaves no file behind.
    let empty = dir.path().join("empty.xml");
    let command = ExportCommand::try_parse_from([
        "export",
        "--format",
        "iati",
        "--from",
        "2001-01-01",
        "--to",
        "2001-12-31",
        "--output",
        empty.to_str().unwrap(),
    ])
    .unwrap();
    let (url, iati) = (app.database_url.clone(), iati_settings());
    let error = tokio::task::spawn_blocking(move || {
        trustfund::exports::cli::run(command.args, &url, &iati, &test_signer()).unwrap_err()
    })
    .await
    .unwrap();
    assert!(
        format!("{error:#}").contains("no grant has ledger entries"),
        "{error:#}"
    );
    assert!(!empty.exists());
}

fn iati_settings() -> trustfund::config::IatiSettings {
    let mut iati = trustfund::config::Settings::defaults().unwrap().iati;
    iati.reporting_org_ref = "XM-DAC-41128".into();
    iati
}

/// The IATI document without its `generated-datetime`, which differs between two runs.
fn without_generated_time(xml: &str) -> String {
    let start = xml.find("generated-datetime=\"").unwrap();
    let end = start + xml[start..].find("\" ").unwrap();
    format!("{}{}", &xml[..start], &xml[end..])
}

/// The export reads the journal in pages; pages of one or three entries make the same file
/// as one page of them all.
async fn pages_of_any_size_join_into_the_same_file(app: TestApp) {
    use trustfund::exports::{rows, writer, ExportFormat, ExportKind, ExportQuery};
    let ledger = known_ledger(&app).await;
    let (from, to) = (days(-20), days(1));
    for (format, name) in [(ExportFormat::Csv, "csv"), (ExportFormat::Json, "json")] {
        let (_, http, _) = download(
            &app,
            &ledger.finance,
            &format!("format={name}&kind=all&from={from}&to={to}"),
        )
        .await;
        for window in [1, 3] {
            let filter = ExportQuery {
                format,
                from: Some(from.parse().unwrap()),
                to: Some(to.parse().unwrap()),
                kind: ExportKind::All,
                grant: None,
                organization: None,
                country: None,
                regional_group: None,
            }
            .filter(trustfund::clock::Clock::system())
            .unwrap();
            let paged = app
                .with_db(move |conn| {
                    let header =
                        trustfund::db::read_snapshot(conn, |c| rows::header(c, &filter, true))
                            .unwrap();
                    assert_eq!(header.rows, Some(7));
                    let mut pages = 0;
                    let bytes = writer::write_export_paged(
                        conn,
                        &filter,
                        &header,
                        &test_signer(),
                        Vec::new(),
                        &mut |_| pages += 1,
                        window,
                    )
                    .unwrap();
                    assert!(pages > 1, "{pages} pages");
                    bytes
                })
                .await;
            assert_eq!(
                without_checkpoint(&String::from_utf8(paged).unwrap()),
                without_checkpoint(&String::from_utf8(http.clone()).unwrap()),
                "{name}, pages of {window}"
            );
        }
    }
}

/// A contribution by `donor` pledged and received `days` from today, in `amount`'s
/// currency at `rate` USD a unit.
async fn received(
    app: &TestApp,
    finance: &TestUser,
    donor: &str,
    country_code: &str,
    amount: trustfund::domain::PositiveMoney,
    rate: &str,
    days: i64,
) {
    let as_finance = app.as_(finance);
    let contribution = as_finance
        .contributions()
        .record(&CreateContributionRequest {
            donor: DonorRequest {
                name: Some(short(donor)),
                donor_type: DonorType::MemberState,
                country: Some(country(country_code)),
            },
            pledged: Some(amount),
            pledged_on: days_from_today(days),
        })
        .await
        .created();
    as_finance
        .contribution(contribution.id)
        .receive(&ReceiptRequest {
            received_on: days_from_today(days),
            ..bodies::receipt(amount, rate)
        })
        .await
        .created();
}

/// An organisation in `country` awarded `amount` USD by the Board, its agreement signed:
/// the grant's id.
async fn signed_grant_in(
    app: &TestApp,
    board: &crate::support::scenarios::Board,
    country: &str,
    amount: &str,
) -> trustfund::domain::GrantId {
    let id = crate::support::grants::grant_in(app, board, country, amount).await;
    app.as_(&board.secretariat)
        .grant(id)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    id
}

/// A month of the Fund: an early receipt (the opening balance), receipts in EUR and JPY,
/// two grants paying, a refund and a cancellation. In CSV, JSON and Excel the opening
/// balance plus the entries is the closing balance, each kind totals on its own, a
/// release splits award and support cost as the commitment did (so net awards from the
/// export are what the IATI file commits), and the grantee is named beside its id.
async fn a_month_reconciles_in_every_format(app: TestApp) {
    let board = crate::support::scenarios::seat_board(&app).await;
    let finance = app.user(Role::Finance).await;
    received(
        &app,
        &finance,
        "Sweden",
        "SE",
        positive_usd("200000.00"),
        "1",
        -40,
    )
    .await;
    received(
        &app,
        &finance,
        "Germany",
        "DE",
        bodies::positive("50000.00", "EUR"),
        "1.08",
        0,
    )
    .await;
    received(
        &app,
        &finance,
        "Japan",
        "JP",
        bodies::positive("3000000", "JPY"),
        "0.0067",
        0,
    )
    .await;
    let a = signed_grant_in(&app, &board, "KE", "30000.00").await;
    let b = signed_grant_in(&app, &board, "NP", "30000.00").await;
    let pay = |g| app.as_(&finance).grant(g);
    pay(a)
        .pay(&bodies::disbursement(1, "10000.00"))
        .await
        .created();
    pay(b)
        .pay(&bodies::disbursement(1, "5000.00"))
        .await
        .created();
    pay(a).refund(&bodies::refund("1000.00")).await.created();
    let cancelled = app
        .as_(&board.secretariat)
        .grant(a)
        .cancel(&trustfund::api::grants::CancellationRequest {
            reason: bodies::text("The project lost its premises."),
            board_decision: short("Board decision 2026/14"),
        })
        .await
        .created();
    let fund = fund_balances(&app, &finance).await;
    let (from, to) = (days(-29), days(0));
    let query = format!("kind=all&from={from}&to={to}");
    let month = figures_in_every_format(&app, &finance, &query).await;
    assert_eq!(month.opening, dec("200000.00"));
    assert_eq!(month.closing, fund.cash.amount());
    assert_eq!(month.opening + month.cash, month.closing);
    for kind in ["receipt", "commitment", "disbursement", "refund", "release"] {
        assert!(month.kinds.contains_key(kind), "{kind}: {month:?}");
    }

    // The rows: a release splits award and support cost; the award net of its release is
    // what was paid, as the IATI file commits it; every grant row names its grantee.
    let (_, body, _) = download(&app, &finance, &format!("format=json&{query}")).await;
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert!(body["totals"]["usd_amount"].is_null(), "never across kinds");
    let entries = body["entries"].as_array().unwrap();
    let of = |kind: &str, grant: trustfund::domain::GrantId| {
        entries
            .iter()
            .find(|e| e["kind"] == kind && e["grant"] == grant.to_string().as_str())
            .unwrap_or_else(|| panic!("no {kind} of {grant}"))
            .clone()
    };
    let amount = |v: &Value| dec(v["amount"].as_str().unwrap());
    let (commitment, release) = (of("commitment", a), of("release", a));
    assert_eq!(
        amount(&release["usd_amount"]) + amount(&release["programme_support_cost"]),
        cancelled.released.amount()
    );
    assert!(amount(&release["programme_support_cost"]) > Decimal::ZERO);
    let payment = of("disbursement", a);
    assert_eq!(
        amount(&commitment["usd_amount"]) - amount(&release["usd_amount"]),
        amount(&payment["usd_amount"]),
        "net award = paid"
    );
    assert_eq!(
        amount(&commitment["programme_support_cost"]) - amount(&release["programme_support_cost"]),
        amount(&payment["programme_support_cost"]),
        "net support cost = charged"
    );
    for e in entries.iter().filter(|e| e["grant"].is_string()) {
        assert!(
            !e["organization_name"]
                .as_str()
                .unwrap_or_default()
                .is_empty(),
            "{e}"
        );
        assert!(e["organization"].is_string(), "the id stays: {e}");
    }
    let xml = String::from_utf8(
        download(&app, &finance, &format!("format=iati&{query}"))
            .await
            .1,
    )
    .unwrap();
    let identifier = format!("<iati-identifier>XM-DAC-41128-{a}</iati-identifier>");
    let activity = &xml[xml.find(&identifier).unwrap()..];
    let activity = &activity[..activity.find("</iati-activity>").unwrap()];
    let commitments: Decimal = activity
        .split("<transaction-type code=\"2\"/>")
        .skip(1)
        .map(|t| {
            let v = &t[t.find("<value").unwrap()..];
            dec(&v[v.find('>').unwrap() + 1..v.find("</value>").unwrap()])
        })
        .sum();
    assert_eq!(commitments, amount(&payment["usd_amount"]), "{activity}");

    // Yen keep no decimals: the amount in the workbook is the whole number received.
    let (_, xlsx, _) = download(&app, &finance, &format!("format=xlsx&{query}")).await;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).unwrap();
    let ledger = book.worksheet_range("Ledger").unwrap();
    let rows: Vec<&[Data]> = ledger.rows().collect();
    let yen = rows
        .iter()
        .find(|r| is(&r[10], "JPY"))
        .expect("the yen receipt");
    assert!(
        matches!(yen[9], Data::Float(x) if x == 3_000_000.0)
            || matches!(yen[9], Data::Int(3_000_000)),
        "{:?}",
        yen[9]
    );
    assert!(is(&rows[0][17], "organization_name"));

    // The IATI activity file validates against the 2.03 schema.
    crate::support::exports::assert_valid(&xml);

    // The month closes, on an instance whose clock reads the tenth of the next month:
    // every month from the Fund's first period up to this one, in order.
    let today = chrono::Utc::now().date_naive();
    let this_month = today.with_day(1).unwrap();
    let next = this_month
        .checked_add_months(chrono::Months::new(1))
        .unwrap();
    let later = app
        .on_clock(Clock::offset(chrono::TimeDelta::days(
            (next + chrono::Duration::days(9) - today).num_days(),
        )))
        .await;
    let periods = later
        .as_(&finance)
        .ledger()
        .periods(&PeriodQuery::default())
        .await
        .ok();
    let this_period = trustfund::domain::Month::of(this_month);
    for item in periods.items {
        if item.period <= this_period && item.state == PeriodState::Open {
            later
                .as_(&finance)
                .ledger()
                .close_period(&item.period.to_string())
                .await
                .ok();
        }
    }

    // A receipt back-dated into the closed month is refused, and the month's files and
    // statements stay as they were.
    let pledge = later
        .as_(&finance)
        .contributions()
        .record(&CreateContributionRequest {
            donor: DonorRequest {
                name: Some(short("Norway")),
                donor_type: DonorType::MemberState,
                country: Some(country("NO")),
            },
            pledged: Some(positive_usd("10.00")),
            pledged_on: days_from_today(-2),
        })
        .await
        .created();
    let refused = later
        .as_(&finance)
        .contribution(pledge.id)
        .receive(&ReceiptRequest {
            received_on: days_from_today(-1),
            ..bodies::receipt(positive_usd("10.00"), "1")
        })
        .await
        .refused(422, "period-closed");
    assert_eq!(refused.fields(), ["received_on"]);
    let after = figures_in_every_format(&later, &finance, &query).await;
    assert_eq!(after.closing, month.closing);
    assert_eq!(after.cash, month.cash);

    // Both statements of the month reconcile with the ledger, `/fund` and the export.
    let last_day = (next - chrono::Duration::days(1)).to_string();
    let statements = later
        .as_(&finance)
        .statements(&[("from", this_month.to_string()), ("to", last_day)])
        .await
        .ok();
    let position = &statements.current.position;
    assert_eq!(position.cash, fund.cash);
    assert_eq!(
        position.commitments_outstanding,
        fund.commitments_outstanding
    );
    assert_eq!(position.cash.amount(), month.closing);
    let performance = &statements.current.performance;
    assert_eq!(
        performance.surplus.amount(),
        position.net_assets_in_ledger.amount()
            - statements.previous.position.net_assets_in_ledger.amount()
    );
    assert_eq!(performance.grants_paid, fund.disbursed_to_date);
}
