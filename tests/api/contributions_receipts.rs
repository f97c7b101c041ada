//! Receipts: exact conversion to USD, the pledge's rules, idempotent retries, and the
//! Fund's balances computed from the ledger.

use reqwest::Method;
use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::{Answer, TestApp, TestUser};
use crate::on_both_backends;

on_both_backends!(
    conversions_are_exact_to_the_cent,
    receipts_follow_the_pledge,
    an_idempotent_retry_records_once,
    a_receipts_answer_does_not_grow_with_history
);

fn usd(amount: &str) -> Value {
    json!({"amount": amount, "currency": "USD"})
}

pub async fn contribution(app: &TestApp, user: &TestUser, pledged: Option<Value>) -> String {
    let mut body =
        json!({"donor": {"name": "Donor", "donor_type": "public"}, "pledged_on": "2026-01-15"});
    if let Some(p) = pledged {
        body["pledged"] = p;
    }
    let answer = app
        .post(user, "/api/v1/contributions", body)
        .await
        .expect(201);
    answer.body["id"].as_str().unwrap().to_string()
}

pub async fn receive(
    app: &TestApp,
    user: &TestUser,
    id: &str,
    amount: &str,
    currency: &str,
    rate: &str,
) -> Answer {
    app.post(
        user,
        &format!("/api/v1/contributions/{id}/receipts"),
        json!({
        "amount": {"amount": amount, "currency": currency}, "received_on": "2026-03-01",
        "rate_to_usd": rate, "bank_reference": format!("REF-{}", uuid::Uuid::new_v4().simple())}),
    )
    .await
}

async fn conversions_are_exact_to_the_cent(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let secretariat = app.user(Role::Secretariat).await;
    let jp = contribution(
        &app,
        &finance,
        Some(json!({"amount": "1000000", "currency": "JPY"})),
    )
    .await;
    let view = receive(&app, &finance, &jp, "1000000", "JPY", "0.0067")
        .await
        .expect(201);
    assert_eq!(view.body["usd"], usd("6700.00"));
    assert_eq!(view.body["rate_to_usd"], "0.0067");
    assert_eq!(view.body["contribution"]["received_usd"], usd("6700.00"));
    assert_eq!(
        view.body["contribution"]["outstanding"],
        json!({"amount": "0", "currency": "JPY"})
    );

    let gift = contribution(&app, &finance, None).await;
    let view = receive(&app, &finance, &gift, "1234567.89", "EUR", "1.083417")
        .await
        .expect(201);
    assert_eq!(view.body["contribution"]["received_usd"], usd("1337551.84"));
    for _ in 0..7 {
        receive(&app, &finance, &gift, "0.07", "EUR", "1.085")
            .await
            .expect(201);
    }
    let view = receive(&app, &finance, &gift, "2500.50", "CHF", "1.091250")
        .await
        .expect(201);
    assert_eq!(view.body["contribution"]["received_usd"], usd("1340281.07"));
    assert_eq!(view.body["contribution"]["received"], Value::Null);
    assert_eq!(view.body["contribution"]["receipt_count"], 9);
    let view = app
        .get(&finance, &format!("/api/v1/contributions/{gift}"))
        .await
        .expect(200);
    assert_eq!(view.body["received_usd"], usd("1340281.07"));
    assert_eq!(view.body["received"], Value::Null);
    assert_eq!(
        view.body["received_by_currency"],
        json!([{"amount": "2500.50", "currency": "CHF"}, {"amount": "1234568.38", "currency": "EUR"}])
    );

    app.patch(
        &secretariat,
        "/api/v1/fund/settings",
        json!({"operating_reserve_rate": "0.05"}),
    )
    .await
    .expect(200);
    let fund = app.get(&finance, "/api/v1/fund").await.expect(200);
    let b = &fund.body["balances"];
    assert_eq!(b["cash"], usd("1346981.07"));
    assert_eq!(b["received_to_date"], usd("1346981.07"));
    assert_eq!(b["operating_reserve"], usd("67349.05"));
    assert_eq!(b["commitments_outstanding"], usd("0.00"));
    assert_eq!(b["available"], usd("1279632.02"));
    assert_eq!(b["disbursed_to_date"], usd("0.00"));
    assert_eq!(
        b["receipts_by_currency"],
        json!([
            {"currency": "CHF", "received": {"amount": "2500.50", "currency": "CHF"}, "usd": usd("2728.67")},
            {"currency": "EUR", "received": {"amount": "1234568.38", "currency": "EUR"}, "usd": usd("1337552.40")},
            {"currency": "JPY", "received": {"amount": "1000000", "currency": "JPY"}, "usd": usd("6700.00")},
        ])
    );
    let check = app.get(&finance, "/api/v1/ledger/check").await.expect(200);
    assert_eq!(check.body["ok"], true, "{}", check.text);
    assert_eq!(check.body["transactions_checked"], 10);
}

async fn receipts_follow_the_pledge(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let trustee = app.user(Role::Trustee).await;
    let eur = contribution(
        &app,
        &finance,
        Some(json!({"amount": "1000.00", "currency": "EUR"})),
    )
    .await;
    receive(&app, &finance, &eur, "10.00", "USD", "1")
        .await
        .expect_problem(422, "currency-mismatch");
    receive(&app, &finance, &eur, "600.00", "EUR", "1.08")
        .await
        .expect(201);
    receive(&app, &finance, &eur, "400.01", "EUR", "1.08")
        .await
        .expect_problem(422, "over-pledge");
    let last = receive(&app, &finance, &eur, "400.00", "EUR", "1.08")
        .await
        .expect(201);
    assert_eq!(
        last.body["contribution"]["outstanding"],
        json!({"amount": "0.00", "currency": "EUR"})
    );
    assert_eq!(last.body["contribution"]["received_usd"], usd("1080.00"));
    receive(&app, &finance, &eur, "0.01", "EUR", "1.08")
        .await
        .expect_problem(422, "over-pledge");
    receive(&app, &trustee, &eur, "1.00", "EUR", "1.08")
        .await
        .expect_problem(403, "forbidden");
    let missing = uuid::Uuid::new_v4();
    receive(&app, &finance, &missing.to_string(), "1.00", "EUR", "1.08")
        .await
        .expect_problem(404, "not-found");

    let dollars = contribution(&app, &finance, Some(usd("500.00"))).await;
    let bad = receive(&app, &finance, &dollars, "100.00", "USD", "1.01")
        .await
        .expect(400);
    assert_eq!(bad.bad_fields(), vec!["rate_to_usd"]);
    let path = format!("/api/v1/contributions/{dollars}/receipts");
    let cases = [
        (
            json!({"amount": 100, "currency": "USD"}),
            "1",
            "amount.amount",
        ),
        (json!({"amount": "1.001", "currency": "USD"}), "1", "amount"),
        (json!({"amount": "0", "currency": "USD"}), "1", "amount"),
        (json!({"amount": "-1.00", "currency": "USD"}), "1", "amount"),
        (
            json!({"amount": "1.00", "currency": "ABC"}),
            "1",
            "amount.currency",
        ),
        (usd("1.00"), "0", "rate_to_usd"),
        (usd("1.00"), "1.5e2", "rate_to_usd"),
    ];
    for (amount, rate, field) in cases {
        let answer = app
            .post(&finance, &path, json!({"amount": amount, "received_on": "2026-03-01", "rate_to_usd": rate, "bank_reference": "R"}))
            .await
            .expect_problem(400, "validation");
        assert_eq!(
            answer.bad_fields(),
            vec![field.to_string()],
            "{amount} {rate}"
        );
    }
    let answer = app
        .post(&finance, &path, json!({"amount": usd("1.00"), "received_on": "2026-03-01", "rate_to_usd": 1, "bank_reference": "R"}))
        .await
        .expect(400);
    assert_eq!(answer.bad_fields(), vec!["rate_to_usd"]);
    let fund = app.get(&finance, "/api/v1/fund").await.expect(200);
    assert_eq!(fund.body["balances"]["cash"], usd("1080.00"));
}

async fn an_idempotent_retry_records_once(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let admin = app.user(Role::Admin).await;
    let id = contribution(&app, &finance, Some(usd("100.00"))).await;
    let path = format!("/api/v1/contributions/{id}/receipts");
    let body = json!({"amount": usd("40.00"), "received_on": "2026-03-01", "rate_to_usd": "1", "bank_reference": "R-7"});
    let send = |body: Value, key: &'static str| {
        let request = app
            .client
            .request(Method::POST, format!("{}{}", app.address, path))
            .bearer_auth(&finance.token)
            .header("Idempotency-Key", key)
            .json(&body);
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let text = response.text().await.unwrap();
            (status, serde_json::from_str::<Value>(&text).unwrap())
        }
    };
    let first = send(body.clone(), "key-1").await;
    let again = send(body.clone(), "key-1").await;
    assert_eq!(first.0, 201);
    assert_eq!(again, first);
    let mut other = body.clone();
    other["amount"] = usd("41.00");
    let reused = send(other, "key-1").await;
    assert_eq!(reused.0, 422);
    assert_eq!(reused.1["rule"], "idempotency-key-reused");

    let view = app
        .get(&finance, &format!("/api/v1/contributions/{id}"))
        .await
        .expect(200);
    assert_eq!(view.body["receipts"].as_array().unwrap().len(), 1);
    assert_eq!(view.body["received_usd"], usd("40.00"));
    let journal = app
        .get(&finance, "/api/v1/ledger?kind=receipt")
        .await
        .expect(200);
    assert_eq!(journal.body["items"].as_array().unwrap().len(), 1);
    let trail = app
        .get(&admin, "/api/v1/audit?entity_type=contribution")
        .await
        .expect(200);
    let receipts = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "contribution.receipt_recorded")
        .count();
    assert_eq!(receipts, 1);
    // A new key with the same bank reference is the same money sent twice: 409, naming
    // the receipt that recorded it (issue 16, item 6).
    let twice = send(body.clone(), "key-2").await;
    assert_eq!(twice.0, 409);
    let first_receipt = first.1["id"].as_str().unwrap();
    assert!(
        twice.1["detail"].as_str().unwrap().contains(first_receipt),
        "{}",
        twice.1
    );
    // A new key with a new reference is a new receipt.
    let mut next = body;
    next["bank_reference"] = json!("R-8");
    assert_eq!(send(next, "key-3").await.0, 201);
    let fund = app.get(&finance, "/api/v1/fund").await.expect(200);
    assert_eq!(fund.body["balances"]["cash"], usd("80.00"));
}

/// The answer to recording a receipt is the receipt and its contribution's figures, never
/// the contribution's receipts: its shape and size are the same for the first receipt and
/// the fifth (issue 14).
async fn a_receipts_answer_does_not_grow_with_history(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let id = contribution(&app, &finance, Some(usd("100.00"))).await;
    let mut answers = Vec::new();
    for _ in 0..5 {
        // Amounts chosen so every figure keeps its width (10.00 to 50.00 received).
        answers.push(
            receive(&app, &finance, &id, "10.00", "USD", "1")
                .await
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
    for (n, answer) in answers.iter().enumerate() {
        assert_eq!(keys(&answer.body), keys(&first.body));
        assert_eq!(
            keys(&answer.body["contribution"]),
            keys(&first.body["contribution"])
        );
        assert_eq!(size(answer), size(first), "{}", answer.text);
        let count = n as i64 + 1;
        assert_eq!(answer.body["contribution"]["id"], id.as_str());
        assert_eq!(answer.body["contribution"]["receipt_count"], count);
        assert_eq!(
            answer.body["contribution"]["received"],
            usd(&format!("{}.00", 10 * count))
        );
        assert_eq!(
            answer.body["contribution"]["outstanding"],
            usd(&format!("{}.00", 100 - 10 * count))
        );
        assert_eq!(answer.body["amount"], usd("10.00"));
        assert_eq!(answer.body["reversed"], false);
        assert!(answer.body["ledger_transaction_id"].is_string());
    }
    // The history is there, where it is asked for.
    let view = app
        .get(&finance, &format!("/api/v1/contributions/{id}"))
        .await
        .expect(200);
    let listed: Vec<&Value> = view.body["receipts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["id"])
        .collect();
    let answered: Vec<&Value> = answers.iter().map(|a| &a.body["id"]).collect();
    assert_eq!(listed, answered);
}
