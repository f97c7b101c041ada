//! The pure ledger rules, and a property test driving an in-memory journal through
//! random receipts, commitments and reversals, checking the invariants after each step.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::account::{Account, TransactionKind};
use super::balances::{from_postings, AccountSums};
use super::owner::Owner;
use super::party::Party;
use super::rules::*;
use crate::domain::{
    ContributionId, Currency, ExchangeRate, GrantId, LedgerTransactionId, Money, ReceiptId,
};

/// A new contribution's sub-account.
fn donor() -> Party {
    Party::Contribution(ContributionId::new())
}

fn usd(minor: i64) -> Money {
    Money::from_minor(minor, Currency::USD).unwrap()
}

fn receipt_postings(contribution: Party, original: Money, rate: ExchangeRate) -> Vec<Posting> {
    let value = original.usd_from_rate(&rate).unwrap();
    vec![
        Posting {
            original: Some((original, rate)),
            ..Posting::usd(Account::Cash, None, value)
        },
        Posting {
            original: Some((-original, rate)),
            ..Posting::usd(Account::Contributions, Some(contribution), -value)
        },
    ]
}

/// Each account keeps its sub-accounts by one kind of party: a grant's line names its
/// grant, a contribution's its contribution, and cash names none.
#[test]
fn refuses_a_line_that_names_the_wrong_party() {
    let grant = Party::Grant(GrantId::new());
    let paid = |party| {
        unbalanced(&[
            Posting::usd(Account::GrantsPaid, party, usd(5)),
            Posting::usd(Account::Cash, None, usd(-5)),
        ])
    };
    assert_eq!(paid(Some(grant)), None);
    assert!(paid(Some(donor())).is_some_and(|why| why.contains("grants_paid")));
    assert!(paid(None).is_some());
    assert!(unbalanced(&[
        Posting::usd(Account::GrantsPaid, Some(grant), usd(5)),
        Posting::usd(Account::Cash, Some(grant), usd(-5)),
    ])
    .is_some());
}

#[test]
fn refuses_unbalanced_and_degenerate_transactions() {
    let c = donor();
    assert!(unbalanced(&[Posting::usd(Account::Cash, None, usd(5))]).is_some());
    assert!(unbalanced(&[
        Posting::usd(Account::Cash, None, usd(5)),
        Posting::usd(Account::Contributions, Some(c), usd(-4))
    ])
    .is_some());
    assert!(unbalanced(&[
        Posting::usd(Account::Cash, None, usd(0)),
        Posting::usd(Account::Contributions, Some(c), usd(0))
    ])
    .is_some());
    let jpy = Money::from_minor(1_000_000, Currency::parse("JPY").unwrap()).unwrap();
    let ok = receipt_postings(c, jpy, ExchangeRate::parse("0.0067").unwrap());
    assert_eq!(ok[0].usd, usd(670_000));
    assert_eq!(unbalanced(&ok), None);
    assert_eq!(unbalanced(&negate(&ok)), None);
}

#[test]
fn reserve_rounds_half_to_even() {
    let share = |minor, rate| usd(minor).share(rate).unwrap();
    assert_eq!(share(12_345, Decimal::new(5, 2)), usd(617)); // 617.25
    assert_eq!(share(10_050, Decimal::new(5, 2)), usd(502)); // 502.5 → 502
    assert_eq!(share(10_150, Decimal::new(5, 2)), usd(508)); // 507.5 → 508
    assert_eq!(share(999, Decimal::ZERO), usd(0));
    // The programme support cost on an award: 13% of 30,000.00.
    assert_eq!(share(3_000_000, Decimal::new(13, 2)), usd(390_000));
}

#[test]
fn reversals_are_once_only_never_of_reversals_never_into_debt() {
    let p = receipt_postings(donor(), usd(100), ExchangeRate::parse("1").unwrap());
    assert_eq!(reversal_allowed(TransactionKind::Receipt, false), Ok(()));
    assert_eq!(
        reversal_allowed(TransactionKind::Receipt, true),
        Err(ReversalRefusal::AlreadyReversed)
    );
    assert_eq!(
        reversal_allowed(TransactionKind::Reversal, false),
        Err(ReversalRefusal::IsReversal)
    );
    // What the reversal would leave: cash 0 after undoing a 1.00 receipt on 1.00 of cash;
    // below zero with one cent less.
    let mut sums = AccountSums::default();
    sums.apply(&p).unwrap();
    sums.apply(&negate(&p)).unwrap();
    assert_eq!(sums.position(Decimal::ZERO).unwrap().cash, 0);
    assert_eq!(cash_delta(&negate(&p)), Some(-100));
}

#[test]
fn sums_are_checked_never_wrapped() {
    let c = donor();
    let big = usd(i64::MAX / 2 + 1);
    let p = vec![
        Posting::usd(Account::Cash, None, big),
        Posting::usd(Account::Contributions, Some(c), -big),
    ];
    let mut sums = AccountSums::default();
    sums.apply(&p).unwrap();
    assert!(
        sums.apply(&p).is_err(),
        "cash past i64::MAX must be an error"
    );
    assert_eq!(cash_delta(&[p[0].clone(), p[0].clone()]), None);
    assert!(from_postings(p.iter().chain(p.iter()), Decimal::ZERO).is_err());
}

/// An in-memory journal with the same rules the database path applies.
#[derive(Default)]
struct Model {
    journal: Vec<TxRecord>,
    /// What the figures should be, kept independently of the postings.
    expected_cash: i64,
    expected_received: i64,
    expected_committed: i64,
}

impl Model {
    fn append(
        &mut self,
        kind: TransactionKind,
        owner: Owner,
        reverses: Option<LedgerTransactionId>,
        postings: Vec<Posting>,
    ) -> LedgerTransactionId {
        let id = LedgerTransactionId::new();
        let seq = self.journal.len() as i64 + 1;
        self.journal.push(TxRecord {
            id,
            seq,
            kind,
            owner,
            reverses,
            postings,
        });
        id
    }

    fn receive(&mut self, contribution: Party, original: Money, rate: ExchangeRate) {
        let postings = receipt_postings(contribution, original, rate);
        if unbalanced(&postings).is_some() {
            return; // worth under half a cent: refused
        }
        let value = postings[0].usd.to_minor();
        self.append(
            TransactionKind::Receipt,
            Owner::Receipt(ReceiptId::new()),
            None,
            postings,
        );
        self.expected_cash += value;
        self.expected_received += value;
    }

    fn commit(&mut self, amount: i64) {
        let available = self.expected_cash - self.expected_committed;
        if amount > available {
            return;
        }
        let id = GrantId::new();
        let grant = Some(Party::Grant(id));
        self.append(
            TransactionKind::Commitment,
            Owner::Grant(id),
            None,
            vec![
                Posting::usd(Account::GrantCommitments, grant, usd(amount)),
                Posting::usd(Account::CommitmentsOutstanding, grant, usd(-amount)),
            ],
        );
        self.expected_committed += amount;
    }

    fn reverse(&mut self, index: usize) {
        let Some(original) = self.journal.get(index % self.journal.len().max(1)).cloned() else {
            return;
        };
        let done = self.journal.iter().any(|t| t.reverses == Some(original.id));
        if reversal_allowed(original.kind, done).is_err() {
            return;
        }
        // What `ledger::reverse` refuses: cash below zero, or more committed than held.
        let mut after = AccountSums::default();
        after
            .apply(self.journal.iter().flat_map(|t| &t.postings))
            .unwrap();
        let before = after.position(Decimal::ZERO).unwrap();
        after.apply(&negate(&original.postings)).unwrap();
        let after = after.position(Decimal::ZERO).unwrap();
        if after.cash < 0 || (after.available < 0 && after.available < before.available) {
            return;
        }
        for p in &original.postings {
            match p.account {
                Account::Cash => self.expected_cash -= p.usd.to_minor(),
                Account::Contributions => self.expected_received += p.usd.to_minor(),
                Account::CommitmentsOutstanding => self.expected_committed += p.usd.to_minor(),
                _ => {}
            }
        }
        self.append(
            TransactionKind::Reversal,
            original.owner,
            Some(original.id),
            negate(&original.postings),
        );
    }
}

#[derive(Debug, Clone)]
enum Op {
    Receive {
        donor: usize,
        currency: usize,
        minor: i64,
        rate_micro: i64,
    },
    Commit(i64),
    Reverse(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..3, 0usize..4, 1i64..5_000_000_000, 1i64..2_000_000)
            .prop_map(|(donor, currency, minor, rate_micro)| Op::Receive { donor, currency, minor, rate_micro }),
        1 => (1i64..500_000_000).prop_map(Op::Commit),
        2 => (0usize..64).prop_map(Op::Reverse),
    ]
}

proptest! {
    #[test]
    fn invariants_hold_after_every_step(ops in prop::collection::vec(op(), 1..40)) {
        let donors = [donor(), donor(), donor()];
        let currencies = ["USD", "EUR", "JPY", "KWD"].map(|c| Currency::parse(c).unwrap());
        let mut model = Model::default();
        for op in ops {
            match op {
                Op::Receive { donor, currency, minor, rate_micro } => {
                    let currency = currencies[currency];
                    let rate = if currency == Currency::USD { Decimal::ONE } else { Decimal::new(rate_micro, 6) };
                    let rate = ExchangeRate::from_decimal(rate).unwrap();
                    model.receive(donors[donor], Money::from_minor(minor, currency).unwrap(), rate);
                }
                Op::Commit(amount) => model.commit(amount),
                Op::Reverse(index) => model.reverse(index),
            }
            let violations = check(&model.journal);
            prop_assert!(violations.is_empty(), "{:?}", violations);
            let b = from_postings(model.journal.iter().flat_map(|t| &t.postings), Decimal::ZERO).unwrap();
            prop_assert_eq!(b.cash.to_minor(), model.expected_cash);
            prop_assert!(b.cash.to_minor() >= 0);
            prop_assert!(b.available.to_minor() >= 0);
            prop_assert_eq!(b.received_to_date.to_minor(), model.expected_received);
            prop_assert_eq!(b.commitments_outstanding.to_minor(), model.expected_committed);
            prop_assert_eq!(b.available.to_minor(), model.expected_cash - model.expected_committed);
            let by_currency: i64 = b.receipts_by_currency.iter().map(|r| r.usd.to_minor()).sum();
            prop_assert_eq!(by_currency, model.expected_received);
        }
    }

    #[test]
    fn tampering_is_always_caught(minor in 1i64..1_000_000, delta in 1i64..1000) {
        let mut model = Model::default();
        model.receive(donor(), usd(minor), ExchangeRate::parse("1").unwrap());
        model.journal[0].postings[0].amount = usd(minor + delta);
        model.journal[0].postings[0].usd = usd(minor + delta);
        let rules: Vec<String> = check(&model.journal).into_iter().map(|v| v.rule).collect();
        prop_assert!(rules.contains(&"unbalanced".to_string()), "{:?}", rules);
    }
}

#[test]
fn check_names_broken_reversals() {
    let mut model = Model::default();
    let c = donor();
    model.receive(c, usd(1000), ExchangeRate::parse("1").unwrap());
    let first = model.journal[0].clone();
    model.reverse(0);
    // A second reversal of the same entry, and a reversal of a reversal, slipped in.
    model.append(
        TransactionKind::Reversal,
        first.owner,
        Some(first.id),
        negate(&first.postings),
    );
    let reversal = model.journal[1].clone();
    model.append(
        TransactionKind::Reversal,
        Owner::Grant(GrantId::new()),
        Some(reversal.id),
        negate(&reversal.postings),
    );
    let rules: Vec<String> = check(&model.journal).into_iter().map(|v| v.rule).collect();
    assert!(rules.contains(&"reversed-twice".to_string()), "{rules:?}");
    assert!(
        rules.contains(&"reversal-of-reversal".to_string()),
        "{rules:?}"
    );
    assert!(rules.contains(&"negative-cash".to_string()), "{rules:?}");
    assert!(rules.contains(&"reversal-owner".to_string()), "{rules:?}");
}

/// The running totals `store::insert` keeps add up what the balances recompute posting by
/// posting: each account's sum, and received per original currency; a reversal brings the
/// figures back but still counts its postings (so a deleted pair would show).
#[test]
fn running_totals_follow_the_postings() {
    use super::balances::sums_from_postings;
    use super::totals::Totals;
    let c = donor();
    let jpy = Money::from_minor(1_000_000, Currency::parse("JPY").unwrap()).unwrap();
    let receipt = receipt_postings(c, jpy, ExchangeRate::parse("0.0067").unwrap());
    let dollars = receipt_postings(c, usd(25_000), ExchangeRate::parse("1").unwrap());
    let mut totals = Totals::default();
    totals.apply(receipt.iter().chain(&dollars)).unwrap();
    let (sums, by_currency) = sums_from_postings(receipt.iter().chain(&dollars)).unwrap();
    for (account, total) in &totals.accounts {
        assert_eq!(total.usd_minor, sums.get(*account), "{account:?}");
        assert_eq!(total.postings, 2);
    }
    for (currency, total) in &totals.currencies {
        let (received, usd_minor) = by_currency[currency];
        assert_eq!(
            (total.received_minor, total.usd_minor),
            (received, usd_minor)
        );
        assert_eq!(total.postings, 1);
    }
    assert_eq!(totals.currencies[&jpy.currency()].received_minor, 1_000_000);
    assert_eq!(totals.currencies[&jpy.currency()].usd_minor, 670_000);
    totals.apply(&negate(&receipt)).unwrap();
    let jpy_total = totals.currencies[&jpy.currency()];
    assert_eq!((jpy_total.received_minor, jpy_total.usd_minor), (0, 0));
    assert_eq!(jpy_total.postings, 2);
    assert_eq!(totals.accounts[&Account::Cash].usd_minor, 25_000);
    assert_eq!(totals.accounts[&Account::Cash].postings, 3);
}
