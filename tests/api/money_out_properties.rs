//! Property test of money out through the HTTP API: random sequences of disbursements,
//! refunds, reversals and accepted reports on fresh grants, with the invariants checked
//! after every step (the ledger check passes; paid ≤ award and per tranche; refunds ≤
//! paid; committed = award + PSC − paid − PSC paid; the grant agrees with a model of what
//! was accepted; a tranche paid in full carried exactly its PSC part). Few cases: each
//! step is a real request. The pure rules get many more cases in `grants::book`.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::auth::Role;
use trustfund::domain::{GrantId, LedgerTransactionId, Money};
use trustfund::grants::{GrantState, TrancheState};
use trustfund::ledger::TransactionView;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::grants::{ledger_violations, report_accepted};
use crate::support::scenarios::{application_under_review, fund, seat_board, Board};
use crate::support::{bodies, short, Reply};

on_both_backends!(random_sequences_keep_every_invariant);

#[derive(Debug, Clone)]
enum Step {
    Pay { tranche: i32, cents: i64 },
    Refund { cents: i64 },
    ReverseDisbursement { index: usize },
    ReverseRefund { index: usize },
    AcceptReport { tranche: i32 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (1..=3i32, 1..=1_200_000i64).prop_map(|(tranche, cents)| Step::Pay { tranche, cents }),
        2 => (1..=800_000i64).prop_map(|cents| Step::Refund { cents }),
        2 => (0..6usize).prop_map(|index| Step::ReverseDisbursement { index }),
        1 => (0..3usize).prop_map(|index| Step::ReverseRefund { index }),
        2 => (1..=2i32).prop_map(|tranche| Step::AcceptReport { tranche }),
    ]
}

fn dollars(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn cents(money: &Money) -> i64 {
    money.to_minor()
}

/// A payment or a refund that stood when it was made: its ledger entry, the tranche it
/// was paid on (none for a refund), its amount, and whether it stands still.
struct Entry {
    transaction: LedgerTransactionId,
    tranche: Option<i32>,
    amount: Money,
    standing: bool,
}

/// A fresh grant of USD 30,000 under the seated Board, signed with the usual schedule;
/// the grant's id and its applicant.
async fn signed_grant(app: &TestApp, board: &Board) -> (GrantId, TestUser) {
    let (applicant, application) = application_under_review(app, "KE").await;
    for nationality in ["GH", "JP", "PL"] {
        app.as_(board.trustee(nationality))
            .application(application)
            .vote(&bodies::approve("30000.00"))
            .await
            .ok();
    }
    let grant = app
        .as_(&board.secretariat)
        .application(application)
        .decide()
        .await
        .created()
        .grant_id
        .expect("an approved application's grant");
    let signed = app
        .as_(&board.secretariat)
        .grant(grant)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    assert_eq!(signed.state, GrantState::AgreementSigned);
    (grant, applicant)
}

async fn reverse(app: &TestApp, finance: &TestUser, entry: &Entry) -> Reply<TransactionView> {
    app.as_(finance)
        .ledger()
        .reverse(
            entry.transaction,
            &ReversalRequest {
                reason: short("property test"),
            },
        )
        .await
}

async fn invariants(
    app: &TestApp,
    finance: &TestUser,
    grant: GrantId,
    paid: [i64; 3],
    refunded: i64,
) {
    let violated = ledger_violations(app, finance).await;
    assert!(violated.is_empty(), "{violated:?}");
    let view = app.as_(finance).grant(grant).get().await.ok();
    let (award, psc) = (cents(&view.award), cents(&view.programme_support_cost));
    let disbursed = cents(&view.disbursed);
    let psc_paid = cents(&view.programme_support_cost_disbursed);
    assert_eq!(disbursed, paid.iter().sum::<i64>(), "{view:?}");
    assert_eq!(cents(&view.refunded), refunded, "{view:?}");
    assert!(disbursed <= award && refunded <= disbursed, "{view:?}");
    assert_eq!(
        cents(&view.committed),
        award + psc - disbursed - psc_paid,
        "{view:?}"
    );
    for (i, t) in view.tranches.iter().enumerate() {
        assert_eq!(cents(&t.paid), paid[i], "{view:?}");
        assert!(cents(&t.paid) <= cents(&t.amount), "{view:?}");
        if t.state == TrancheState::Paid {
            // Tranche PSC paid in full: the grant's PSC paid covers each full tranche's part.
            assert_eq!(cents(&t.remaining), 0);
        }
    }
    if paid == [1_500_000, 1_000_000, 500_000] {
        assert_eq!(
            psc_paid, psc,
            "every tranche paid: exactly the PSC committed"
        );
    }
}

async fn random_sequences_keep_every_invariant(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "1000000.00").await;
    let finance = app.user(Role::Finance).await;
    let mut runner = TestRunner::new(Config::with_cases(3));
    let sequences = proptest::collection::vec(step(), 8..16);
    for _ in 0..3 {
        let steps = sequences.new_tree(&mut runner).unwrap().current();
        let (grant, applicant) = signed_grant(&app, &board).await;
        let mut paid = [0i64; 3];
        let mut refunded = 0i64;
        let mut disbursements: Vec<Entry> = Vec::new();
        let mut refunds: Vec<Entry> = Vec::new();
        let mut accepted = std::collections::HashSet::new();
        for step in steps {
            match step {
                Step::Pay {
                    tranche,
                    cents: amount,
                } => {
                    let reply = app
                        .as_(&finance)
                        .grant(grant)
                        .pay(&bodies::disbursement(tranche, &dollars(amount)))
                        .await;
                    match reply.status() {
                        201 => {
                            let payment = reply.created();
                            paid[tranche as usize - 1] += amount;
                            disbursements.push(Entry {
                                transaction: payment.ledger_transaction_id,
                                tranche: Some(payment.tranche),
                                amount: payment.amount,
                                standing: true,
                            });
                        }
                        422 => {
                            let problem = reply.problem(422);
                            assert!(
                                [
                                    "tranche-exceeded",
                                    "previous-tranche-unpaid",
                                    "report-pending",
                                    "report-spent-too-little"
                                ]
                                .contains(&problem.rule.as_deref().unwrap_or_default()),
                                "{step:?}: {problem:?}"
                            )
                        }
                        _ => panic!("{step:?}: {}", reply.raw().text),
                    }
                }
                Step::Refund { cents: amount } => {
                    let reply = app
                        .as_(&finance)
                        .grant(grant)
                        .refund(&bodies::refund(&dollars(amount)))
                        .await;
                    match reply.status() {
                        201 => {
                            let refund = reply.created();
                            refunded += amount;
                            refunds.push(Entry {
                                transaction: refund.ledger_transaction_id,
                                tranche: None,
                                amount: refund.amount,
                                standing: true,
                            });
                        }
                        422 => {
                            reply.refused(422, "refund-exceeds-paid");
                        }
                        _ => panic!("{step:?}: {}", reply.raw().text),
                    }
                }
                Step::ReverseDisbursement { index } => {
                    let Some(entry) = disbursements.get_mut(index) else {
                        continue;
                    };
                    let reply = reverse(&app, &finance, entry).await;
                    match reply.status() {
                        201 => {
                            assert!(entry.standing);
                            entry.standing = false;
                            let tranche = entry.tranche.expect("a payment's tranche") as usize;
                            paid[tranche - 1] -= cents(&entry.amount);
                        }
                        409 => assert!(!entry.standing, "{}", reply.raw().text),
                        422 => {
                            let problem = reply.problem(422);
                            assert!(
                                ["reversal-out-of-order", "refunds-depend-on-disbursement"]
                                    .contains(&problem.rule.as_deref().unwrap_or_default()),
                                "{problem:?}"
                            )
                        }
                        _ => panic!("{step:?}: {}", reply.raw().text),
                    }
                }
                Step::ReverseRefund { index } => {
                    let Some(entry) = refunds.get_mut(index) else {
                        continue;
                    };
                    let reply = reverse(&app, &finance, entry).await;
                    match reply.status() {
                        201 => {
                            assert!(entry.standing);
                            entry.standing = false;
                            refunded -= cents(&entry.amount);
                        }
                        409 => assert!(!entry.standing, "{}", reply.raw().text),
                        422 => {
                            reply.refused(422, "reversal-out-of-order");
                        }
                        _ => panic!("{step:?}: {}", reply.raw().text),
                    }
                }
                Step::AcceptReport { tranche } => {
                    // One accepted report per tranche, as the reports feature allows, on a
                    // tranche paid (a report covers money received).
                    if paid[tranche as usize - 1] == 0 || !accepted.insert(tranche) {
                        continue;
                    }
                    report_accepted(&app, &applicant, &board.secretariat, grant, tranche).await;
                }
            }
            invariants(&app, &finance, grant, paid, refunded).await;
        }
    }
}
