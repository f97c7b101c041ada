//! Money out (issue 11): a grant from its agreement to its closure, with partial
//! payments, a refund and the release of what was not paid; every refusal by its rule;
//! reversals through the grant; idempotent payments; and payments racing over two
//! instances for the last room of a tranche.

use trustfund::api::grants::{AgreementRequest, DisbursementRequest};
use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::api::organizations::VerificationRequest;
use trustfund::auth::Role;
use trustfund::domain::{GrantId, LedgerTransactionId};
use trustfund::grants::{EntryState, GrantState, GrantView, TrancheState};
use trustfund::ledger::{TransactionKind, TransactionView};

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{agreement, days_from_today, disbursement, refund, tranche};
use crate::support::grants::{
    awarded_grant, check_ok, close, fund_balances, ledger_violations, report_accepted, tamper,
};
use crate::support::{paths, positive_usd, rule_of, short, text, usd, Reply};

on_both_backends!(
    a_grant_runs_from_agreement_to_closure_with_a_refund,
    every_refusal_names_its_rule,
    a_reversed_disbursement_reopens_its_tranche,
    a_retried_payment_is_recorded_once,
    payments_racing_over_two_instances_pay_exactly_what_the_tranche_holds,
);

async fn grant(app: &TestApp, user: &TestUser, id: GrantId) -> GrantView {
    app.as_(user).grant(id).get().await.ok()
}

fn reason(words: &str) -> ReversalRequest {
    ReversalRequest {
        reason: short(words),
    }
}

/// Finance reverses the ledger entry `entry` for `words`.
async fn reverse(
    app: &TestApp,
    finance: &TestUser,
    entry: LedgerTransactionId,
    words: &str,
) -> Reply<TransactionView> {
    app.as_(finance)
        .ledger()
        .reverse(entry, &reason(words))
        .await
}

async fn a_grant_runs_from_agreement_to_closure_with_a_refund(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance) = (g.grant, &g.finance);
    let as_finance = app.as_(finance);
    let signed = app
        .as_(&g.secretariat)
        .grant(id)
        .sign_with_file(&agreement())
        .await
        .created();
    assert_eq!(signed.state, GrantState::AgreementSigned);
    // PSC parts: 13% of each tranche's share, rounded down; the last takes the rest.
    let parts: Vec<_> = signed
        .tranches
        .iter()
        .map(|t| t.programme_support_cost)
        .collect();
    assert_eq!(parts, [usd("1950.00"), usd("1300.00"), usd("650.00")]);
    assert_eq!(signed.tranches[0].state, TrancheState::Due);
    assert_eq!(signed.tranches[1].state, TrancheState::Scheduled);
    app.as_(&g.secretariat)
        .grant(id)
        .sign(&agreement())
        .await
        .refused(409, "conflict");

    // Tranche 1 in two parts.
    let reply = as_finance.grant(id).pay(&disbursement(1, "10000.00")).await;
    let location = reply.answer.header("location").expect("a Location");
    assert!(
        reply.answer.body.get("tranches").is_none(),
        "the disbursement, not the grant"
    );
    let first = reply.created();
    assert_eq!(first.amount, usd("10000.00"));
    assert_eq!(first.programme_support_cost, usd("1300.00"));
    assert_eq!(first.state, EntryState::Recorded);
    assert_eq!(location, paths::disbursement(id, first.id));
    let fetched = app
        .as_(&g.applicant)
        .grant(id)
        .disbursement(first.id)
        .await
        .ok();
    assert_eq!(
        serde_json::to_value(&fetched).unwrap(),
        serde_json::to_value(&first).unwrap()
    );
    let second = as_finance
        .grant(id)
        .pay(&disbursement(1, "5000.00"))
        .await
        .created();
    assert_eq!(second.programme_support_cost, usd("650.00"));

    // Tranche 2 waits for the report on tranche 1.
    as_finance
        .grant(id)
        .pay(&disbursement(2, "10000.00"))
        .await
        .refused(422, "report-pending");
    report_accepted(&app, &g.applicant, &g.secretariat, id, 1).await;
    as_finance
        .grant(id)
        .pay(&disbursement(2, "10000.00"))
        .await
        .created();

    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(view.disbursed, usd("25000.00"));
    assert_eq!(view.programme_support_cost_disbursed, usd("3250.00"));
    assert_eq!(view.committed, usd("5650.00"));
    assert_eq!(view.remaining, usd("5000.00"));
    assert_eq!(view.tranches[0].state, TrancheState::Paid);
    assert_eq!(view.tranches[1].state, TrancheState::Paid);
    assert_eq!(view.tranches[2].state, TrancheState::Scheduled);
    let figures = fund_balances(&app, finance).await;
    assert_eq!(figures.cash, usd("171750.00"));
    assert_eq!(figures.commitments_outstanding, usd("5650.00"));
    assert_eq!(figures.disbursed_to_date, usd("25000.00"));
    assert_eq!(figures.programme_support_costs_to_date, usd("3250.00"));
    let listed = app.as_(&g.applicant).grant(id).disbursements().await.ok();
    assert_eq!(listed.items.len(), 3);
    check_ok(&app, finance).await;

    // A refund: back into cash with its PSC share (13% of 2,000 at the grant's ratio).
    let refunded = as_finance
        .grant(id)
        .refund(&refund("2000.00"))
        .await
        .created();
    assert_eq!(refunded.programme_support_cost, usd("260.00"));
    let figures = fund_balances(&app, finance).await;
    assert_eq!(figures.cash, usd("174010.00"));
    assert_eq!(figures.refunds_to_date, usd("2000.00"));
    assert_eq!(figures.available, usd("168360.00"));

    // The report on tranche 2 accepted: tranche 3 could be paid, until the closure.
    report_accepted(&app, &g.applicant, &g.secretariat, id, 2).await;

    // Closure releases what was not paid: tranche 3 and its PSC.
    let closed = close(&app, id).await;
    assert_eq!(closed.state, GrantState::Closed);
    assert_eq!(closed.released, usd("5650.00"));
    assert_eq!(closed.committed, usd("0.00"));
    assert_eq!(closed.remaining, usd("0.00"));
    assert_eq!(closed.refunded, usd("2000.00"));
    assert_eq!(closed.tranches[2].state, TrancheState::Released);
    assert!(closed.release_transaction_id.is_some());
    let figures = fund_balances(&app, finance).await;
    assert_eq!(figures.commitments_outstanding, usd("0.00"));
    assert_eq!(figures.available, figures.cash);
    as_finance
        .grant(id)
        .pay(&disbursement(3, "5000.00"))
        .await
        .refused(422, "grant-closed");
    // Unspent money still comes back after closure.
    as_finance
        .grant(id)
        .refund(&refund("1000.00"))
        .await
        .created();
    let releases = as_finance
        .ledger()
        .journal(&[("kind", "release")])
        .await
        .ok();
    assert_eq!(releases.items.len(), 1);
    assert_eq!(releases.items[0].kind, TransactionKind::Release);
    check_ok(&app, finance).await;
}

async fn every_refusal_names_its_rule(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance) = (g.grant, &g.finance);
    let as_finance = app.as_(finance);
    let as_secretariat = app.as_(&g.secretariat);
    as_finance
        .grant(id)
        .pay(&disbursement(1, "100.00"))
        .await
        .refused(422, "no-agreement");
    let mut short_by_a_cent = agreement();
    short_by_a_cent.tranches[2].amount = positive_usd("4999.99");
    let refused = as_secretariat
        .grant(id)
        .sign(&short_by_a_cent)
        .await
        .refused(422, "schedule-mismatch");
    assert_eq!(refused.fields(), ["tranches"]);
    let mut disordered = agreement();
    disordered.tranches[1].due_on = days_from_today(200);
    as_secretariat
        .grant(id)
        .sign(&disordered)
        .await
        .refused(422, "schedule-dates");
    let mut euros = agreement();
    euros.tranches[0].amount = crate::support::bodies::positive("15000.00", "EUR");
    as_secretariat
        .grant(id)
        .sign(&euros)
        .await
        .refused(422, "currency-mismatch");
    as_finance
        .grant(id)
        .sign(&agreement())
        .await
        .refused(403, "forbidden");
    as_secretariat
        .grant(id)
        .sign_with_file(&agreement())
        .await
        .created();

    as_secretariat
        .grant(id)
        .pay(&disbursement(1, "100.00"))
        .await
        .refused(403, "forbidden");
    as_finance
        .grant(id)
        .pay(&disbursement(4, "100.00"))
        .await
        .refused(400, "validation");
    as_finance
        .grant(id)
        .pay(&disbursement(1, "15000.01"))
        .await
        .refused(422, "tranche-exceeded");
    // Tranche 2 waits for tranche 1 to be paid (then for its report: `report-pending`).
    as_finance
        .grant(id)
        .pay(&disbursement(2, "1.00"))
        .await
        .refused(422, "previous-tranche-unpaid");
    as_finance
        .grant(id)
        .refund(&refund("0.01"))
        .await
        .refused(422, "refund-exceeds-paid");
    let a = as_finance
        .grant(id)
        .pay(&disbursement(1, "6000.00"))
        .await
        .created();
    let b = as_finance
        .grant(id)
        .pay(&disbursement(1, "4000.00"))
        .await
        .created();
    as_finance
        .grant(id)
        .refund(&refund("10000.01"))
        .await
        .refused(422, "refund-exceeds-paid");

    let reverse = |entry| reverse(&app, finance, entry, "paid twice by mistake");
    reverse(a.ledger_transaction_id)
        .await
        .refused(422, "reversal-out-of-order");
    let refunded = as_finance
        .grant(id)
        .refund(&refund("7000.00"))
        .await
        .created();
    reverse(b.ledger_transaction_id)
        .await
        .refused(422, "refunds-depend-on-disbursement");
    let commitment = grant(&app, finance, id).await.ledger_transaction_id;
    reverse(commitment)
        .await
        .refused(422, "grant-commitment-not-reversible");

    // Readers: the grantee's applicants, staff, auditors; another NGO sees nothing.
    let (stranger, _) = crate::support::scenarios::verified_organization(&app, "KE").await;
    app.as_(&stranger)
        .grant(id)
        .disbursements()
        .await
        .refused(404, "not-found");
    let trustee = app.user(Role::Trustee).await;
    app.as_(&trustee)
        .grant(id)
        .disbursements()
        .await
        .refused(403, "forbidden");
    let auditor = app.user(Role::Auditor).await;
    app.as_(&auditor).grant(id).disbursements().await.ok();

    // A refused organisation receives nothing more.
    as_secretariat
        .organization(g.organization)
        .verify(&VerificationRequest {
            verified: false,
            reason: Some(text("sanctions list match")),
        })
        .await
        .ok();
    as_finance
        .grant(id)
        .pay(&disbursement(1, "1000.00"))
        .await
        .refused(422, "organization-refused");

    // Closed: nothing more paid, nothing paid reversed.
    close(&app, id).await;
    reverse(refunded.ledger_transaction_id).await.created();
    reverse(b.ledger_transaction_id)
        .await
        .refused(422, "grant-closed");
    check_ok(&app, finance).await;
}

async fn a_reversed_disbursement_reopens_its_tranche(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance) = (g.grant, &g.finance);
    let as_finance = app.as_(finance);
    app.as_(&g.secretariat)
        .grant(id)
        .sign_with_file(&agreement())
        .await
        .created();
    let paid = as_finance
        .grant(id)
        .pay(&disbursement(1, "15000.00"))
        .await
        .created();
    as_finance
        .grant(id)
        .pay(&disbursement(1, "0.01"))
        .await
        .refused(422, "tranche-exceeded");
    let before = fund_balances(&app, finance).await;
    let reversal = as_finance
        .ledger()
        .reverse(paid.ledger_transaction_id, &reason("wrong bank account"))
        .await
        .created();
    assert_eq!(reversal.kind, TransactionKind::Reversal);
    let after = fund_balances(&app, finance).await;
    assert_eq!(after.cash, usd("200000.00"));
    assert_ne!(after.cash, before.cash);
    let view = grant(&app, finance, id).await;
    assert_eq!(view.disbursed, usd("0.00"));
    assert_eq!(view.committed, usd("33900.00"));
    assert_eq!(view.tranches[0].state, TrancheState::Due);
    let shown = as_finance.grant(id).disbursement(paid.id).await.ok();
    assert_eq!(shown.state, EntryState::Reversed);
    assert_eq!(shown.reversal_transaction_id, Some(reversal.id));
    // Reversed once only.
    as_finance
        .ledger()
        .reverse(paid.ledger_transaction_id, &reason("again"))
        .await
        .refused(409, "conflict");
    // The tranche is open again, in full.
    as_finance
        .grant(id)
        .pay(&disbursement(1, "15000.00"))
        .await
        .created();
    check_ok(&app, finance).await;
}

async fn a_retried_payment_is_recorded_once(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance) = (g.grant, &g.finance);
    app.as_(&g.secretariat)
        .grant(id)
        .sign_with_file(&agreement())
        .await
        .created();
    let body = disbursement(1, "7500.00");
    let keyed = app
        .as_(finance)
        .with_idempotency_key("pay-tranche-1-part-1");
    let first = keyed.grant(id).pay(&body).await.raw().expect(201);
    let again = keyed.grant(id).pay(&body).await.raw().expect(201);
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(again.header("location"), first.header("location"));
    let other = DisbursementRequest {
        amount: positive_usd("1.00"),
        ..body
    };
    keyed
        .grant(id)
        .pay(&other)
        .await
        .refused(422, "idempotency-key-reused");
    let listed = app.as_(finance).grant(id).disbursements().await.ok();
    assert_eq!(listed.items.len(), 1);
    let figures = fund_balances(&app, finance).await;
    // 7,500 and 975 of PSC (13% of half of tranche 1's 1,950), once.
    assert_eq!(figures.cash, usd("191525.00"));
    check_ok(&app, finance).await;
}

async fn payments_racing_over_two_instances_pay_exactly_what_the_tranche_holds(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance) = (g.grant, &g.finance);
    app.as_(&g.secretariat)
        .grant(id)
        .sign_with_file(&AgreementRequest {
            tranches: vec![tranche("10000.00", 0), tranche("20000.00", 90)],
            ..agreement()
        })
        .await
        .created();
    let other = app.another_instance().await;
    // Fifty payments of 1,000 for a tranche of 10,000, half through each instance.
    let requests = (0..50).map(|i| {
        let caller = if i % 2 == 0 {
            app.as_(finance)
        } else {
            app.as_(finance).at(&other)
        };
        async move {
            caller
                .grant(id)
                .pay(&disbursement(1, "1000.00"))
                .await
                .raw()
        }
    });
    let answers = futures_util::future::join_all(requests).await;
    let paid = answers.iter().filter(|a| a.status == 201).count();
    let exceeded = answers
        .iter()
        .filter(|a| a.status == 422 && rule_of(a).as_deref() == Some("tranche-exceeded"))
        .count();
    let others: Vec<&String> = answers
        .iter()
        .filter(|a| a.status != 201 && a.status != 422)
        .map(|a| &a.text)
        .collect();
    assert!(others.is_empty(), "{others:?}");
    assert_eq!((paid, exceeded), (10, 40));
    let view = grant(&app, finance, id).await;
    assert_eq!(view.disbursed, usd("10000.00"));
    assert_eq!(view.tranches[0].state, TrancheState::Paid);
    // PSC of the tranche paid exactly: 13% of 10,000.
    assert_eq!(view.programme_support_cost_disbursed, usd("1300.00"));
    let figures = fund_balances(&app, finance).await;
    assert_eq!(figures.cash, usd("188700.00"));
    check_ok(&app, finance).await;
}

mod checks {
    //! The integrity check holds each grant to its payments. (The grant view's overdue
    //! report, as the clock moves, is in tests/api/calendar.rs.)
    use super::*;

    on_both_backends!(the_check_catches_payments_that_disagree_with_the_ledger);

    async fn the_check_catches_payments_that_disagree_with_the_ledger(app: TestApp) {
        let g = awarded_grant(&app, "200000.00").await;
        let (id, finance) = (g.grant, &g.finance);
        app.as_(&g.secretariat)
            .grant(id)
            .sign_with_file(&agreement())
            .await
            .created();
        app.as_(finance)
            .grant(id)
            .pay(&disbursement(1, "5000.00"))
            .await
            .created();
        check_ok(&app, finance).await;
        // A payment edited behind the ledger's back.
        tamper(
            &app,
            "UPDATE grant_disbursements SET amount_minor = amount_minor + 100".into(),
        )
        .await;
        let rules = ledger_violations(&app, finance).await;
        assert!(
            rules.contains(&"commitment-mismatch".to_string()),
            "{rules:?}"
        );
        assert!(
            rules.contains(&"grant-cash-mismatch".to_string()),
            "{rules:?}"
        );
        tamper(
            &app,
            "UPDATE grant_disbursements SET amount_minor = amount_minor - 100".into(),
        )
        .await;
        check_ok(&app, finance).await;
        // A schedule whose PSC parts no longer add up to the PSC committed.
        tamper(&app, format!(
            "UPDATE grant_tranches SET psc_minor = psc_minor + 1 WHERE grant_id = '{id}' AND number = 3"
        ))
        .await;
        let rules = ledger_violations(&app, finance).await;
        assert!(
            rules.contains(&"schedule-mismatch".to_string()),
            "{rules:?}"
        );
        tamper(&app, format!(
            "UPDATE grant_tranches SET psc_minor = psc_minor - 1 WHERE grant_id = '{id}' AND number = 3"
        ))
        .await;
        // A closure that did not release the commitment.
        close(&app, id).await;
        check_ok(&app, finance).await;
        tamper(
            &app,
            format!("UPDATE grants SET release_transaction_id = NULL WHERE id = '{id}'"),
        )
        .await;
        let rules = ledger_violations(&app, finance).await;
        assert!(rules.contains(&"release-mismatch".to_string()), "{rules:?}");
    }
}

mod demo {
    use trustfund::grant_reports::{ReportKind, ReportState};

    use super::*;
    use crate::support::scenarios::{demo_finance, demo_wider_call, load_demo};

    on_both_backends!(the_demo_has_grants_at_every_stage_of_money_out);

    /// Each stage of issue 11 item 8, seen through the API, once each after two loads.
    async fn the_demo_has_grants_at_every_stage_of_money_out(app: TestApp) {
        let finance = demo_finance(&app).await;
        // Loading twice changes nothing.
        load_demo(&app).await;
        let as_finance = app.as_(&finance);
        // The wider picture's round (for the Fund's reports) aside.
        let wider = demo_wider_call(&app, &finance).await;
        let grants: Vec<GrantView> = as_finance
            .grants()
            .list(&[("limit", "100")])
            .await
            .ok()
            .items
            .into_iter()
            .filter(|g| Some(g.call_id) != wider)
            .collect();
        assert_eq!(grants.len(), 7, "{grants:?}");
        let mut stages: Vec<&str> = Vec::new();
        for grant in &grants {
            let paid = as_finance.grant(grant.id).disbursements().await.ok().items;
            let refunds = as_finance.grant(grant.id).refunds().await.ok();
            let reports = as_finance.grant(grant.id).reports().await.ok().items;
            let report_states: Vec<ReportState> = reports.iter().map(|r| r.state).collect();
            let tranche = |n: usize| grant.tranches.get(n).map(|t| t.state);
            let stage = match grant.state {
                GrantState::Awarded => {
                    assert!(paid.is_empty() && reports.is_empty(), "{grant:?}");
                    "awaiting agreement"
                }
                GrantState::Closed => {
                    assert_eq!(reports.len(), 1, "{reports:?}");
                    assert_eq!(reports[0].kind, ReportKind::Final);
                    assert_eq!(reports[0].state, ReportState::Accepted);
                    assert_eq!(tranche(1), Some(TrancheState::Released));
                    assert!(!grant.released.is_zero(), "{grant:?}");
                    "closed"
                }
                GrantState::AgreementSigned if !refunds.is_empty() => {
                    assert_eq!(refunds.len(), 1);
                    assert_eq!(grant.refunded, refunds[0].amount);
                    "refunded"
                }
                GrantState::AgreementSigned if tranche(1) == Some(TrancheState::Paid) => {
                    assert_eq!(paid.len(), 2);
                    assert_eq!(report_states, [ReportState::Accepted]);
                    "second tranche paid"
                }
                GrantState::AgreementSigned => {
                    assert_eq!(tranche(0), Some(TrancheState::Paid), "{grant:?}");
                    assert_eq!(tranche(1), Some(TrancheState::Scheduled), "{grant:?}");
                    assert_eq!(paid.len(), 1);
                    assert_eq!(paid[0].amount, grant.tranches[0].amount);
                    match report_states.as_slice() {
                        [] => "first tranche paid",
                        [ReportState::Submitted] => "report pending",
                        [ReportState::Returned] => {
                            let review = reports[0].review.as_ref().expect("a review");
                            let comments = review.comments.as_deref().unwrap_or_default();
                            assert!(comments.contains("occupancy"), "{comments}");
                            "report returned"
                        }
                        other => panic!("unexpected reports {other:?}"),
                    }
                }
                other => panic!("unexpected grant state {other:?}"),
            };
            stages.push(stage);
        }
        stages.sort_unstable();
        assert_eq!(
            stages,
            [
                "awaiting agreement",
                "closed",
                "first tranche paid",
                "refunded",
                "report pending",
                "report returned",
                "second tranche paid",
            ]
        );
        check_ok(&app, &finance).await;
    }
}
