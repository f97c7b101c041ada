//! Dates at the edges of what a query may ask: every `from`, `to` and `on` query parameter
//! (the Fund's reports, the ledger export, the journal, the Board's balance) takes days
//! from 1900-03-01 to 9999-09-30; outside, a 400 naming the parameter, never a 500 or
//! silently wrong figures. The last day gives the same figures as today; the first day
//! makes a workbook Excel reads.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use serde::Deserialize;
use serde_json::Value;
use trustfund::api::contributions::{CreateContributionRequest, DonorRequest, ReceiptRequest};
use trustfund::auth::Role;
use trustfund::contributions::DonorType;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::{country, rate, today};
use crate::support::grants::awarded_grant;
use crate::support::paths::{self, with_query};
use crate::support::{positive_usd, short, Reply};

on_both_backends!(
    dates_past_the_last_day_are_refused_by_parameter,
    the_last_day_counts_what_today_counts,
    the_first_day_makes_a_readable_workbook,
);

const REPORTS: [&str; 5] = [
    "geography",
    "exploitation",
    "beneficiaries",
    "contributions",
    "board",
];

/// What the geography and exploitation reports total.
#[derive(Deserialize)]
struct Totalled {
    totals: Totals,
}

#[derive(Deserialize)]
struct Totals {
    grants: u64,
}

#[track_caller]
fn assert_bad_parameter<T>(reply: Reply<T>, field: &str) {
    let refused = reply.refused(400, "validation");
    assert_eq!(refused.fields(), vec![field], "{refused:?}");
    refused.mentions("1900-03-01");
}

async fn dates_past_the_last_day_are_refused_by_parameter(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let finance = app.as_(&finance);
    for report in REPORTS {
        let cases: [(&[(&str, &str)], &str); 5] = [
            (&[("to", "9999-12-31")], "to"),
            (&[("from", "2020-01-01"), ("to", "9999-12-31")], "to"),
            (&[("from", "9999-10-01")], "from"),
            (&[("from", "1899-12-31"), ("to", "2020-01-01")], "from"),
            (&[("from", "0001-01-01"), ("to", "2020-01-01")], "from"),
        ];
        for (query, field) in cases {
            assert_bad_parameter(finance.fund_report(report).read(query).await, field);
        }
    }
    for format in ["csv", "json", "xlsx", "iati"] {
        for (from, to, field) in [
            (Some("1899-12-31"), "1900-12-31", "from"),
            (Some("1900-02-28"), "1900-12-31", "from"),
            (None, "9999-12-31", "to"),
        ] {
            let mut query = vec![("format", format)];
            if let Some(from) = from {
                query.push(("from", from));
            }
            query.push(("to", to));
            assert_bad_parameter(finance.ledger().export(&query).await, field);
        }
    }
    assert_bad_parameter(
        finance.ledger().journal(&[("from", "0001-01-01")]).await,
        "from",
    );
    assert_bad_parameter(
        finance.ledger().journal(&[("to", "9999-12-31")]).await,
        "to",
    );
    assert_bad_parameter(finance.board().on("9999-12-31").await, "on");
    assert_bad_parameter(finance.board().on("1000-01-01").await, "on");
}

async fn the_last_day_counts_what_today_counts(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let as_finance = app.as_(&finance);
    let today = today();
    let contribution = as_finance
        .contributions()
        .record(&CreateContributionRequest {
            donor: DonorRequest {
                name: Some(short("Sweden")),
                donor_type: DonorType::MemberState,
                country: Some(country("SE")),
            },
            pledged: Some(positive_usd("100000.00")),
            pledged_on: today,
        })
        .await
        .created();
    as_finance
        .contribution(contribution.id)
        .receive(&ReceiptRequest {
            amount: positive_usd("100000.00"),
            received_on: today,
            rate_to_usd: Some(rate("1")),
            rate_reason: None,
            bank_reference: short("EDGE-1"),
        })
        .await
        .created();
    awarded_grant(&app, "1.00").await;
    let today = today.to_string();
    for report in REPORTS {
        let read = |to: &str| {
            let query = [("from", "2020-01-01".to_string()), ("to", to.to_string())];
            let report = as_finance.fund_report(report);
            async move { report.read(&query).await.ok() }
        };
        let now = read(&today).await;
        let last = read("9999-09-30").await;
        if report == "geography" || report == "exploitation" {
            let totalled: Totalled = serde_json::from_value(now.clone()).expect("totals");
            assert_eq!(totalled.totals.grants, 1, "{report}: {now}");
        }
        // The same figures, over periods that differ only in their last day.
        let without_period = |mut report: Value| {
            report["period"] = Value::Null;
            report
        };
        if report != "board" {
            assert_eq!(without_period(now), without_period(last), "{report}");
        }
    }
    // The journal, the export and the Board's balance take the edges too.
    let journal = as_finance
        .ledger()
        .journal(&[("from", "1900-03-01"), ("to", "9999-09-30")])
        .await
        .ok();
    assert!(!journal.items.is_empty());
    as_finance.board().on("9999-09-30").await.ok();
    as_finance.board().on("1900-03-01").await.ok();
    let csv = as_finance
        .ledger()
        .export(&[
            ("format", "csv"),
            ("kind", "all"),
            ("from", "1900-03-01"),
            ("to", "9999-09-30"),
        ])
        .await
        .raw()
        .expect(200);
    assert!(csv.text.contains("\nentry,"), "{}", csv.text);
}

async fn the_first_day_makes_a_readable_workbook(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let (status, _, bytes) = app
        .as_(&finance)
        .get_bytes(with_query(
            paths::ledger_export(),
            &[
                ("format", "xlsx"),
                ("kind", "all"),
                ("from", "1900-03-01"),
                ("to", "1900-12-31"),
            ],
        ))
        .await;
    assert_eq!(status, 200);
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("a workbook Excel can open");
    assert!(!book.sheet_names().is_empty());
    let first = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&first).unwrap();
    assert!(sheet.height() >= 2);
}
