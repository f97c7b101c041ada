//! Money within sane bounds (issue 9, fault 5), receipts that follow their pledge and
//! their bank reference (issue 16, item 6), a Fund cap that can be cleared (item 8) and a
//! Member State donor named by its own country (item 9).

use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::scenarios::contribution;

on_both_backends!(
    implausible_rates_amounts_currencies_and_dates_are_refused,
    a_receipt_is_not_dated_before_its_pledge,
    the_fund_cap_is_cleared_by_null_and_kept_when_absent,
    a_member_state_donor_is_named_by_its_country,
);

fn usd(amount: &str) -> Value {
    json!({"amount": amount, "currency": "USD"})
}

fn receipt(amount: Value, rate: &str, received_on: &str) -> Value {
    json!({"amount": amount, "received_on": received_on, "rate_to_usd": rate,
           "bank_reference": format!("REF-{}", uuid::Uuid::new_v4().simple())})
}

async fn cash(app: &TestApp, user: &TestUser) -> Value {
    app.get(user, "/api/v1/fund").await.expect(200).body["balances"]["cash"].clone()
}

async fn implausible_rates_amounts_currencies_and_dates_are_refused(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let gift = contribution(&app, &finance, None).await;
    let path = format!("/api/v1/contributions/{gift}/receipts");
    let eur = |amount: &str| json!({"amount": amount, "currency": "EUR"});
    let cases = [
        // 1.00 EUR is not worth a billion dollars.
        (
            receipt(eur("1.00"), "1000000000", "2026-03-01"),
            "rate_to_usd",
        ),
        (
            receipt(eur("1.00"), "0.0000001", "2026-03-01"),
            "rate_to_usd",
        ),
        // A fund code, a precious metal and a testing code are not money a Fund holds.
        (
            receipt(
                json!({"amount": "1.00", "currency": "USN"}),
                "1",
                "2026-03-01",
            ),
            "amount.currency",
        ),
        (
            receipt(
                json!({"amount": "1.00", "currency": "XAU"}),
                "1",
                "2026-03-01",
            ),
            "amount.currency",
        ),
        (
            receipt(
                json!({"amount": "1.00", "currency": "CLF"}),
                "1",
                "2026-03-01",
            ),
            "amount.currency",
        ),
        // Before the resolution that created the Fund, or in the future.
        (receipt(usd("1.00"), "1", "0001-01-01"), "received_on"),
        (receipt(usd("1.00"), "1", "2010-07-29"), "received_on"),
        (receipt(usd("1.00"), "1", "2999-01-01"), "received_on"),
        // Where cash once wrapped: far beyond any single receipt.
        (
            receipt(usd("92233720368547757.97"), "1", "2026-03-01"),
            "amount",
        ),
        (receipt(usd("10000000000.01"), "1", "2026-03-01"), "amount"),
    ];
    for (body, field) in cases {
        let answer = app.post(&finance, &path, body.clone()).await;
        let answer = answer.expect_problem(400, "validation");
        assert_eq!(answer.bad_fields(), vec![field.to_string()], "{body}");
    }
    assert_eq!(cash(&app, &finance).await, usd("0.00"));
    // The edges are accepted: the maximum, the strongest plausible rate (and below, the
    // adoption date).
    app.post(
        &finance,
        &path,
        receipt(usd("10000000000.00"), "1", "2026-01-15"),
    )
    .await
    .expect(201);
    app.post(
        &finance,
        &path,
        receipt(
            json!({"amount": "1.000", "currency": "KWD"}),
            "3.25",
            "2026-03-01",
        ),
    )
    .await
    .expect(201);
    assert_eq!(cash(&app, &finance).await, usd("10000000003.25"));

    let pledge = |pledged_on: &str, pledged: Value| json!({"donor": {"name": "Donor", "donor_type": "public"}, "pledged_on": pledged_on, "pledged": pledged});
    for (body, field) in [
        (pledge("9999-12-31", usd("100.00")), "pledged_on"),
        (pledge("2009-01-01", usd("100.00")), "pledged_on"),
        (pledge("2026-01-15", usd("10000000000.01")), "pledged"),
        (
            pledge("2026-01-15", json!({"amount": "1.00", "currency": "XTS"})),
            "pledged.currency",
        ),
    ] {
        let answer = app
            .post(&finance, "/api/v1/contributions", body.clone())
            .await
            .expect_problem(400, "validation");
        assert_eq!(answer.bad_fields(), vec![field.to_string()], "{body}");
    }
    let early = app
        .post(
            &finance,
            "/api/v1/contributions",
            pledge("2010-07-30", usd("100.00")),
        )
        .await
        .expect(201);
    let early = early.body["id"].as_str().unwrap();
    app.post(
        &finance,
        &format!("/api/v1/contributions/{early}/receipts"),
        receipt(usd("100.00"), "1", "2010-07-30"),
    )
    .await
    .expect(201);
}

async fn a_receipt_is_not_dated_before_its_pledge(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let id = contribution(&app, &finance, Some(usd("100.00"))).await; // pledged 2026-01-15
    let path = format!("/api/v1/contributions/{id}/receipts");
    let refused = app
        .post(&finance, &path, receipt(usd("10.00"), "1", "2026-01-14"))
        .await
        .expect_problem(422, "receipt-before-pledge");
    assert!(refused.body["detail"]
        .as_str()
        .unwrap()
        .contains("2026-01-15"));
    app.post(&finance, &path, receipt(usd("10.00"), "1", "2026-01-15"))
        .await
        .expect(201);
    // A reversed receipt frees its bank reference: the corrected receipt may reuse it.
    let first = app
        .post(&finance, &path, json!({"amount": usd("20.00"), "received_on": "2026-02-01", "rate_to_usd": "1", "bank_reference": "BANK-42"}))
        .await
        .expect(201);
    let tx = first.body["ledger_transaction_id"]
        .as_str()
        .unwrap()
        .to_string();
    app.post(&finance, &path, json!({"amount": usd("21.00"), "received_on": "2026-02-01", "rate_to_usd": "1", "bank_reference": "BANK-42"}))
        .await
        .expect_problem(409, "conflict");
    app.post(
        &finance,
        &format!("/api/v1/ledger/transactions/{tx}/reversal"),
        json!({"reason": "wrong amount"}),
    )
    .await
    .expect(201);
    app.post(&finance, &path, json!({"amount": usd("21.00"), "received_on": "2026-02-01", "rate_to_usd": "1", "bank_reference": "BANK-42"}))
        .await
        .expect(201);
    let check = app.get(&finance, "/api/v1/ledger/check").await.expect(200);
    assert_eq!(check.body["ok"], true, "{}", check.text);
}

async fn the_fund_cap_is_cleared_by_null_and_kept_when_absent(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let settings = "/api/v1/fund/settings";
    let set = app
        .patch(
            &secretariat,
            settings,
            json!({"max_grant": usd("30000.00")}),
        )
        .await
        .expect(200);
    assert_eq!(set.body["settings"]["max_grant"], usd("30000.00"));
    let kept = app
        .patch(&secretariat, settings, json!({"psc_rate": "0.12"}))
        .await
        .expect(200);
    assert_eq!(kept.body["settings"]["max_grant"], usd("30000.00"));
    let cleared = app
        .patch(&secretariat, settings, json!({"max_grant": null}))
        .await
        .expect(200);
    assert_eq!(cleared.body["settings"]["max_grant"], Value::Null);
    assert_eq!(cleared.body["settings"]["psc_rate"], "0.12");
    let read = app.get(&secretariat, "/api/v1/fund").await.expect(200);
    assert_eq!(read.body["settings"]["max_grant"], Value::Null);
}

async fn a_member_state_donor_is_named_by_its_country(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let donor = |donor: Value| json!({"donor": donor, "pledged_on": "2026-01-15"});
    let refused = app
        .post(
            &finance,
            "/api/v1/contributions",
            donor(json!({"name": "France", "donor_type": "member_state", "country": "DE"})),
        )
        .await
        .expect_problem(400, "validation");
    assert_eq!(refused.bad_fields(), vec!["donor.name"]);
    assert!(refused.text.contains("Germany"), "{}", refused.text);
    let refused = app
        .post(
            &finance,
            "/api/v1/contributions",
            donor(json!({"name": "France", "donor_type": "member_state"})),
        )
        .await
        .expect_problem(400, "validation");
    assert_eq!(refused.bad_fields(), vec!["donor.country"]);
    // The name may be left out (it is the country's), or given in any case.
    let named = app
        .post(
            &finance,
            "/api/v1/contributions",
            donor(json!({"donor_type": "member_state", "country": "FR"})),
        )
        .await
        .expect(201);
    assert_eq!(named.body["donor"]["name"], "France");
    let named = app
        .post(
            &finance,
            "/api/v1/contributions",
            donor(json!({"name": "germany", "donor_type": "member_state", "country": "DE"})),
        )
        .await
        .expect(201);
    assert_eq!(named.body["donor"]["name"], "Germany");
    // Other donors need a name of their own.
    let refused = app
        .post(
            &finance,
            "/api/v1/contributions",
            donor(json!({"donor_type": "public"})),
        )
        .await
        .expect_problem(400, "validation");
    assert_eq!(refused.bad_fields(), vec!["donor.name"]);
}
