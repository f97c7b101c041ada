//! A payment reference is recorded once across the Fund's standing disbursements: a
//! second payment with a reference already standing, on the same grant or another, is a
//! 409 naming the earlier payment (its id, grant and value date); a reversed payment frees
//! its reference; the database's unique index holds the rule too, and two instances
//! racing with one reference record it once.

use diesel::RunQueryDsl;
use reqwest::Method;
use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::fund_reports::grant_in;
use crate::helpers::{TestApp, TestUser};
use crate::money_out::{check_ok, payment, schedule};
use crate::on_both_backends;
use crate::support::scenarios::{fund, seat_board};

on_both_backends!(
    a_payment_reference_stands_once_across_the_fund,
    the_database_refuses_a_repeated_standing_reference,
    two_payments_racing_with_one_reference_record_it_once,
);

fn with_reference(tranche: i32, amount: &str, reference: &str) -> Value {
    let mut body = payment(tranche, amount);
    body["payment_reference"] = json!(reference);
    body
}

/// Two signed grants (USD 30,000 each, three tranches) and a finance officer.
async fn two_signed_grants(app: &TestApp) -> (String, String, TestUser) {
    let board = seat_board(app).await;
    fund(app, "200000.00").await;
    let first = grant_in(app, &board, "KE", "30000.00").await;
    let second = grant_in(app, &board, "CL", "30000.00").await;
    for grant in [&first, &second] {
        app.post(
            &board.secretariat,
            &format!("/api/v1/grants/{grant}/agreement"),
            schedule(),
        )
        .await
        .expect(201);
    }
    (first, second, app.user(Role::Finance).await)
}

async fn disbursements(app: &TestApp, finance: &TestUser, grant: &str) -> Vec<Value> {
    app.get(finance, &format!("/api/v1/grants/{grant}/disbursements"))
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn a_payment_reference_stands_once_across_the_fund(app: TestApp) {
    let (first, second, finance) = two_signed_grants(&app).await;
    let pay = |grant: &str| format!("/api/v1/grants/{grant}/disbursements");
    let earlier = app
        .post(
            &finance,
            &pay(&first),
            with_reference(1, "5000.00", "UNODC-PAY-0200"),
        )
        .await
        .expect(201);
    let earlier_id = earlier.body["id"].as_str().unwrap().to_string();
    let value_date = earlier.body["value_date"].as_str().unwrap().to_string();

    // Again on the same grant, and on another grant: both refused, naming the payment.
    for grant in [&first, &second] {
        let again = app
            .post(
                &finance,
                &pay(grant),
                with_reference(1, "1000.00", "UNODC-PAY-0200"),
            )
            .await
            .expect_problem(409, "conflict");
        let detail = again.body["detail"].as_str().unwrap();
        for named in [
            "UNODC-PAY-0200",
            earlier_id.as_str(),
            first.as_str(),
            &value_date,
        ] {
            assert!(detail.contains(named), "the 409 names {named}: {detail}");
        }
    }
    assert_eq!(disbursements(&app, &finance, &first).await.len(), 1);
    assert!(disbursements(&app, &finance, &second).await.is_empty());

    // Reversing the earlier payment frees its reference, on any grant.
    let entry = earlier.body["ledger_transaction_id"].as_str().unwrap();
    app.post(
        &finance,
        &format!("/api/v1/ledger/transactions/{entry}/reversal"),
        json!({"reason": "paid to the wrong account"}),
    )
    .await
    .expect(201);
    let reused = app
        .post(
            &finance,
            &pay(&second),
            with_reference(1, "5000.00", "UNODC-PAY-0200"),
        )
        .await
        .expect(201);
    // Now it stands on the second grant: the first may not take it back.
    let detail = app
        .post(
            &finance,
            &pay(&first),
            with_reference(1, "5000.00", "UNODC-PAY-0200"),
        )
        .await
        .expect_problem(409, "conflict")
        .body["detail"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        detail.contains(reused.body["id"].as_str().unwrap()),
        "{detail}"
    );
    app.post(
        &finance,
        &pay(&first),
        with_reference(1, "5000.00", "UNODC-PAY-0201"),
    )
    .await
    .expect(201);
    check_ok(&app, &finance).await;
}

async fn the_database_refuses_a_repeated_standing_reference(app: TestApp) {
    let (first, second, finance) = two_signed_grants(&app).await;
    for (grant, reference) in [(&first, "BANK-A"), (&second, "BANK-B")] {
        app.post(
            &finance,
            &format!("/api/v1/grants/{grant}/disbursements"),
            with_reference(1, "1000.00", reference),
        )
        .await
        .expect(201);
    }
    // Whatever writes the table, two standing payments never share a reference.
    let refused = app
        .with_db(|conn| {
            diesel::sql_query(
                "UPDATE grant_disbursements SET payment_reference = 'BANK-A' \
                 WHERE payment_reference = 'BANK-B'",
            )
            .execute(conn)
        })
        .await;
    assert!(refused.is_err(), "the unique index refuses it: {refused:?}");
}

async fn two_payments_racing_with_one_reference_record_it_once(app: TestApp) {
    let (first, second, finance) = two_signed_grants(&app).await;
    let other = app.another_instance().await;
    let racing = [(app.address.clone(), &first), (other, &second)].map(|(base, grant)| {
        let request = app
            .client
            .request(
                Method::POST,
                format!("{base}/api/v1/grants/{grant}/disbursements"),
            )
            .bearer_auth(&finance.token)
            .json(&with_reference(1, "2000.00", "UNODC-PAY-0300"));
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
    let standing = disbursements(&app, &finance, &first).await.len()
        + disbursements(&app, &finance, &second).await.len();
    assert_eq!(standing, 1);
    check_ok(&app, &finance).await;
}
