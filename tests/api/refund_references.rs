//! A refund's bank reference is recorded once per grant: a second standing refund with
//! the same reference is a 409 naming the first (as for receipts), a reversed refund frees
//! its reference, and two instances racing with one reference record it once (the
//! database's unique index is the last word).

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::money_out::first_tranche_paid;
use crate::money_out::refund_of;
use crate::on_both_backends;

on_both_backends!(
    a_refund_reference_is_recorded_once_per_grant,
    two_refunds_racing_with_one_reference_record_it_once,
);

fn with_reference(amount: &str, reference: &str) -> Value {
    let mut body = refund_of(amount);
    body["bank_reference"] = json!(reference);
    body
}

async fn a_refund_reference_is_recorded_once_per_grant(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "5000.00").await;
    let path = format!("/api/v1/grants/{}/refunds", g.grant);
    let first = app
        .post(&g.finance, &path, with_reference("100.00", "CREDIT-777"))
        .await
        .expect(201);
    let first_id = first.body["id"].as_str().unwrap().to_string();

    let again = app
        .post(&g.finance, &path, with_reference("50.00", "CREDIT-777"))
        .await
        .expect_problem(409, "conflict");
    let detail = again.body["detail"].as_str().unwrap();
    assert!(detail.contains("CREDIT-777"), "{detail}");
    assert!(
        detail.contains(&first_id),
        "the 409 names the earlier refund: {detail}"
    );
    let listed = app.get(&g.finance, &path).await.expect(200);
    assert_eq!(listed.body.as_array().unwrap().len(), 1);

    // Reversing the first frees its reference; another reference is fine.
    let entry = first.body["ledger_transaction_id"].as_str().unwrap();
    app.post(
        &g.finance,
        &format!("/api/v1/ledger/transactions/{entry}/reversal"),
        json!({"reason": "recorded against the wrong statement line"}),
    )
    .await
    .expect(201);
    app.post(&g.finance, &path, with_reference("100.00", "CREDIT-777"))
        .await
        .expect(201);
    app.post(&g.finance, &path, with_reference("20.00", "CREDIT-778"))
        .await
        .expect(201);
}

async fn two_refunds_racing_with_one_reference_record_it_once(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "5000.00").await;
    let other = app.another_instance().await;
    let racing = [app.address.clone(), other].map(|base| {
        let request = app
            .client
            .request(
                Method::POST,
                format!("{base}/api/v1/grants/{}/refunds", g.grant),
            )
            .bearer_auth(&g.finance.token)
            .json(&with_reference("100.00", "CREDIT-777"));
        async move { crate::helpers::answer(request.send().await.unwrap()).await }
    });
    let answers = futures_util::future::join_all(racing).await;
    let mut statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        vec![201, 409],
        "{:?}",
        answers.iter().map(|a| &a.text).collect::<Vec<_>>()
    );
    let listed = app
        .get(&g.finance, &format!("/api/v1/grants/{}/refunds", g.grant))
        .await
        .expect(200);
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
}
