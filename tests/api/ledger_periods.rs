//! Closing the books: value dates on every entry, months closed in order by finance on a
//! passing check, and a closed month that no later entry, refused or corrected, changes.
//!
//! Months pass on an instance of the service whose clock is moved forward
//! (`TestApp::on_clock`): the grant is paid this month on the real clock, and the later
//! instance, two months on, closes this month and the next.

use chrono::{Datelike, Days, NaiveDate, TimeDelta};
use trustfund::api::contributions::ReceiptRequest;
use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::auth::Role;
use trustfund::clock::Clock;
use trustfund::domain::{ContributionId, LedgerTransactionId, Month};
use trustfund::ledger::Account;
use trustfund::ledger_periods::{PeriodState, PeriodView};

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::grants::{awarded_grant, tamper, Awarded};
use crate::support::periods::PeriodQuery;
use crate::support::resources::ALL;
use crate::support::scenarios::contribution;
use crate::support::{bodies, positive_usd, short, usd, Problem, Reply};

on_both_backends!(
    months_close_in_order_once_ended,
    a_closed_month_refuses_entries_dated_in_it_and_never_changes,
    two_closes_of_a_month_race_and_one_wins,
    a_month_closes_only_on_a_passing_check,
    only_finance_closes_and_the_auditor_reads,
);

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

fn ym(date: NaiveDate) -> Month {
    Month::of(date)
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
/// and USD 6,000 of its first tranche paid today (PSC 780); with the payment's entry.
async fn paid_grant(app: &TestApp) -> (Awarded, LedgerTransactionId) {
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
    (g, paid.ledger_transaction_id)
}

async fn close(app: &TestApp, finance: &TestUser, period: NaiveDate) -> Reply<PeriodView> {
    app.as_(finance)
        .ledger()
        .close_period(&ym(period).to_string())
        .await
}

/// USD 10 received on `on`, at a rate of 1.
fn receipt(on: NaiveDate) -> ReceiptRequest {
    ReceiptRequest {
        received_on: on,
        bank_reference: short(&format!("LATE-{}", uuid::Uuid::new_v4().simple())),
        ..bodies::receipt(positive_usd("10.00"), "1")
    }
}

/// The first field a refusal names.
#[track_caller]
fn field(problem: &Problem) -> &str {
    problem.fields().first().copied().unwrap_or_default()
}

async fn months_close_in_order_once_ended(app: TestApp) {
    let m = months();
    let (g, _) = paid_grant(&app).await;
    let finance = &g.finance;
    // The current month is open and the books have no first period yet.
    let list = app.as_(finance).ledger().periods(ALL).await.ok();
    assert_eq!(list.first_period, None);
    let current = list.items.last().unwrap();
    assert_eq!(current.period, ym(m.m0));
    assert_eq!(current.state, PeriodState::Open);
    // This month has not ended.
    let refused = close(&app, finance, m.m0)
        .await
        .refused(422, "period-not-ended");
    assert_eq!(field(&refused), "period");
    let later = later(&app, &m).await;
    close(&later, finance, m.m2)
        .await
        .refused(422, "period-not-ended");
    // Months close in order, from the first (the month of the earliest entry).
    close(&later, finance, m.m1)
        .await
        .refused(422, "periods-out-of-order")
        .says(&ym(m.m0).to_string());
    let closed = close(&later, finance, m.m0).await.ok();
    assert_eq!(closed.state, PeriodState::Closed);
    assert_eq!(closed.closed_by, Some(finance.id.into()));
    // 100,000 received, 6,000 paid and 780 of programme support cost.
    assert_eq!(closed.balance(Account::Cash), Some(usd("93220.00")));
    assert_eq!(closed.balance(Account::GrantsPaid), Some(usd("6000.00")));
    // Once only; nothing before the first period.
    close(&later, finance, m.m0).await.refused(409, "conflict");
    let before = m.m0.checked_sub_months(chrono::Months::new(1)).unwrap();
    close(&later, finance, before)
        .await
        .refused(422, "before-first-period");
    close(&later, finance, m.m1).await.ok();
    // The list: the first period, both closed with their balances, the later month open.
    let list = later.as_(finance).ledger().periods(ALL).await.ok();
    assert_eq!(list.first_period, Some(ym(m.m0)));
    let states: Vec<(Month, PeriodState)> =
        list.items.iter().map(|i| (i.period, i.state)).collect();
    assert_eq!(
        states,
        vec![
            (ym(m.m0), PeriodState::Closed),
            (ym(m.m1), PeriodState::Closed),
            (ym(m.m2), PeriodState::Open),
        ]
    );
    assert_eq!(list.items[0].balance(Account::Cash), Some(usd("93220.00")));
    let m1 = ym(m.m1);
    let one = later
        .as_(finance)
        .ledger()
        .periods(&PeriodQuery {
            from: Some(m1),
            to: Some(m1),
        })
        .await
        .ok();
    assert_eq!(one.items.len(), 1);
    assert_eq!(one.items[0].period, m1);
    let m0 = ym(m.m0);
    later
        .as_(finance)
        .ledger()
        .periods(&PeriodQuery {
            from: Some(m1),
            to: Some(m0),
        })
        .await
        .refused(400, "validation");
    later
        .as_(finance)
        .ledger()
        .periods(&[("from", "2026-13")])
        .await
        .refused(400, "validation");
    later
        .as_(finance)
        .ledger()
        .close_period("2026-1")
        .await
        .refused(400, "validation");
    // The close is on the trail, with its balances.
    let auditor = app.user(Role::Auditor).await;
    let trail = later
        .as_(&auditor)
        .audit()
        .list(&[
            ("entity_type", "ledger_period"),
            ("entity_id", m0.to_string().as_str()),
        ])
        .await
        .ok();
    let event = trail
        .items
        .iter()
        .find(|e| e.action == "ledger_period.closed")
        .unwrap_or_else(|| panic!("no close on the trail: {trail:?}"));
    assert!(
        event.changes.to_string().contains("93220.00"),
        "{}",
        event.changes
    );
}

/// An export of `month` as CSV, without its last line (the signed audit head, which
/// moves with every later change).
async fn export(app: &TestApp, finance: &TestUser, month: NaiveDate) -> String {
    let last = next_month(month).pred_opt().unwrap();
    let (from, to) = (month.to_string(), last.to_string());
    let answer = app
        .as_(finance)
        .ledger()
        .export(&[("format", "csv"), ("from", &from), ("to", &to)])
        .await
        .raw()
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
    let books = later.as_(finance);
    close(&later, finance, m.m0).await.ok();
    close(&later, finance, m.m1).await.ok();
    let periods_before = books.ledger().periods(ALL).await.ok().items;
    let export_before = export(&later, finance, m.m0).await;
    assert!(export_before.contains("6000.00"), "{export_before}");
    // Money dated in a closed month is refused, naming the date's field.
    let gift: ContributionId = contribution(&later, finance, None).await.parse().unwrap();
    for day in [m.m0, m.m1, m.m2.pred_opt().unwrap()] {
        let refused = books
            .contribution(gift)
            .receive(&receipt(day))
            .await
            .refused(422, "period-closed");
        assert_eq!(field(&refused), "received_on");
    }
    let mut late_payment = bodies::disbursement(1, "1000.00");
    late_payment.value_date = m.m1;
    let refused = books
        .grant(g.grant)
        .pay(&late_payment)
        .await
        .refused(422, "period-closed");
    assert_eq!(field(&refused), "value_date");
    let mut late_refund = bodies::refund("100.00");
    late_refund.received_on = m.m1;
    let refused = books
        .grant(g.grant)
        .refund(&late_refund)
        .await
        .refused(422, "period-closed");
    assert_eq!(field(&refused), "received_on");
    // Before the Fund's first period (the contribution was pledged long before).
    let before = m.m0.pred_opt().unwrap();
    let refused = books
        .contribution(gift)
        .receive(&receipt(before))
        .await
        .refused(422, "before-first-period");
    assert_eq!(field(&refused), "received_on");
    // The open month takes money as before.
    let taken = books
        .contribution(gift)
        .receive(&receipt(m.later_today))
        .await
        .created();
    let entry = taken.receipt.ledger_transaction_id;
    let shown = books.ledger().transaction(entry).await.ok();
    assert_eq!(shown.value_date, m.later_today);
    // The payment of the closed month is reversed today: the correction is dated in the
    // open month and points to what it corrects.
    let reversal = books
        .ledger()
        .reverse(
            paid,
            &ReversalRequest {
                reason: short("paid to the wrong account"),
            },
        )
        .await
        .created();
    assert_eq!(reversal.value_date, m.later_today);
    assert_eq!(reversal.reverses, Some(paid));
    let original = books.ledger().transaction(paid).await.ok();
    assert_eq!(original.value_date, today());
    // The closed months' figures and their export are what they were, to the byte.
    let periods_after = books.ledger().periods(ALL).await.ok().items;
    assert_eq!(periods_after[0], periods_before[0]);
    assert_eq!(periods_after[1], periods_before[1]);
    assert_eq!(export(&later, finance, m.m0).await, export_before);
    // The open month's export has the correction.
    assert!(export(&later, finance, m.m2).await.contains("reversal"));
    let check = books.ledger().check().await.ok();
    assert!(check.ok, "{check:?}");
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
    let mut statuses = vec![a.status(), b.status()];
    statuses.sort();
    assert_eq!(
        statuses,
        vec![200, 409],
        "{} / {}",
        a.answer.text,
        b.answer.text
    );
    let list = later.as_(&g.finance).ledger().periods(ALL).await.ok();
    let closed = list
        .items
        .iter()
        .filter(|i| i.state == PeriodState::Closed)
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
    close(&later, &g.finance, m.m0)
        .await
        .refused(422, "ledger-check-failed")
        .says("unbalanced");
    let list = later.as_(&g.finance).ledger().periods(ALL).await.ok();
    assert!(list.items.iter().all(|i| i.state == PeriodState::Open));
    assert_eq!(list.first_period, None);
}

async fn only_finance_closes_and_the_auditor_reads(app: TestApp) {
    let m = months();
    let later = later(&app, &m).await;
    let auditor = app.user(Role::Auditor).await;
    let trustee = app.user(Role::Trustee).await;
    let secretariat = app.user(Role::Secretariat).await;
    let (applicant, _) = crate::support::scenarios::verified_organization(&app, "KE").await;
    later.as_(&auditor).ledger().periods(ALL).await.ok();
    for who in [&trustee, &applicant, &secretariat] {
        later
            .as_(who)
            .ledger()
            .periods(ALL)
            .await
            .refused(403, "forbidden");
    }
    for who in [&auditor, &trustee, &applicant, &secretariat] {
        close(&later, who, m.m0).await.refused(403, "forbidden");
    }
    let anonymous = later.anonymous().ledger().periods(ALL).await;
    assert_eq!(anonymous.status(), 401);
    let anonymous = later
        .anonymous()
        .ledger()
        .close_period(&ym(m.m0).to_string())
        .await;
    assert_eq!(anonymous.status(), 401);
}
