//! A refund's bank reference is recorded once per grant: a second standing refund with
//! the same reference is a 409 naming the first (as for receipts), a reversed refund frees
//! its reference, and two instances racing with one reference record it once (the
//! database's unique index is the last word).

use trustfund::api::grants::RefundRequest;
use trustfund::api::ledger_owners::ReversalRequest;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::refund;
use crate::support::grants::first_tranche_paid;
use crate::support::short;

on_both_backends!(
    a_refund_reference_is_recorded_once_per_grant,
    two_refunds_racing_with_one_reference_record_it_once,
);

fn with_reference(amount: &str, reference: &str) -> RefundRequest {
    RefundRequest {
        bank_reference: short(reference),
        ..refund(amount)
    }
}

async fn a_refund_reference_is_recorded_once_per_grant(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "5000.00").await;
    let as_finance = app.as_(&g.finance);
    let first = as_finance
        .grant(g.grant)
        .refund(&with_reference("100.00", "CREDIT-777"))
        .await
        .created();

    let again = as_finance
        .grant(g.grant)
        .refund(&with_reference("50.00", "CREDIT-777"))
        .await
        .refused(409, "conflict");
    again.says("CREDIT-777");
    // The 409 names the earlier refund.
    again.says(&first.id.to_string());
    let listed = as_finance.grant(g.grant).refunds().await.ok();
    assert_eq!(listed.len(), 1);

    // Reversing the first frees its reference; another reference is fine.
    as_finance
        .ledger()
        .reverse(
            first.ledger_transaction_id,
            &ReversalRequest {
                reason: short("recorded against the wrong statement line"),
            },
        )
        .await
        .created();
    as_finance
        .grant(g.grant)
        .refund(&with_reference("100.00", "CREDIT-777"))
        .await
        .created();
    as_finance
        .grant(g.grant)
        .refund(&with_reference("20.00", "CREDIT-778"))
        .await
        .created();
}

async fn two_refunds_racing_with_one_reference_record_it_once(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "5000.00").await;
    let other = app.another_instance().await;
    let body = with_reference("100.00", "CREDIT-777");
    let racing = [app.as_(&g.finance), app.as_(&g.finance).at(&other)].map(|caller| {
        let body = body.clone();
        async move { caller.grant(g.grant).refund(&body).await.raw() }
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
    let listed = app.as_(&g.finance).grant(g.grant).refunds().await.ok();
    assert_eq!(listed.len(), 1);
}
