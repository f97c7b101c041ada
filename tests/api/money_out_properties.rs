//! Property test of money out through the HTTP API: random sequences of disbursements,
//! refunds, reversals and accepted reports on fresh grants, with the invariants checked
//! after every step (the ledger check passes; paid ≤ award and per tranche; refunds ≤
//! paid; committed = award + PSC − paid − PSC paid; the grant agrees with a model of what
//! was accepted; a tranche paid in full carried exactly its PSC part). Few cases: each
//! step is a real request. The pure rules get many more cases in `grants::book`.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::grants::{grant_id, payment, refund_of, report_accepted, schedule};
use crate::support::scenarios::{decide, fund, seat_board, vote, Board};

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

fn cents(money: &Value) -> i64 {
    let text = money["amount"].as_str().unwrap();
    let (whole, part) = text.split_once('.').unwrap();
    whole.parse::<i64>().unwrap() * 100 + part.parse::<i64>().unwrap()
}

/// A fresh grant of USD 30,000 under the seated Board, signed with the usual schedule;
/// the grant's id and its applicant.
async fn signed_grant(app: &TestApp, board: &Board) -> (String, TestUser) {
    let (applicant, application) = app.application_under_review("KE").await;
    for nationality in ["GH", "JP", "PL"] {
        vote(
            app,
            board.trustee(nationality),
            &application,
            "approve",
            Some("30000.00"),
        )
        .await
        .expect(200);
    }
    let decision = decide(app, board, &application).await.expect(201);
    let grant = decision.body["grant_id"].as_str().unwrap().to_string();
    app.as_(&board.secretariat)
        .grant(grant_id(&grant))
        .with_signed_agreement()
        .await;
    let signed = app
        .post(
            &board.secretariat,
            &format!("/api/v1/grants/{grant}/agreement"),
            schedule(),
        )
        .await
        .expect(201);
    assert_eq!(signed.body["state"], "agreement_signed");
    (grant, applicant)
}

async fn reverse(app: &TestApp, finance: &TestUser, entry: &Value) -> crate::helpers::Answer {
    app.post(
        finance,
        &format!(
            "/api/v1/ledger/transactions/{}/reversal",
            entry["ledger_transaction_id"].as_str().unwrap()
        ),
        json!({"reason": "property test"}),
    )
    .await
}

async fn invariants(app: &TestApp, finance: &TestUser, grant: &str, paid: [i64; 3], refunded: i64) {
    let report = app
        .get(finance, "/api/v1/ledger/check")
        .await
        .expect(200)
        .body;
    assert_eq!(report["ok"], true, "{report}");
    let view = app
        .get(finance, &format!("/api/v1/grants/{grant}"))
        .await
        .expect(200)
        .body;
    let (award, psc) = (
        cents(&view["award"]),
        cents(&view["programme_support_cost"]),
    );
    let disbursed = cents(&view["disbursed"]);
    let psc_paid = cents(&view["programme_support_cost_disbursed"]);
    assert_eq!(disbursed, paid.iter().sum::<i64>(), "{view}");
    assert_eq!(cents(&view["refunded"]), refunded, "{view}");
    assert!(disbursed <= award && refunded <= disbursed, "{view}");
    assert_eq!(
        cents(&view["committed"]),
        award + psc - disbursed - psc_paid,
        "{view}"
    );
    for (i, t) in view["tranches"].as_array().unwrap().iter().enumerate() {
        assert_eq!(cents(&t["paid"]), paid[i], "{view}");
        assert!(cents(&t["paid"]) <= cents(&t["amount"]), "{view}");
        if t["state"] == "paid" {
            // Tranche PSC paid in full: the grant's PSC paid covers each full tranche's part.
            assert_eq!(cents(&t["remaining"]), 0);
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
        let mut disbursements: Vec<(Value, bool)> = Vec::new();
        let mut refunds: Vec<(Value, bool)> = Vec::new();
        let mut accepted = std::collections::HashSet::new();
        for step in steps {
            match step {
                Step::Pay {
                    tranche,
                    cents: amount,
                } => {
                    let answer = app
                        .post(
                            &finance,
                            &format!("/api/v1/grants/{grant}/disbursements"),
                            payment(tranche, &dollars(amount)),
                        )
                        .await;
                    match answer.status {
                        201 => {
                            paid[tranche as usize - 1] += amount;
                            disbursements.push((answer.body, true));
                        }
                        422 => assert!(
                            [
                                "tranche-exceeded",
                                "previous-tranche-unpaid",
                                "report-pending",
                                "report-spent-too-little"
                            ]
                            .contains(&answer.body["rule"].as_str().unwrap()),
                            "{step:?}: {}",
                            answer.text
                        ),
                        _ => panic!("{step:?}: {}", answer.text),
                    }
                }
                Step::Refund { cents: amount } => {
                    let answer = app
                        .post(
                            &finance,
                            &format!("/api/v1/grants/{grant}/refunds"),
                            refund_of(&dollars(amount)),
                        )
                        .await;
                    match answer.status {
                        201 => {
                            refunded += amount;
                            refunds.push((answer.body, true));
                        }
                        422 => assert_eq!(answer.body["rule"], "refund-exceeds-paid"),
                        _ => panic!("{step:?}: {}", answer.text),
                    }
                }
                Step::ReverseDisbursement { index } => {
                    let Some((entry, standing)) = disbursements.get_mut(index) else {
                        continue;
                    };
                    let answer = reverse(&app, &finance, entry).await;
                    match answer.status {
                        201 => {
                            assert!(*standing);
                            *standing = false;
                            let tranche = entry["tranche"].as_i64().unwrap() as usize;
                            paid[tranche - 1] -= cents(&entry["amount"]);
                        }
                        409 => assert!(!*standing, "{}", answer.text),
                        422 => assert!(
                            ["reversal-out-of-order", "refunds-depend-on-disbursement"]
                                .contains(&answer.body["rule"].as_str().unwrap()),
                            "{}",
                            answer.text
                        ),
                        _ => panic!("{step:?}: {}", answer.text),
                    }
                }
                Step::ReverseRefund { index } => {
                    let Some((entry, standing)) = refunds.get_mut(index) else {
                        continue;
                    };
                    let answer = reverse(&app, &finance, entry).await;
                    match answer.status {
                        201 => {
                            assert!(*standing);
                            *standing = false;
                            refunded -= cents(&entry["amount"]);
                        }
                        409 => assert!(!*standing, "{}", answer.text),
                        422 => assert_eq!(answer.body["rule"], "reversal-out-of-order"),
                        _ => panic!("{step:?}: {}", answer.text),
                    }
                }
                Step::AcceptReport { tranche } => {
                    // One accepted report per tranche, as the reports feature allows, on a
                    // tranche paid (a report covers money received).
                    if paid[tranche as usize - 1] == 0 || !accepted.insert(tranche) {
                        continue;
                    }
                    report_accepted(
                        &app,
                        &applicant,
                        &board.secretariat,
                        grant.parse().unwrap(),
                        tranche,
                    )
                    .await;
                }
            }
            invariants(&app, &finance, &grant, paid, refunded).await;
        }
    }
}
