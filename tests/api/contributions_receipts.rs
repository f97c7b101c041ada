//! Receipts: exact conversion to USD, the pledge's rules, idempotent retries, and the
//! Fund's balances computed from the ledger.

use serde_json::{json, Value};
use trustfund::api::contributions::ReceiptRequest;
use trustfund::auth::Role;
use trustfund::contributions::RecordedReceiptView;
use trustfund::domain::{ContributionId, Money};

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{
    in_currency, pledge_by_a_public_donor, positive, positive_usd, rate, receipt, short,
};
use crate::support::{money, usd, Reply};

on_both_backends!(
    conversions_are_exact_to_the_cent,
    receipts_follow_the_pledge,
    an_idempotent_retry_records_once,
    a_receipts_answer_does_not_grow_with_history
);

/// A contribution by a public donor pledging `pledged` (none: a gift).
async fn contribution(
    app: &TestApp,
    user: &TestUser,
    pledged: Option<(&str, &str)>,
) -> ContributionId {
    let pledged = pledged.map(|(amount, currency)| positive(amount, currency));
    app.as_(user)
        .contributions()
        .record(&pledge_by_a_public_donor(pledged))
        .await
        .created()
        .id
}

async fn receive(
    app: &TestApp,
    user: &TestUser,
    id: ContributionId,
    amount: &str,
    currency: &str,
    rate_to_usd: &str,
) -> Reply<RecordedReceiptView> {
    app.as_(user)
        .contribution(id)
        .receive(&receipt(positive(amount, currency), rate_to_usd))
        .await
}

async fn conversions_are_exact_to_the_cent(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let secretariat = app.user(Role::Secretariat).await;
    let jp = contribution(&app, &finance, Some(("1000000", "JPY"))).await;
    let view = receive(&app, &finance, jp, "1000000", "JPY", "0.0067")
        .await
        .created();
    assert_eq!(view.receipt.usd, usd("6700.00"));
    assert_eq!(view.receipt.rate_to_usd, rate("0.0067"));
    assert_eq!(view.contribution.received_usd, usd("6700.00"));
    assert_eq!(view.contribution.outstanding, Some(in_currency("0", "JPY")));

    let gift = contribution(&app, &finance, None).await;
    let view = receive(&app, &finance, gift, "1234567.89", "EUR", "1.083417")
        .await
        .created();
    assert_eq!(view.contribution.received_usd, usd("1337551.84"));
    for _ in 0..7 {
        receive(&app, &finance, gift, "0.07", "EUR", "1.085")
            .await
            .created();
    }
    let view = receive(&app, &finance, gift, "2500.50", "CHF", "1.091250")
        .await
        .created();
    assert_eq!(view.contribution.received_usd, usd("1340281.07"));
    assert_eq!(view.contribution.received, None);
    assert_eq!(view.contribution.receipt_count, 9);
    let view = app.as_(&finance).contribution(gift).get().await.ok();
    assert_eq!(view.received_usd, usd("1340281.07"));
    assert_eq!(view.received, None);
    assert_eq!(
        view.received_by_currency,
        vec![
            in_currency("2500.50", "CHF"),
            in_currency("1234568.38", "EUR")
        ]
    );

    app.as_(&secretariat)
        .fund()
        .settings(&json!({"operating_reserve_rate": "0.05"}))
        .await
        .ok();
    let fund = app.as_(&finance).fund().get().await.ok();
    let balance = |name: &str| money(&fund["balances"][name]);
    assert_eq!(balance("cash"), usd("1346981.07"));
    assert_eq!(balance("received_to_date"), usd("1346981.07"));
    assert_eq!(balance("operating_reserve"), usd("67349.05"));
    assert_eq!(balance("commitments_outstanding"), usd("0.00"));
    assert_eq!(balance("available"), usd("1279632.02"));
    assert_eq!(balance("disbursed_to_date"), usd("0.00"));
    let by_currency: Vec<(String, Money, Money)> = fund["balances"]["receipts_by_currency"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["currency"].as_str().unwrap().to_string(),
                money(&r["received"]),
                money(&r["usd"]),
            )
        })
        .collect();
    assert_eq!(
        by_currency,
        vec![
            ("CHF".into(), in_currency("2500.50", "CHF"), usd("2728.67")),
            (
                "EUR".into(),
                in_currency("1234568.38", "EUR"),
                usd("1337552.40")
            ),
            ("JPY".into(), in_currency("1000000", "JPY"), usd("6700.00")),
        ]
    );
    let check = app.as_(&finance).fund().ledger_check().await.ok();
    assert_eq!(check["ok"], true, "{check}");
    assert_eq!(check["transactions_checked"], 10);
}

async fn receipts_follow_the_pledge(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let trustee = app.user(Role::Trustee).await;
    let eur = contribution(&app, &finance, Some(("1000.00", "EUR"))).await;
    receive(&app, &finance, eur, "10.00", "USD", "1")
        .await
        .refused(422, "currency-mismatch");
    receive(&app, &finance, eur, "600.00", "EUR", "1.08")
        .await
        .created();
    receive(&app, &finance, eur, "400.01", "EUR", "1.08")
        .await
        .refused(422, "over-pledge");
    let last = receive(&app, &finance, eur, "400.00", "EUR", "1.08")
        .await
        .created();
    assert_eq!(
        last.contribution.outstanding,
        Some(in_currency("0.00", "EUR"))
    );
    assert_eq!(last.contribution.received_usd, usd("1080.00"));
    receive(&app, &finance, eur, "0.01", "EUR", "1.08")
        .await
        .refused(422, "over-pledge");
    receive(&app, &trustee, eur, "1.00", "EUR", "1.08")
        .await
        .refused(403, "forbidden");
    receive(&app, &finance, ContributionId::new(), "1.00", "EUR", "1.08")
        .await
        .refused(404, "not-found");

    let dollars = contribution(&app, &finance, Some(("500.00", "USD"))).await;
    let bad = receive(&app, &finance, dollars, "100.00", "USD", "1.01")
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["rate_to_usd"]);
    // Amounts and rates the crate's types cannot hold go as JSON.
    let usd_json = |amount: &str| json!({"amount": amount, "currency": "USD"});
    let cases = [
        (
            json!({"amount": 100, "currency": "USD"}),
            json!("1"),
            "amount.amount",
        ),
        (usd_json("1.001"), json!("1"), "amount"),
        (usd_json("0"), json!("1"), "amount"),
        (usd_json("-1.00"), json!("1"), "amount"),
        (
            json!({"amount": "1.00", "currency": "ABC"}),
            json!("1"),
            "amount.currency",
        ),
        (usd_json("1.00"), json!("0"), "rate_to_usd"),
        (usd_json("1.00"), json!("1.5e2"), "rate_to_usd"),
        (usd_json("1.00"), json!(1), "rate_to_usd"),
    ];
    for (amount, rate_to_usd, field) in cases {
        let body = json!({"amount": amount, "received_on": "2026-03-01", "rate_to_usd": rate_to_usd, "bank_reference": "R"});
        let refused = app
            .as_(&finance)
            .contribution(dollars)
            .receive(&body)
            .await
            .refused(400, "validation");
        assert_eq!(refused.fields(), vec![field], "{amount} {rate_to_usd}");
    }
    let fund = app.as_(&finance).fund().get().await.ok();
    assert_eq!(money(&fund["balances"]["cash"]), usd("1080.00"));
}

async fn an_idempotent_retry_records_once(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let admin = app.user(Role::Admin).await;
    let id = contribution(&app, &finance, Some(("100.00", "USD"))).await;
    let body = ReceiptRequest {
        bank_reference: short("R-7"),
        ..receipt(positive_usd("40.00"), "1")
    };
    let send = |body: &ReceiptRequest, key: &str| {
        let client = app.as_(&finance).with_idempotency_key(key);
        let body = serde_json::to_value(body).unwrap();
        async move {
            let answer = client.contribution(id).receive(&body).await.raw();
            (answer.status, answer.body)
        }
    };
    let first = send(&body, "key-1").await;
    let again = send(&body, "key-1").await;
    assert_eq!(first.0, 201);
    assert_eq!(again, first);
    let other = ReceiptRequest {
        amount: positive_usd("41.00"),
        ..body.clone()
    };
    let reused = send(&other, "key-1").await;
    assert_eq!(reused.0, 422);
    assert_eq!(reused.1["rule"], "idempotency-key-reused");

    let view = app.as_(&finance).contribution(id).get().await.ok();
    assert_eq!(view.receipts.len(), 1);
    assert_eq!(view.received_usd, usd("40.00"));
    let journal = app
        .as_(&finance)
        .fund()
        .ledger(&[("kind", "receipt")])
        .await
        .ok();
    assert_eq!(journal.items.len(), 1);
    let trail = app
        .as_(&admin)
        .audit()
        .list(&[("entity_type", "contribution")])
        .await
        .ok();
    let receipts = trail
        .items
        .iter()
        .filter(|e| e.action == "contribution.receipt_recorded")
        .count();
    assert_eq!(receipts, 1);
    // A new key with the same bank reference is the same money sent twice: 409, naming
    // the receipt that recorded it.
    let twice = send(&body, "key-2").await;
    assert_eq!(twice.0, 409);
    let first_receipt = first.1["id"].as_str().unwrap();
    assert!(
        twice.1["detail"].as_str().unwrap().contains(first_receipt),
        "{}",
        twice.1
    );
    // A new key with a new reference is a new receipt.
    let next = ReceiptRequest {
        bank_reference: short("R-8"),
        ..body
    };
    assert_eq!(send(&next, "key-3").await.0, 201);
    let fund = app.as_(&finance).fund().get().await.ok();
    assert_eq!(money(&fund["balances"]["cash"]), usd("80.00"));
}

/// The answer to recording a receipt is the receipt and its contribution's figures, never
/// the contribution's receipts: its shape and size are the same for the first receipt and
/// the fifth.
async fn a_receipts_answer_does_not_grow_with_history(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let id = contribution(&app, &finance, Some(("100.00", "USD"))).await;
    let mut answers = Vec::new();
    for _ in 0..5 {
        // Amounts chosen so every figure keeps its width (10.00 to 50.00 received).
        answers.push(
            receive(&app, &finance, id, "10.00", "USD", "1")
                .await
                .raw()
                .expect(201),
        );
    }
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    // The serialised size, less the timestamp (RFC 3339 drops trailing zeros of the
    // fraction, so its width varies by itself).
    let size = |a: &crate::helpers::Answer| {
        let mut body = a.body.clone();
        body.as_object_mut().unwrap().remove("created_at");
        body.to_string().len()
    };
    let first = &answers[0];
    assert!(first.body.get("receipts").is_none(), "{}", first.text);
    assert!(
        first.body["contribution"].get("receipts").is_none(),
        "{}",
        first.text
    );
    let mut answered = Vec::new();
    for (n, answer) in answers.iter().enumerate() {
        // The shape and the size, on the wire.
        assert_eq!(keys(&answer.body), keys(&first.body));
        assert_eq!(
            keys(&answer.body["contribution"]),
            keys(&first.body["contribution"])
        );
        assert_eq!(size(answer), size(first), "{}", answer.text);
        // The figures, read as the crate's view.
        let view: RecordedReceiptView = serde_json::from_value(answer.body.clone()).unwrap();
        let count = n as i64 + 1;
        assert_eq!(view.contribution.id, id);
        assert_eq!(view.contribution.receipt_count, count);
        assert_eq!(
            view.contribution.received,
            Some(usd(&format!("{}.00", 10 * count)))
        );
        assert_eq!(
            view.contribution.outstanding,
            Some(usd(&format!("{}.00", 100 - 10 * count)))
        );
        assert_eq!(view.receipt.amount, usd("10.00"));
        assert!(!view.receipt.reversed);
        answered.push(view.receipt.id);
    }
    // The history is there, where it is asked for.
    let view = app.as_(&finance).contribution(id).get().await.ok();
    let listed: Vec<_> = view.receipts.iter().map(|r| r.id).collect();
    assert_eq!(listed, answered);
}
