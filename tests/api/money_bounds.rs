//! Money within sane bounds (issue 9, fault 5), receipts that follow their pledge and
//! their bank reference (issue 16, item 6), a Fund cap that can be cleared (item 8) and a
//! Member State donor named by its own country (item 9).

use serde_json::{json, Value};
use trustfund::api::contributions::{CreateContributionRequest, DonorRequest, ReceiptRequest};
use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::auth::Role;
use trustfund::contributions::DonorType;
use trustfund::domain::{ContributionId, Money, PositiveMoney};

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{country, date, pledge_by_a_public_donor, positive, rate};
use crate::support::grants::{check_ok, fund_balances};
use crate::support::{positive_usd, short, usd};

on_both_backends!(
    implausible_rates_amounts_currencies_and_dates_are_refused,
    a_receipt_is_not_dated_before_its_pledge,
    the_fund_cap_is_cleared_by_null_and_kept_when_absent,
    a_member_state_donor_is_named_by_its_country,
);

/// An amount as JSON, for the bodies that carry one the crate's types refuse to hold.
fn amount(amount: &str, currency: &str) -> Value {
    json!({"amount": amount, "currency": currency})
}

/// A receipt as JSON, for the values out of bounds on purpose.
fn raw_receipt(amount: Value, rate: &str, received_on: &str) -> Value {
    json!({"amount": amount, "received_on": received_on, "rate_to_usd": rate,
           "bank_reference": format!("REF-{}", uuid::Uuid::new_v4().simple())})
}

/// A receipt of `amount` on `received_on` at `rate_to_usd`, with `reference`.
fn receipt_with(
    amount: PositiveMoney,
    rate_to_usd: &str,
    received_on: &str,
    reference: &str,
) -> ReceiptRequest {
    ReceiptRequest {
        amount,
        received_on: date(received_on),
        rate_to_usd: Some(rate(rate_to_usd)),
        rate_reason: None,
        bank_reference: short(reference),
    }
}

/// The same with a fresh bank reference.
fn receipt(amount: PositiveMoney, rate_to_usd: &str, received_on: &str) -> ReceiptRequest {
    let reference = format!("REF-{}", uuid::Uuid::new_v4().simple());
    receipt_with(amount, rate_to_usd, received_on, &reference)
}

async fn cash(app: &TestApp, user: &TestUser) -> Money {
    fund_balances(app, user).await.cash
}

/// A contribution by a public donor pledged on 2026-01-15 (or a gift, without a pledge).
async fn contribution(
    app: &TestApp,
    user: &TestUser,
    pledged: Option<PositiveMoney>,
) -> ContributionId {
    app.as_(user)
        .contributions()
        .record(&pledge_by_a_public_donor(pledged))
        .await
        .created()
        .id
}

async fn implausible_rates_amounts_currencies_and_dates_are_refused(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let as_finance = app.as_(&finance);
    let gift = contribution(&app, &finance, None).await;
    let eur = |value: &str| amount(value, "EUR");
    let usd_json = |value: &str| amount(value, "USD");
    let cases = [
        // 1.00 EUR is not worth a billion dollars.
        (
            raw_receipt(eur("1.00"), "1000000000", "2026-03-01"),
            "rate_to_usd",
        ),
        (
            raw_receipt(eur("1.00"), "0.0000001", "2026-03-01"),
            "rate_to_usd",
        ),
        // A fund code, a precious metal and a testing code are not money a Fund holds.
        (
            raw_receipt(amount("1.00", "USN"), "1", "2026-03-01"),
            "amount.currency",
        ),
        (
            raw_receipt(amount("1.00", "XAU"), "1", "2026-03-01"),
            "amount.currency",
        ),
        (
            raw_receipt(amount("1.00", "CLF"), "1", "2026-03-01"),
            "amount.currency",
        ),
        // Before the resolution that created the Fund, or in the future.
        (
            raw_receipt(usd_json("1.00"), "1", "0001-01-01"),
            "received_on",
        ),
        (
            raw_receipt(usd_json("1.00"), "1", "2010-07-29"),
            "received_on",
        ),
        (
            raw_receipt(usd_json("1.00"), "1", "2999-01-01"),
            "received_on",
        ),
        // Where cash once wrapped: far beyond any single receipt.
        (
            raw_receipt(usd_json("92233720368547757.97"), "1", "2026-03-01"),
            "amount",
        ),
        (
            raw_receipt(usd_json("10000000000.01"), "1", "2026-03-01"),
            "amount",
        ),
    ];
    for (body, field) in cases {
        let refused = as_finance
            .contribution(gift)
            .receive(&body)
            .await
            .refused(400, "validation");
        assert_eq!(refused.fields(), vec![field], "{body}");
    }
    assert_eq!(cash(&app, &finance).await, usd("0.00"));
    // The edges are accepted: the maximum, the strongest plausible rate (and below, the
    // adoption date).
    as_finance
        .contribution(gift)
        .receive(&receipt(positive_usd("10000000000.00"), "1", "2026-01-15"))
        .await
        .created();
    as_finance
        .contribution(gift)
        .receive(&receipt(positive("1.000", "KWD"), "3.25", "2026-03-01"))
        .await
        .created();
    assert_eq!(cash(&app, &finance).await, usd("10000000003.25"));

    let pledge = |pledged_on: &str, pledged: Value| json!({"donor": {"name": "Donor", "donor_type": "public"}, "pledged_on": pledged_on, "pledged": pledged});
    for (body, field) in [
        (pledge("9999-12-31", usd_json("100.00")), "pledged_on"),
        (pledge("2009-01-01", usd_json("100.00")), "pledged_on"),
        (pledge("2026-01-15", usd_json("10000000000.01")), "pledged"),
        (
            pledge("2026-01-15", amount("1.00", "XTS")),
            "pledged.currency",
        ),
    ] {
        let refused = as_finance
            .contributions()
            .record(&body)
            .await
            .refused(400, "validation");
        assert_eq!(refused.fields(), vec![field], "{body}");
    }
    let early = as_finance
        .contributions()
        .record(&CreateContributionRequest {
            pledged_on: date("2010-07-30"),
            ..pledge_by_a_public_donor(Some(positive_usd("100.00")))
        })
        .await
        .created();
    as_finance
        .contribution(early.id)
        .receive(&receipt(positive_usd("100.00"), "1", "2010-07-30"))
        .await
        .created();
}

async fn a_receipt_is_not_dated_before_its_pledge(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let as_finance = app.as_(&finance);
    // Pledged on 2026-01-15.
    let id = contribution(&app, &finance, Some(positive_usd("100.00"))).await;
    let receive = |body: ReceiptRequest| {
        let as_finance = as_finance.clone();
        async move { as_finance.contribution(id).receive(&body).await }
    };
    receive(receipt(positive_usd("10.00"), "1", "2026-01-14"))
        .await
        .refused(422, "receipt-before-pledge")
        .says("2026-01-15");
    receive(receipt(positive_usd("10.00"), "1", "2026-01-15"))
        .await
        .created();
    // A reversed receipt frees its bank reference: the corrected receipt may reuse it.
    let first = receive(receipt_with(
        positive_usd("20.00"),
        "1",
        "2026-02-01",
        "BANK-42",
    ))
    .await
    .created();
    receive(receipt_with(
        positive_usd("21.00"),
        "1",
        "2026-02-01",
        "BANK-42",
    ))
    .await
    .refused(409, "conflict");
    as_finance
        .ledger()
        .reverse(
            first.receipt.ledger_transaction_id,
            &ReversalRequest {
                reason: short("wrong amount"),
            },
        )
        .await
        .created();
    receive(receipt_with(
        positive_usd("21.00"),
        "1",
        "2026-02-01",
        "BANK-42",
    ))
    .await
    .created();
    check_ok(&app, &finance).await;
}

async fn the_fund_cap_is_cleared_by_null_and_kept_when_absent(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let fund = || app.as_(&secretariat).fund();
    // JSON bodies: a cap sent as `null` and one left out are different changes.
    let set = fund()
        .change_settings(&json!({"max_grant": usd("30000.00")}))
        .await
        .ok();
    assert_eq!(set.settings.max_grant, Some(usd("30000.00")));
    let kept = fund()
        .change_settings(&json!({"psc_rate": "0.12"}))
        .await
        .ok();
    assert_eq!(kept.settings.max_grant, Some(usd("30000.00")));
    let cleared = fund()
        .change_settings(&json!({"max_grant": null}))
        .await
        .ok();
    assert_eq!(cleared.settings.max_grant, None);
    assert_eq!(cleared.settings.psc_rate.to_string(), "0.12");
    let read = fund().read().await.ok();
    assert_eq!(read.settings.max_grant, None);
}

async fn a_member_state_donor_is_named_by_its_country(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let record = |name: Option<&str>, donor_type: DonorType, nation: Option<&str>| {
        let finance = app.as_(&finance);
        let body = CreateContributionRequest {
            donor: DonorRequest {
                name: name.map(short),
                donor_type,
                country: nation.map(country),
            },
            pledged: None,
            pledged_on: date("2026-01-15"),
        };
        async move { finance.contributions().record(&body).await }
    };
    let refused = record(Some("France"), DonorType::MemberState, Some("DE"))
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["donor.name"]);
    refused.mentions("Germany");
    let refused = record(Some("France"), DonorType::MemberState, None)
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["donor.country"]);
    // The name may be left out (it is the country's), or given in any case.
    let named = record(None, DonorType::MemberState, Some("FR"))
        .await
        .created();
    assert_eq!(named.donor.name, "France");
    let named = record(Some("germany"), DonorType::MemberState, Some("DE"))
        .await
        .created();
    assert_eq!(named.donor.name, "Germany");
    // Other donors need a name of their own.
    let refused = record(None, DonorType::Public, None)
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["donor.name"]);
}
