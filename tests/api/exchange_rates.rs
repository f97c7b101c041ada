//! The UN operational rates of exchange: finance records a month's table (JSON or CSV,
//! replaced whole, audited), every bad line refused naming its field; a receipt takes the
//! rate in force on its day (a mid-month revision from its day on), a month without one
//! is refused naming it, and another rate needs its reason; pledges are valued in USD,
//! with what is still receivable and its exchange difference adding up to the cent, in
//! the contribution and in the contributions report (JSON and CSV).

use chrono::NaiveDate;
use serde_json::json;
use trustfund::api::contributions::ReceiptRequest;
use trustfund::api::exchange_rates::{RateLineRequest, RecordRatesRequest};
use trustfund::auth::Role;
use trustfund::contributions::MissingRate;
use trustfund::domain::{ContributionId, Currency, Month, PositiveMoney};
use trustfund::exchange_rates::MonthRatesView;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{
    date, in_currency, pledge_by_a_public_donor, positive, rate, short, today, usd,
};

on_both_backends!(
    finance_records_a_month_as_json_or_csv_and_auditors_read_it,
    bad_tables_are_refused_naming_the_field,
    only_finance_records_and_only_finance_and_auditors_read,
    a_receipt_takes_the_rate_in_force_on_its_day,
    a_rate_other_than_the_one_in_force_needs_its_reason,
    pledges_are_valued_with_their_receivable_and_exchange_difference
);

/// A line of a month's table: `(currency, rate, from)` with `from` absent for the 1st.
fn line(currency: &str, rate_to_usd: &str, from: Option<&str>) -> RateLineRequest {
    RateLineRequest {
        currency: Currency::parse(currency).expect("a currency"),
        rate_to_usd: rate(rate_to_usd),
        from: from.map(date),
    }
}

fn table(lines: Vec<RateLineRequest>) -> RecordRatesRequest {
    RecordRatesRequest { rates: lines }
}

/// `(currency, rate as written, from)` of a table's rows, in order: the rate's text, since
/// what is stored is the decimal exactly as given.
fn rows(table: &MonthRatesView) -> Vec<(Currency, String, NaiveDate)> {
    table
        .rates
        .iter()
        .map(|r| (r.currency, r.rate_to_usd.to_string(), r.from))
        .collect()
}

fn row(currency: &str, rate_to_usd: &str, from: &str) -> (Currency, String, NaiveDate) {
    (
        Currency::parse(currency).expect("a currency"),
        rate_to_usd.to_string(),
        date(from),
    )
}

async fn month_rates(app: &TestApp, user: &TestUser, month: &str) -> MonthRatesView {
    app.as_(user).exchange_rates().month(month).await.ok()
}

/// A pledge in NOK (or `currency`) by a public donor, made on 2026-01-15.
async fn pledge(app: &TestApp, user: &TestUser, amount: PositiveMoney) -> ContributionId {
    app.as_(user)
        .contributions()
        .record(&pledge_by_a_public_donor(Some(amount)))
        .await
        .created()
        .id
}

/// A receipt of `amount` NOK on `day` at the rate in force (no rate given).
fn receipt_of(amount: &str, day: &str, reference: &str) -> ReceiptRequest {
    ReceiptRequest {
        amount: positive(amount, "NOK"),
        received_on: date(day),
        rate_to_usd: None,
        bank_reference: short(reference),
        rate_reason: None,
    }
}

async fn finance_records_a_month_as_json_or_csv_and_auditors_read_it(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let auditor = app.user(Role::Auditor).await;
    let admin = app.user(Role::Admin).await;
    let march = table(vec![
        line("NOK", "0.0912345", None),
        line("EUR", "1.0850", None),
        line("NOK", "0.0951", Some("2026-03-16")),
    ]);
    let recorded = app
        .as_(&finance)
        .exchange_rates()
        .record("2026-03", &march)
        .await
        .ok();
    assert_eq!(recorded.month, Month::parse("2026-03").unwrap());
    let expected = vec![
        row("EUR", "1.085", "2026-03-01"),
        row("NOK", "0.0912345", "2026-03-01"),
        row("NOK", "0.0951", "2026-03-16"),
    ];
    // Stored exactly: the decimal as given (its trailing zero is no digit of it).
    assert_eq!(rows(&recorded), expected);
    assert_eq!(
        rows(&month_rates(&app, &auditor, "2026-03").await),
        expected
    );

    let csv = "currency,rate_to_usd,from\r\nNOK,0.0940,\r\n\"JPY\",0.00668,2026-04-01\r\n";
    app.as_(&finance)
        .exchange_rates()
        .record_as("2026-04", "text/csv", csv)
        .await
        .ok();
    assert_eq!(
        rows(&month_rates(&app, &finance, "2026-04").await),
        vec![
            row("JPY", "0.00668", "2026-04-01"),
            row("NOK", "0.094", "2026-04-01")
        ]
    );
    // A month with no table reads empty.
    assert_eq!(rows(&month_rates(&app, &auditor, "2026-05").await), vec![]);

    // A PUT replaces the month's table whole; the audit keeps what it replaced.
    app.as_(&finance)
        .exchange_rates()
        .record("2026-03", &table(vec![line("EUR", "1.0861", None)]))
        .await
        .ok();
    assert_eq!(
        rows(&month_rates(&app, &auditor, "2026-03").await),
        vec![row("EUR", "1.0861", "2026-03-01")]
    );
    let events = app
        .as_(&admin)
        .audit()
        .list(&[("entity_type", "exchange_rates"), ("entity_id", "2026-03")])
        .await
        .ok()
        .items;
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].action, "exchange_rates.recorded");
    // The audit's changes are the event's own document, read as written.
    assert_eq!(events[0].changes["rates"][0]["rate_to_usd"], "1.0861");
    assert_eq!(events[0].changes["replaced"].as_array().unwrap().len(), 3);
}

async fn bad_tables_are_refused_naming_the_field(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let rates = app.as_(&finance);
    // Bodies the crate's types cannot hold (an unknown currency, a rate that is no
    // number) go as JSON.
    let raw = |c: &str, r: &str| json!({"currency": c, "rate_to_usd": r});
    let cases = [
        (
            json!({"rates": [raw("NOK", "0.09"), raw("XXX", "1")]}),
            "rates[1].currency",
        ),
        (json!({"rates": [raw("NOK", "0")]}), "rates[0].rate_to_usd"),
        (
            json!({"rates": [raw("NOK", "-0.09")]}),
            "rates[0].rate_to_usd",
        ),
        (
            json!({"rates": [raw("NOK", "0.09"), raw("EUR", "abc")]}),
            "rates[1].rate_to_usd",
        ),
        (
            json!(table(vec![line("USD", "1", None)])),
            "rates[0].currency",
        ),
        (
            json!(table(vec![line("NOK", "0.09", Some("2026-04-01"))])),
            "rates[0].from",
        ),
        (
            json!(table(vec![
                line("NOK", "0.09", None),
                line("NOK", "0.091", Some("2026-03-01"))
            ])),
            "rates[1]",
        ),
        (json!(table(vec![])), "rates"),
    ];
    for (body, field) in cases {
        let refused = rates
            .exchange_rates()
            .record("2026-03", &body)
            .await
            .refused(400, "validation");
        assert_eq!(refused.fields()[0], field, "{body}");
    }
    let refused = rates
        .exchange_rates()
        .record("2026-13", &table(vec![line("NOK", "0.09", None)]))
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields()[0], "month");

    // The CSV form names the same fields, counting lines after the header from 0.
    let csv_cases = [
        (
            "currency,rate_to_usd,from\nNOK,0.09,\nEUR,-1,\n",
            "rates[1].rate_to_usd",
        ),
        (
            "currency,rate_to_usd,from\nNOK,0.09,2026-02-28\n",
            "rates[0].from",
        ),
        (
            "currency,rate_to_usd,from\nNOK,0.09,\nNOK,0.1,\n",
            "rates[1]",
        ),
        ("currency,rate\nNOK,0.09\n", "body"),
    ];
    for (csv, field) in csv_cases {
        let refused = rates
            .exchange_rates()
            .record_as("2026-03", "text/csv", csv)
            .await
            .refused(400, "validation");
        assert_eq!(refused.fields()[0], field, "{csv}");
    }
    rates
        .exchange_rates()
        .record_as("2026-03", "text/plain", "NOK 0.09")
        .await
        .raw()
        .expect(415);
    // Nothing of the refused tables was kept.
    assert_eq!(rows(&month_rates(&app, &finance, "2026-03").await), vec![]);
}

async fn only_finance_records_and_only_finance_and_auditors_read(app: TestApp) {
    let march = table(vec![line("NOK", "0.09", None)]);
    for role in [
        Role::Secretariat,
        Role::Trustee,
        Role::Applicant,
        Role::Auditor,
    ] {
        let user = app.user(role).await;
        app.as_(&user)
            .exchange_rates()
            .record("2026-03", &march)
            .await
            .refused(403, "forbidden");
    }
    app.anonymous()
        .exchange_rates()
        .record("2026-03", &march)
        .await
        .refused(401, "unauthorized");
    for role in [Role::Secretariat, Role::Trustee, Role::Applicant] {
        let user = app.user(role).await;
        app.as_(&user)
            .exchange_rates()
            .month("2026-03")
            .await
            .refused(403, "forbidden");
    }
    app.anonymous()
        .exchange_rates()
        .month("2026-03")
        .await
        .refused(401, "unauthorized");
    let finance = app.user(Role::Finance).await;
    app.as_(&finance)
        .exchange_rates()
        .record("2026-03", &march)
        .await
        .ok();
}

async fn a_receipt_takes_the_rate_in_force_on_its_day(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let client = app.as_(&finance);
    client
        .exchange_rates()
        .record(
            "2026-03",
            &table(vec![
                line("NOK", "0.0912345", None),
                line("NOK", "0.0951", Some("2026-03-16")),
            ]),
        )
        .await
        .ok();
    let id = pledge(&app, &finance, positive("1000000.00", "NOK")).await;
    // Before the revision: the 1st's rate; from its day on, the revision.
    let early = client
        .contribution(id)
        .receive(&receipt_of("1000.00", "2026-03-15", "NO-1"))
        .await
        .created()
        .receipt;
    assert_eq!(early.rate_to_usd, rate("0.0912345"));
    assert_eq!(early.usd, usd("91.23"));
    assert_eq!(early.rate_reason, None);
    let late = client
        .contribution(id)
        .receive(&receipt_of("1000.00", "2026-03-16", "NO-2"))
        .await
        .created()
        .receipt;
    assert_eq!(late.rate_to_usd, rate("0.0951"));
    assert_eq!(late.usd, usd("95.10"));
    // The rate in force given as such needs no reason.
    client
        .contribution(id)
        .receive(&ReceiptRequest {
            rate_to_usd: Some(rate("0.0951")),
            ..receipt_of("1000.00", "2026-03-20", "NO-3")
        })
        .await
        .created();

    // A month with no table: refused, naming the month and currency to record.
    let missing = client
        .contribution(id)
        .receive(&receipt_of("1000.00", "2026-04-02", "NO-4"))
        .await
        .refused(422, "exchange-rate-missing");
    assert_eq!(missing.fields(), vec!["rate_to_usd"]);
    missing.says("2026-04").says("NOK");

    // A later table does not touch what the receipts recorded.
    client
        .exchange_rates()
        .record("2026-03", &table(vec![line("NOK", "0.5", None)]))
        .await
        .ok();
    let view = client.contribution(id).get().await.ok();
    let recorded: Vec<String> = view
        .receipts
        .iter()
        .map(|r| r.rate_to_usd.to_string())
        .collect();
    assert_eq!(recorded, vec!["0.0912345", "0.0951", "0.0951"]);
    assert_eq!(view.received_usd, usd("281.43"));

    // USD needs no table.
    let dollars = pledge(&app, &finance, positive("100.00", "USD")).await;
    let receipt = client
        .contribution(dollars)
        .receive(&ReceiptRequest {
            amount: positive("10.00", "USD"),
            ..receipt_of("10.00", "2026-04-02", "US-1")
        })
        .await
        .created()
        .receipt;
    assert_eq!(receipt.rate_to_usd, rate("1"));
}

async fn a_rate_other_than_the_one_in_force_needs_its_reason(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let admin = app.user(Role::Admin).await;
    let client = app.as_(&finance);
    client
        .exchange_rates()
        .record("2026-03", &table(vec![line("NOK", "0.0912345", None)]))
        .await
        .ok();
    let id = pledge(&app, &finance, positive("1000000.00", "NOK")).await;
    let own_rate = ReceiptRequest {
        rate_to_usd: Some(rate("0.105")),
        ..receipt_of("1000.00", "2026-03-10", "NO-1")
    };
    let refused = client
        .contribution(id)
        .receive(&own_rate)
        .await
        .refused(422, "rate-reason-required");
    assert_eq!(refused.fields(), vec!["rate_reason"]);
    refused.says("0.0912345");

    let reason = "converted by the donor's bank at its own rate, agreed with the UN treasury";
    let kept = client
        .contribution(id)
        .receive(&ReceiptRequest {
            rate_reason: Some(short(reason)),
            ..own_rate
        })
        .await
        .created()
        .receipt;
    assert_eq!(kept.rate_to_usd, rate("0.105"));
    assert_eq!(kept.usd, usd("105.00"));
    assert_eq!(kept.rate_reason.as_deref(), Some(reason));
    let view = client.contribution(id).get().await.ok();
    assert_eq!(view.receipts[0].rate_reason.as_deref(), Some(reason));
    let trail = app
        .as_(&admin)
        .audit()
        .list(&[
            ("entity_type", "contribution"),
            ("entity_id", &id.to_string()),
        ])
        .await
        .ok()
        .items;
    assert_eq!(trail[0].action, "contribution.receipt_recorded");
    assert_eq!(trail[0].changes["receipt"]["rate_reason"], reason);

    // A reason with nothing to explain is refused, naming it.
    let refused = client
        .contribution(id)
        .receive(&ReceiptRequest {
            rate_reason: Some(short(reason)),
            ..receipt_of("1000.00", "2026-03-11", "NO-2")
        })
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["rate_reason"]);
}

async fn pledges_are_valued_with_their_receivable_and_exchange_difference(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let client = app.as_(&finance);
    let this_month = Month::of(today()).to_string();
    let nok_at = |r: &str| table(vec![line("NOK", r, None)]);
    // Pledged in January (2026-01-15), received in March, valued today.
    for (month, r) in [
        ("2026-01", "0.0912345"),
        ("2026-03", "0.0930"),
        (this_month.as_str(), "0.0951"),
    ] {
        client.exchange_rates().record(month, &nok_at(r)).await.ok();
    }
    let id = pledge(&app, &finance, positive("1000000.00", "NOK")).await;
    client
        .contribution(id)
        .receive(&receipt_of("666666.67", "2026-03-02", "NO-1"))
        .await
        .created();

    let view = client.contribution(id).get().await.ok();
    assert_eq!(view.pledged_rate_to_usd, Some(rate("0.0912345")));
    assert_eq!(view.pledged_usd, Some(usd("91234.50")));
    let r = view.receivable.expect("a pledge's receivable");
    assert_eq!(r.amount, in_currency("333333.33", "NOK"));
    assert_eq!(r.rate_to_usd, Some(rate("0.0951")));
    // 333333.33 × 0.0912345 = 30411.4997 and × 0.0951 = 31699.9997, each to the cent.
    let (at_pledge, now, difference) = (
        r.usd_at_pledge_rate.unwrap(),
        r.usd.unwrap(),
        r.exchange_difference_usd.unwrap(),
    );
    assert_eq!(at_pledge, usd("30411.50"));
    assert_eq!(now, usd("31700.00"));
    assert_eq!(difference, usd("1288.50"));
    assert_eq!(at_pledge.checked_add(difference).unwrap(), now);
    assert_eq!(view.rates_missing, vec![]);

    // A USD pledge: its rate is 1 and it has no exchange difference.
    let dollars = pledge(&app, &finance, positive("50000.00", "USD")).await;
    client
        .contribution(dollars)
        .receive(&ReceiptRequest {
            amount: positive("20000.00", "USD"),
            ..receipt_of("20000.00", "2026-03-02", "US-1")
        })
        .await
        .created();

    let since_january = [("from", "2026-01-01")];
    let report = client.contributions().report(&since_january).await.ok();
    assert_eq!(report.pledged_usd, Some(usd("141234.50")));
    assert_eq!(report.receivable.usd_at_pledge_rate, Some(usd("60411.50")));
    assert_eq!(report.receivable.usd, Some(usd("61700.00")));
    assert_eq!(
        report.receivable.exchange_difference_usd,
        Some(usd("1288.50"))
    );
    let donor = report
        .donors
        .iter()
        .find(|d| d.currency == Currency::parse("NOK").unwrap())
        .unwrap();
    assert_eq!(donor.pledged_usd, Some(usd("91234.50")));
    assert_eq!(
        donor.receivable.amount,
        Some(in_currency("333333.33", "NOK"))
    );
    assert_eq!(
        donor.receivable.exchange_difference_usd,
        Some(usd("1288.50"))
    );

    let csv = client
        .contributions()
        .report(&[("from", "2026-01-01"), ("format", "csv")])
        .await
        .raw()
        .expect(200)
        .text;
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.ends_with(
        "receivable,receivable_usd_at_pledge_rate,receivable_usd,exchange_difference_usd,rates_missing"
    ), "{header}");
    let total = lines.find(|l| l.starts_with("total,")).unwrap();
    assert!(
        total.contains(",141234.50,") && total.contains(",60411.50,61700.00,1288.50,"),
        "{total}"
    );

    // A pledge in a month without its currency's rate: null, and the month named.
    let euros = pledge(&app, &finance, positive("100000.00", "EUR")).await;
    let view = client.contribution(euros).get().await.ok();
    assert_eq!(view.pledged_usd, None);
    let r = view.receivable.expect("a pledge's receivable");
    assert_eq!(r.usd, None);
    assert_eq!(r.exchange_difference_usd, None);
    let eur = Currency::parse("EUR").unwrap();
    let missing_in = |month: &str| MissingRate {
        month: Month::parse(month).unwrap(),
        currency: eur,
    };
    assert!(view.rates_missing.contains(&missing_in("2026-01")));
    assert!(view.rates_missing.contains(&missing_in(&this_month)));
    let report = client.contributions().report(&since_january).await.ok();
    assert_eq!(report.pledged_usd, None);
    assert_eq!(report.receivable.exchange_difference_usd, None);
    assert!(report.rates_missing.contains(&missing_in("2026-01")));
}
