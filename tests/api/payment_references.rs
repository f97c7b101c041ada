//! A payment reference is recorded once across the Fund's standing disbursements: a
//! second payment with a reference already standing, on the same grant or another, is a
//! 409 naming the earlier payment (its id, grant and value date); a reversed payment frees
//! its reference; the database's unique index holds the rule too, and two instances
//! racing with one reference record it once.

use diesel::RunQueryDsl;
use trustfund::api::grants::DisbursementRequest;
use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::auth::Role;
use trustfund::domain::GrantId;
use trustfund::grants::DisbursementView;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{agreement, disbursement};
use crate::support::grants::{check_ok, grant_in};
use crate::support::scenarios::{fund, seat_board};
use crate::support::short;

on_both_backends!(
    a_payment_reference_stands_once_across_the_fund,
    the_database_refuses_a_repeated_standing_reference,
    two_payments_racing_with_one_reference_record_it_once,
);

fn with_reference(tranche: i32, amount: &str, reference: &str) -> DisbursementRequest {
    DisbursementRequest {
        payment_reference: short(reference),
        ..disbursement(tranche, amount)
    }
}

/// Two signed grants (USD 30,000 each, three tranches) and a finance officer.
async fn two_signed_grants(app: &TestApp) -> (GrantId, GrantId, TestUser) {
    let board = seat_board(app).await;
    fund(app, "200000.00").await;
    let first = grant_in(app, &board, "KE", "30000.00").await;
    let second = grant_in(app, &board, "CL", "30000.00").await;
    for grant in [first, second] {
        app.as_(&board.secretariat)
            .grant(grant)
            .sign_with_file(&agreement())
            .await
            .created();
    }
    (first, second, app.user(Role::Finance).await)
}

async fn disbursements(app: &TestApp, finance: &TestUser, grant: GrantId) -> Vec<DisbursementView> {
    app.as_(finance)
        .grant(grant)
        .disbursements()
        .await
        .ok()
        .items
}

async fn a_payment_reference_stands_once_across_the_fund(app: TestApp) {
    let (first, second, finance) = two_signed_grants(&app).await;
    let as_finance = app.as_(&finance);
    let earlier = as_finance
        .grant(first)
        .pay(&with_reference(1, "5000.00", "UNODC-PAY-0200"))
        .await
        .created();

    // Again on the same grant, and on another grant: both refused, naming the payment.
    for grant in [first, second] {
        let again = as_finance
            .grant(grant)
            .pay(&with_reference(1, "1000.00", "UNODC-PAY-0200"))
            .await
            .refused(409, "conflict");
        for named in [
            "UNODC-PAY-0200".to_string(),
            earlier.id.to_string(),
            first.to_string(),
            earlier.value_date.to_string(),
        ] {
            again.says(&named);
        }
    }
    assert_eq!(disbursements(&app, &finance, first).await.len(), 1);
    assert!(disbursements(&app, &finance, second).await.is_empty());

    // Reversing the earlier payment frees its reference, on any grant.
    as_finance
        .ledger()
        .reverse(
            earlier.ledger_transaction_id,
            &ReversalRequest {
                reason: short("paid to the wrong account"),
            },
        )
        .await
        .created();
    let reused = as_finance
        .grant(second)
        .pay(&with_reference(1, "5000.00", "UNODC-PAY-0200"))
        .await
        .created();
    // Now it stands on the second grant: the first may not take it back.
    as_finance
        .grant(first)
        .pay(&with_reference(1, "5000.00", "UNODC-PAY-0200"))
        .await
        .refused(409, "conflict")
        .says(&reused.id.to_string());
    as_finance
        .grant(first)
        .pay(&with_reference(1, "5000.00", "UNODC-PAY-0201"))
        .await
        .created();
    check_ok(&app, &finance).await;
}

async fn the_database_refuses_a_repeated_standing_reference(app: TestApp) {
    let (first, second, finance) = two_signed_grants(&app).await;
    for (grant, reference) in [(first, "BANK-A"), (second, "BANK-B")] {
        app.as_(&finance)
            .grant(grant)
            .pay(&with_reference(1, "1000.00", reference))
            .await
            .created();
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
    let body = with_reference(1, "2000.00", "UNODC-PAY-0300");
    let racing = [
        (app.as_(&finance), first),
        (app.as_(&finance).at(&other), second),
    ]
    .map(|(caller, grant)| {
        let body = body.clone();
        async move { caller.grant(grant).pay(&body).await.raw() }
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
    let standing = disbursements(&app, &finance, first).await.len()
        + disbursements(&app, &finance, second).await.len();
    assert_eq!(standing, 1);
    check_ok(&app, &finance).await;
}
