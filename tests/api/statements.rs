//! `GET /api/v1/statements`: the Fund's statements of financial position and performance
//! reconcile with the ledger and `/fund` to the cent, in JSON, CSV and XLSX alike, and
//! only finance and auditors read them.

use calamine::Reader;
use trustfund::api::grants::CancellationRequest;
use trustfund::auth::Role;
use trustfund::domain::Money;
use trustfund::fund_reports::statements::Statements;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, progress_report, refund, spent_on};
use crate::support::grants::{first_tranche_paid, fund_balances, Awarded};
use crate::support::paths::{self, with_query};
use crate::support::resources::ALL;
use crate::support::{money, short, text, usd};

on_both_backends!(
    the_statements_reconcile_with_the_ledger_in_every_format,
    only_finance_and_auditors_read_the_statements
);

fn sum(parts: &[Money]) -> Money {
    parts
        .iter()
        .skip(1)
        .fold(parts[0], |a, b| a.checked_add(*b).expect("one currency"))
}

fn less(a: Money, b: Money) -> Money {
    a.checked_sub(b).expect("one currency")
}

async fn read(app: &TestApp, who: &TestUser, query: &[(&str, &str)]) -> Statements {
    app.as_(who).statements(query).await.ok()
}

/// A grant paid 15,000 on tranche 1, 9,000 of it reported spent, then cancelled (6,000
/// due back), 2,000 of that refunded; and a pledge of 50,000 of which 20,000 came in.
async fn a_fund_at_work(app: &TestApp) -> Awarded {
    let g = first_tranche_paid(app, "200000.00", "15000.00").await;
    let filed = app
        .as_(&g.applicant)
        .grant(g.grant)
        .file_report(&{
            let mut body = progress_report(1, vec![spent_on("Shelter rent", usd("9000.00"))]);
            body.beneficiaries[0].count = 3;
            body.tranche = Some(1);
            body
        })
        .await
        .created();
    app.as_(&g.secretariat)
        .report(filed.id)
        .review(&bodies::accept())
        .await
        .ok();
    app.as_(&g.secretariat)
        .grant(g.grant)
        .cancel(&CancellationRequest {
            reason: text("The project lost its premises and cannot continue."),
            board_decision: short("Board decision 2026/14"),
        })
        .await
        .created();
    app.as_(&g.finance)
        .grant(g.grant)
        .refund(&refund("2000.00"))
        .await
        .created();
    let pledge = crate::support::scenarios::contribution(
        app,
        &g.finance,
        Some(serde_json::json!({"amount": "50000.00", "currency": "USD"})),
    )
    .await;
    crate::support::scenarios::receive(app, &g.finance, &pledge, "20000.00", "USD", "1")
        .await
        .expect(201);
    g
}

async fn the_statements_reconcile_with_the_ledger_in_every_format(app: TestApp) {
    let g = a_fund_at_work(&app).await;
    let finance = &g.finance;
    let today = chrono::Utc::now().date_naive().to_string();
    let query = [("from", "2026-01-01"), ("to", today.as_str())];
    let s = read(&app, finance, &query).await;
    let (now, then) = (&s.current, &s.previous);
    assert_eq!(now.period.to.to_string(), today);
    assert_eq!(then.period.to, now.period.from.pred_opt().unwrap());

    // The position is the ledger's and `/fund`'s, to the cent.
    let fund = fund_balances(&app, finance).await;
    let p = &now.position;
    assert_eq!(p.cash, fund.cash);
    assert_eq!(p.commitments_outstanding, fund.commitments_outstanding);
    assert_eq!(
        p.net_assets_in_ledger,
        less(p.cash, p.commitments_outstanding)
    );
    let fund_view = app.as_(finance).fund().get().await.ok();
    assert_eq!(p.refunds_due, money(&fund_view["refunds_due"]));
    assert_eq!(p.refunds_due, usd("4000.00"));
    // Whatever else the scenario pledged, this pledge's 30,000 is still to come.
    assert!(
        p.contributions_receivable >= usd("30000.00"),
        "{:?}",
        p.contributions_receivable
    );
    assert!(p.unvalued_receivable.is_empty(), "{p:?}");
    assert_eq!(
        p.net_assets,
        sum(&[
            p.net_assets_in_ledger,
            p.contributions_receivable,
            p.refunds_due
        ])
    );

    // The performance adds up, and its surplus is the change in the ledger's net assets.
    let f = &now.performance;
    assert_eq!(
        f.revenue,
        sum(&[f.contributions, f.refunds, f.exchange_differences])
    );
    assert_eq!(
        f.expenses,
        sum(&[
            f.grants_paid,
            f.programme_support_cost,
            f.commitments_charged
        ])
    );
    assert_eq!(f.surplus, less(f.revenue, f.expenses));
    assert_eq!(
        f.surplus,
        less(p.net_assets_in_ledger, then.position.net_assets_in_ledger)
    );
    assert_eq!(f.grants_paid, fund.disbursed_to_date);
    assert_eq!(f.refunds, usd("2000.00"));
    assert_eq!(
        f.contributions, fund.received_to_date,
        "every receipt falls in the period"
    );

    // The CSV says the same, line by line.
    let (status, headers, body) = app
        .as_(finance)
        .get_bytes(with_query(
            paths::statements(),
            &[query[0], query[1], ("format", "csv")],
        ))
        .await;
    assert_eq!(status, 200);
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let mut csv = csv::Reader::from_reader(body.as_slice());
    let mut lines = std::collections::BTreeMap::new();
    for row in csv.records() {
        let row = row.unwrap();
        lines.insert(
            (row[0].to_string(), row[1].to_string()),
            (row[5].to_string(), row[8].to_string()),
        );
    }
    let line =
        |statement: &str, name: &str| lines[&(statement.to_string(), name.to_string())].clone();
    assert_eq!(
        line("financial_position", "cash").0,
        p.cash.amount().to_string()
    );
    assert_eq!(
        line("financial_position", "net_assets").0,
        p.net_assets.amount().to_string()
    );
    assert_eq!(
        line("financial_performance", "surplus"),
        (
            f.surplus.amount().to_string(),
            then.performance.surplus.amount().to_string()
        )
    );
    assert_eq!(lines.len(), 15);

    // So does the workbook, a sheet per statement.
    let (status, _, body) = app
        .as_(finance)
        .get_bytes(with_query(
            paths::statements(),
            &[query[0], query[1], ("format", "xlsx")],
        ))
        .await;
    assert_eq!(status, 200);
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(body)).unwrap();
    let position = book.worksheet_range("Financial position").unwrap();
    let cell = |range: &calamine::Range<calamine::Data>, name: &str, column: usize| {
        range
            .rows()
            .find(|r| r[0] == name)
            .map(|r| r[column].to_string())
            .unwrap_or_else(|| panic!("no line {name}"))
    };
    let as_number = |m: Money| m.amount().normalize().to_string();
    assert_eq!(cell(&position, "cash", 2), as_number(p.cash));
    assert_eq!(cell(&position, "refunds_due", 2), as_number(p.refunds_due));
    let performance = book.worksheet_range("Financial performance").unwrap();
    assert_eq!(cell(&performance, "surplus", 2), as_number(f.surplus));
}

async fn only_finance_and_auditors_read_the_statements(app: TestApp) {
    let auditor = app.user(Role::Auditor).await;
    let finance = app.user(Role::Finance).await;
    let s = read(&app, &auditor, &[]).await;
    assert_eq!(s.current.period.to, chrono::Utc::now().date_naive());
    read(
        &app,
        &finance,
        &[("from", "2026-11-01"), ("to", "2026-11-30")],
    )
    .await;
    for role in [
        Role::Secretariat,
        Role::Trustee,
        Role::Applicant,
        Role::Admin,
    ] {
        let user = app.user(role).await;
        let answer = app.as_(&user).statements(ALL).await;
        assert_eq!(answer.status(), 403, "{role:?}");
    }
    let anonymous = app.anonymous().statements(ALL).await;
    assert_eq!(anonymous.status(), 401);
    let backwards = app
        .as_(&finance)
        .statements(&[("from", "2026-12-01"), ("to", "2026-11-01")])
        .await
        .refused(400, "validation");
    assert_eq!(backwards.fields(), ["from"]);
    let unknown = app.as_(&finance).statements(&[("format", "pdf")]).await;
    assert_eq!(unknown.status(), 400);
}
