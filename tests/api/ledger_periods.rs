//! Closing the books: value dates on every entry, months closed in order by finance on a
//! passing check, and a closed month that no later entry, refused or corrected, changes.
//!
//! Months pass on an instance of the service whose clock is moved forward
//! (`TestApp::on_clock`): the grant is paid this month on the real clock, and the later
//! instance, two months on, closes this month and the next.

use chrono::{Datelike, Days, NaiveDate, TimeDelta};
use serde_json::{json, Value};
use trustfund::auth::Role;
use trustfund::clock::Clock;

use crate::helpers::{Answer, TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies;
use crate::support::grants::{awarded_grant, payment, refund_of, tamper, Awarded};
use crate::support::scenarios::contribution;

on_both_backends!(
    months_close_in_order_once_ended,
    a_closed_month_refuses_entries_dated_in_it_and_never_changes,
    two_closes_of_a_month_race_and_one_wins,
    a_month_closes_only_on_a_passing_check,
    only_finance_closes_and_the_auditor_reads,
);

const PERIODS: &str = "/api/v1/ledger/periods";

fn close_path(period: &str) -> String {
    format!("{PERIODS}/{period}/close")
}

fn today() -> NaiveDate {
    Clock::system().today()
}

fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap()
}

fn next_month(date: NaiveDate) -> NaiveDate {
    month_start(date)
        .checked_add_months(chrono::Months::new(1))
        .unwrap()
}

fn ym(date: NaiveDate) -> String {
    date.format("%Y-%m").to_string()
}

/// This month (`m0`, when the grant is paid), the next (`m1`), the one after (`m2`, when
/// the later instance lives: its tenth day).
struct Months {
    m0: NaiveDate,
    m1: NaiveDate,
    m2: NaiveDate,
    later_today: NaiveDate,
}

fn months() -> Months {
    let m0 = month_start(today());
    let m1 = next_month(m0);
    let m2 = next_month(m1);
    Months {
        m0,
        m1,
        m2,
        later_today: m2.checked_add_days(Days::new(9)).unwrap(),
    }
}

/// The instance whose clock reads the tenth day of the month after next.
async fn later(app: &TestApp, m: &Months) -> TestApp {
    let days = (m.later_today - today()).num_days();
    app.on_clock(Clock::offset(TimeDelta::days(days))).await
}

/// A grant awarded from a Fund holding USD 100,000 received today, its agreement signed
/// and USD 6,000 of its first tranche paid today (PSC 780).
async fn paid_grant(app: &TestApp) -> (Awarded, String) {
    let g = awarded_grant(app, "100000.00").await;
    app.as_(&g.secretariat)
        .grant(g.grant)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    let paid = app
        .as_(&g.finance)
        .grant(g.grant)
        .pay(&bodies::disbursement(1, "6000.00"))
        .await
        .created();
    let entry = paid.ledger_transaction_id.to_string();
    (g, entry)
}

async fn close(app: &TestApp, finance: &TestUser, period: NaiveDate) -> Answer {
    app.post(finance, &close_path(&ym(period)), json!({})).await
}

fn receipt(on: NaiveDate) -> Value {
    json!({"amount": {"amount": "10.00", "currency": "USD"}, "received_on": on,
           "rate_to_usd": "1", "bank_reference": format!("LATE-{}", uuid::Uuid::new_v4().simple())})
}

/// The named field of a 422.
#[track_caller]
fn field(answer: &Answer) -> &str {
    answer.body["errors"][0]["field"]
        .as_str()
        .unwrap_or_default()
}

async fn months_close_in_order_once_ended(app: TestApp) {
    let m = months();
    let (g, _) = paid_grant(&app).await;
    let finance = &g.finance;
    // The current month is open and the books have no first period yet.
    let list = app.get(finance, PERIODS).await.expect(200);
    assert_eq!(list.body["first_period"], Value::Null);
    let items = list.body["items"].as_array().unwrap();
    assert_eq!(items.last().unwrap()["period"], ym(m.m0));
    assert_eq!(items.last().unwrap()["state"], "open");
    // This month has not ended.
    let refused = close(&app, finance, m.m0)
        .await
        .expect_problem(422, "period-not-ended");
    assert_eq!(field(&refused), "period");
    let later = later(&app, &m).await;
    close(&later, finance, m.m2)
        .await
        .expect_problem(422, "period-not-ended");
    // Months close in order, from the first (the month of the earliest entry).
    let refused = close(&later, finance, m.m1)
        .await
        .expect_problem(422, "periods-out-of-order");
    assert!(refused.body["detail"].as_str().unwrap().contains(&ym(m.m0)));
    let closed = close(&later, finance, m.m0).await.expect(200);
    assert_eq!(closed.body["state"], "closed");
    assert_eq!(closed.body["closed_by"], finance.id.to_string());
    let balance = |body: &Value, account: &str| {
        body["balances"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["account"] == account)
            .map(|b| b["usd"]["amount"].as_str().unwrap().to_string())
    };
    // 100,000 received, 6,000 paid and 780 of programme support cost.
    assert_eq!(balance(&closed.body, "cash").as_deref(), Some("93220.00"));
    assert_eq!(
        balance(&closed.body, "grants_paid").as_deref(),
        Some("6000.00")
    );
    // Once only; nothing before the first period.
    close(&later, finance, m.m0)
        .await
        .expect_problem(409, "conflict");
    let before = m.m0.checked_sub_months(chrono::Months::new(1)).unwrap();
    close(&later, finance, before)
        .await
        .expect_problem(422, "before-first-period");
    close(&later, finance, m.m1).await.expect(200);
    // The list: the first period, both closed with their balances, the later month open.
    let list = later.get(finance, PERIODS).await.expect(200);
    assert_eq!(list.body["first_period"], ym(m.m0));
    let states: Vec<(String, String)> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["period"].as_str().unwrap().to_string(),
                i["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        states,
        vec![
            (ym(m.m0), "closed".to_string()),
            (ym(m.m1), "closed".to_string()),
            (ym(m.m2), "open".to_string()),
        ]
    );
    assert_eq!(
        balance(&list.body["items"][0], "cash").as_deref(),
        Some("93220.00")
    );
    let one = later
        .get(
            finance,
            &format!("{PERIODS}?from={}&to={}", ym(m.m1), ym(m.m1)),
        )
        .await
        .expect(200);
    assert_eq!(one.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(one.body["items"][0]["period"], ym(m.m1));
    later
        .get(
            finance,
            &format!("{PERIODS}?from={}&to={}", ym(m.m1), ym(m.m0)),
        )
        .await
        .expect_problem(400, "validation");
    later
        .get(finance, &format!("{PERIODS}?from=2026-13"))
        .await
        .expect_problem(400, "validation");
    later
        .post(finance, &close_path("2026-1"), json!({}))
        .await
        .expect_problem(400, "validation");
    // The close is on the trail, with its balances.
    let auditor = app.user(Role::Auditor).await;
    let trail = later
        .get(
            &auditor,
            &format!(
                "/api/v1/audit?entity_type=ledger_period&entity_id={}",
                ym(m.m0)
            ),
        )
        .await
        .expect(200);
    assert!(
        trail.text.contains("ledger_period.closed"),
        "{}",
        trail.text
    );
    assert!(trail.text.contains("93220.00"), "{}", trail.text);
}

/// An export of `month` as CSV, without its last line (the signed audit head, which
/// moves with every later change).
async fn export(app: &TestApp, finance: &TestUser, month: NaiveDate) -> String {
    let last = next_month(month).pred_opt().unwrap();
    let answer = app
        .get(
            finance,
            &format!("/api/v1/ledger/export?format=csv&from={month}&to={last}"),
        )
        .await
        .expect(200);
    let mut lines: Vec<&str> = answer.text.lines().collect();
    lines.pop();
    lines.join("\n")
}

async fn a_closed_month_refuses_entries_dated_in_it_and_never_changes(app: TestApp) {
    let m = months();
    let (g, paid) = paid_grant(&app).await;
    let finance = &g.finance;
    let later = later(&app, &m).await;
    close(&later, finance, m.m0).await.expect(200);
    close(&later, finance, m.m1).await.expect(200);
    let periods_before = later.get(finance, PERIODS).await.expect(200).body["items"].clone();
    let export_before = export(&later, finance, m.m0).await;
    assert!(export_before.contains("6000.00"), "{export_before}");
    // Money dated in a closed month is refused, naming the date's field.
    let gift = contribution(&later, finance, None).await;
    let receipts = format!("/api/v1/contributions/{gift}/receipts");
    for day in [m.m0, m.m1, m.m2.pred_opt().unwrap()] {
        let refused = later
            .post(finance, &receipts, receipt(day))
            .await
            .expect_problem(422, "period-closed");
        assert_eq!(field(&refused), "received_on");
    }
    let mut late_payment = payment(1, "1000.00");
    late_payment["value_date"] = json!(m.m1);
    let refused = later
        .post(
            finance,
            &format!("/api/v1/grants/{}/disbursements", g.grant),
            late_payment,
        )
        .await
        .expect_problem(422, "period-closed");
    assert_eq!(field(&refused), "value_date");
    let mut late_refund = refund_of("100.00");
    late_refund["received_on"] = json!(m.m1);
    let refused = later
        .post(
            finance,
            &format!("/api/v1/grants/{}/refunds", g.grant),
            late_refund,
        )
        .await
        .expect_problem(422, "period-closed");
    assert_eq!(field(&refused), "received_on");
    // Before the Fund's first period (the contribution was pledged long before).
    let before = m.m0.pred_opt().unwrap();
    let refused = later
        .post(finance, &receipts, receipt(before))
        .await
        .expect_problem(422, "before-first-period");
    assert_eq!(field(&refused), "received_on");
    // The open month takes money as before.
    let taken = later
        .post(finance, &receipts, receipt(m.later_today))
        .await
        .expect(201);
    let entry = taken.body["ledger_transaction_id"].as_str().unwrap();
    let shown = later
        .get(finance, &format!("/api/v1/ledger/transactions/{entry}"))
        .await
        .expect(200);
    assert_eq!(shown.body["value_date"], json!(m.later_today));
    // The payment of the closed month is reversed today: the correction is dated in the
    // open month and points to what it corrects.
    let reversal = later
        .post(
            finance,
            &format!("/api/v1/ledger/transactions/{paid}/reversal"),
            json!({"reason": "paid to the wrong account"}),
        )
        .await
        .expect(201);
    assert_eq!(reversal.body["value_date"], json!(m.later_today));
    assert_eq!(reversal.body["reverses"], json!(paid));
    let original = later
        .get(finance, &format!("/api/v1/ledger/transactions/{paid}"))
        .await
        .expect(200);
    assert_eq!(original.body["value_date"], json!(today()));
    // The closed months' figures and their export are what they were, to the byte.
    let periods_after = later.get(finance, PERIODS).await.expect(200).body["items"].clone();
    assert_eq!(periods_after[0], periods_before[0]);
    assert_eq!(periods_after[1], periods_before[1]);
    assert_eq!(export(&later, finance, m.m0).await, export_before);
    // The open month's export has the correction.
    assert!(export(&later, finance, m.m2).await.contains("reversal"));
    let check = later.get(finance, "/api/v1/ledger/check").await.expect(200);
    assert_eq!(check.body["ok"], true, "{}", check.text);
}

async fn two_closes_of_a_month_race_and_one_wins(app: TestApp) {
    let m = months();
    let (g, _) = paid_grant(&app).await;
    let later = later(&app, &m).await;
    let other = later
        .on_clock(Clock::offset(TimeDelta::days(
            (m.later_today - today()).num_days(),
        )))
        .await;
    let (a, b) = tokio::join!(
        close(&later, &g.finance, m.m0),
        close(&other, &g.finance, m.m0)
    );
    let mut statuses = vec![a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, vec![200, 409], "{} / {}", a.text, b.text);
    let list = later.get(&g.finance, PERIODS).await.expect(200);
    let closed = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["state"] == "closed")
        .count();
    assert_eq!(closed, 1);
}

async fn a_month_closes_only_on_a_passing_check(app: TestApp) {
    let m = months();
    let (g, _) = paid_grant(&app).await;
    let later = later(&app, &m).await;
    tamper(
        &app,
        "UPDATE ledger_postings SET amount_minor = amount_minor + 1, usd_minor = usd_minor + 1 \
         WHERE account = 'cash'"
            .to_string(),
    )
    .await;
    let refused = close(&later, &g.finance, m.m0)
        .await
        .expect_problem(422, "ledger-check-failed");
    assert!(refused.body["detail"]
        .as_str()
        .unwrap()
        .contains("unbalanced"));
    let list = later.get(&g.finance, PERIODS).await.expect(200);
    assert!(list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["state"] == "open"));
    assert_eq!(list.body["first_period"], Value::Null);
}

async fn only_finance_closes_and_the_auditor_reads(app: TestApp) {
    let m = months();
    let later = later(&app, &m).await;
    let auditor = app.user(Role::Auditor).await;
    let trustee = app.user(Role::Trustee).await;
    let secretariat = app.user(Role::Secretariat).await;
    let (applicant, _) = app.verified_applicant().await;
    later.get(&auditor, PERIODS).await.expect(200);
    for who in [&trustee, &applicant, &secretariat] {
        later
            .get(who, PERIODS)
            .await
            .expect_problem(403, "forbidden");
    }
    for who in [&auditor, &trustee, &applicant, &secretariat] {
        close(&later, who, m.m0)
            .await
            .expect_problem(403, "forbidden");
    }
    let anonymous = later.send(reqwest::Method::GET, PERIODS, None, None).await;
    assert_eq!(anonymous.status, 401);
    let anonymous = later
        .send(
            reqwest::Method::POST,
            &close_path(&ym(m.m0)),
            None,
            Some(json!({})),
        )
        .await;
    assert_eq!(anonymous.status, 401);
}
