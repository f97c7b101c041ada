use chrono::NaiveDate;
use proptest::prelude::*;
use uuid::Uuid;

use super::*;

fn on(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, day).unwrap()
}

/// USD 30,000.00 with 13% PSC (3,900.00) in three tranches of 10,000.00.
fn signed() -> Book {
    Book::signed_for_tests(
        3_000_000,
        390_000,
        &[1_000_000, 1_000_000, 1_000_000],
        on(1),
    )
}

fn rule(result: Result<impl std::fmt::Debug, AppError>) -> Rule {
    match result {
        Err(AppError::Rule { rule, .. }) => rule,
        other => panic!("expected a rule, got {other:?}"),
    }
}

fn pay(book: &mut Book, tranche: i32, amount: i64) -> i64 {
    let psc = book.disbursement(tranche, amount).unwrap();
    let seq = book.disbursements.len() as i32 + 1;
    book.disbursements.push(MoneyLine {
        id: Uuid::new_v4(),
        seq,
        tranche,
        amount,
        psc,
        reversed: false,
    });
    psc
}

#[test]
fn psc_parts_add_back_exactly_and_the_last_takes_the_remainder() {
    let parts = psc_parts(1_000_001, 130_000, &[333_333, 333_334, 333_334]);
    assert_eq!(parts.iter().sum::<i64>(), 130_000);
    assert_eq!(parts, vec![43_333, 43_333, 43_334]);
    assert_eq!(psc_parts(100, 0, &[50, 50]), vec![0, 0]);
    assert_eq!(psc_parts(100, 13, &[100]), vec![13]);
}

#[test]
fn partial_payments_carry_exactly_their_tranches_psc() {
    let mut book = signed();
    // 130,000 cents of PSC on tranche 1: thirds round down, the last third completes it.
    let a = pay(&mut book, 1, 333_333);
    let b = pay(&mut book, 1, 333_333);
    let c = pay(&mut book, 1, 333_334);
    assert_eq!((a, b, c), (43_333, 43_333, 43_334));
    assert_eq!(a + b + c, book.tranches[0].psc);
    assert_eq!(rule(book.disbursement(1, 1)), Rule::TrancheExceeded);
    assert!(book.broken_invariants().is_empty());
}

#[test]
fn refusals_name_their_rules() {
    let mut none = signed();
    none.tranches.clear();
    assert_eq!(rule(none.disbursement(1, 1)), Rule::NoAgreement);
    let mut book = signed();
    assert_eq!(rule(book.refund(1)), Rule::RefundExceedsPaid);
    pay(&mut book, 1, 500_000);
    pay(&mut book, 1, 100_000);
    let first = book.disbursements[0].id;
    assert_eq!(
        rule(book.may_reverse_disbursement(first)),
        Rule::ReversalOutOfOrder
    );
    let psc = book.refund(600_000).unwrap();
    book.refunds.push(MoneyLine {
        id: Uuid::new_v4(),
        seq: 1,
        tranche: 0,
        amount: 600_000,
        psc,
        reversed: false,
    });
    let last = book.disbursements[1].id;
    assert_eq!(
        rule(book.may_reverse_disbursement(last)),
        Rule::RefundsDependOnDisbursement
    );
    book.closed = true;
    assert_eq!(rule(book.disbursement(2, 1)), Rule::GrantClosed);
}

fn take_refund(book: &mut Book, amount: i64) -> i64 {
    let psc = book.refund(amount).unwrap();
    let seq = book.refunds.len() as i32 + 1;
    book.refunds.push(MoneyLine {
        id: Uuid::new_v4(),
        seq,
        tranche: 0,
        amount,
        psc,
        reversed: false,
    });
    psc
}

/// USD 33,333.33 at 13%: PSC 4,333.33 (4,333.3329 to the cent), a ratio a hair under 13%,
/// in one tranche paid in full.
fn paid_just_under_13_percent() -> Book {
    let mut book = Book::signed_for_tests(3_333_333, 433_333, &[3_333_333], on(1));
    pay(&mut book, 1, 3_333_333);
    book
}

/// 1,000.00 refunded at 13% credits 130.00 of support cost back, not the 129.99 a floor
/// of 4,333.33 × 1,000.00 / 33,333.33 (129.9999…) gives.
#[test]
fn a_refund_credits_the_grants_ratio_rounded_to_the_cent() {
    let mut book = paid_just_under_13_percent();
    assert_eq!(book.refund(100_000).unwrap(), 13_000);
    assert_eq!(take_refund(&mut book, 100_000), 13_000);
    // Credits to date are the ratio of refunds to date: 333.33 + 333.33 + 333.34 more
    // credit 130.00 in all, as one refund of 1,000.00 would.
    let parts: Vec<i64> = [33_333, 33_333, 33_334]
        .into_iter()
        .map(|a| take_refund(&mut book, a))
        .collect();
    assert_eq!(parts.iter().sum::<i64>(), 13_000);
    // Each brings the credits to date to the ratio of the refunds to date.
    assert_eq!(parts, vec![4_333, 4_334, 4_333]);
    assert!(book.broken_invariants().is_empty());
}

#[test]
fn an_exact_half_cent_goes_to_the_even_cent() {
    // 13% of 0.50 is 0.065: 0.06; of 1.50, 0.195: 0.20.
    assert_eq!(psc_credited_through(100_000, 13_000, 50), 6);
    assert_eq!(psc_credited_through(100_000, 13_000, 150), 20);
    assert_eq!(psc_credited_through(100_000, 13_000, 250), 32);
    assert_eq!(psc_credited_through(100_000, 13_000, 0), 0);
    assert_eq!(psc_credited_through(0, 0, 100), 0);
    let mut book = signed();
    pay(&mut book, 1, 1_000);
    assert_eq!(take_refund(&mut book, 50), 6);
    // 0.195 to date: 0.20, of which 0.06 was credited.
    assert_eq!(take_refund(&mut book, 100), 14);
}

/// The whole refund of a grant credits back exactly the PSC it paid, never a cent more.
#[test]
fn credits_never_exceed_the_psc_paid_net_of_earlier_credits() {
    let mut book = paid_just_under_13_percent();
    assert_eq!(take_refund(&mut book, 3_333_333), 433_333);
    assert_eq!(book.refunded().psc, book.paid().psc);
    // A payment of 0.05 carried no PSC (its tranche's share rounded down); its refund,
    // whose 13% is 0.0065, rounds to a cent that was never paid: none is credited.
    let mut book = signed();
    pay(&mut book, 1, 5);
    assert_eq!(book.paid().psc, 0);
    assert_eq!(psc_credited_through(book.award, book.psc, 5), 1);
    assert_eq!(take_refund(&mut book, 5), 0);
}

#[derive(Debug, Clone)]
enum Step {
    Pay { tranche: i32, amount: i64 },
    Refund { amount: i64 },
    ReverseLastPayment { tranche: i32 },
    ReverseAnyPayment { index: usize },
    ReverseLastRefund,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (1..=3i32, 1..=1_200_000i64).prop_map(|(tranche, amount)| Step::Pay { tranche, amount }),
        2 => (1..=900_000i64).prop_map(|amount| Step::Refund { amount }),
        1 => (1..=3i32).prop_map(|tranche| Step::ReverseLastPayment { tranche }),
        1 => (0..8usize).prop_map(|index| Step::ReverseAnyPayment { index }),
        1 => Just(Step::ReverseLastRefund),
    ]
}

proptest! {
    /// Whatever sequence of payments, refunds and reversals is asked for, what the rules
    /// let through keeps every invariant, and a tranche paid in full has carried exactly
    /// its part of the PSC.
    #[test]
    fn any_sequence_keeps_the_invariants(steps in proptest::collection::vec(step(), 1..40)) {
        let mut book = signed();
        for s in steps {
            match s {
                Step::Pay { tranche, amount } => {
                    if let Ok(psc) = book.disbursement(tranche, amount) {
                        let seq = book.disbursements.len() as i32 + 1;
                        book.disbursements.push(MoneyLine { id: Uuid::new_v4(), seq, tranche, amount, psc, reversed: false });
                    }
                }
                Step::Refund { amount } => {
                    if let Ok(psc) = book.refund(amount) {
                        let seq = book.refunds.len() as i32 + 1;
                        book.refunds.push(MoneyLine { id: Uuid::new_v4(), seq, tranche: 0, amount, psc, reversed: false });
                    }
                }
                Step::ReverseLastPayment { tranche } => {
                    let last = book.disbursements.iter().rev()
                        .find(|d| !d.reversed && d.tranche == tranche).map(|d| d.id);
                    if let Some(id) = last {
                        if book.may_reverse_disbursement(id).is_ok() {
                            book.disbursements.iter_mut().filter(|d| d.id == id).for_each(|d| d.reversed = true);
                        }
                    }
                }
                Step::ReverseAnyPayment { index } => {
                    if let Some(id) = book.disbursements.get(index).map(|d| d.id) {
                        if book.may_reverse_disbursement(id).is_ok() {
                            book.disbursements.iter_mut().filter(|d| d.id == id).for_each(|d| d.reversed = true);
                        }
                    }
                }
                Step::ReverseLastRefund => {
                    let last = book.refunds.iter().rev().find(|r| !r.reversed).map(|r| r.id);
                    if let Some(id) = last {
                        prop_assert!(book.may_reverse_refund(id).is_ok());
                        book.refunds.iter_mut().filter(|r| r.id == id).for_each(|r| r.reversed = true);
                    }
                }
            }
            prop_assert_eq!(book.broken_invariants(), vec![]);
            prop_assert!(book.outstanding() >= 0);
            prop_assert!(book.refunded().psc <= book.paid().psc);
            let refunded = book.refunded();
            prop_assert!(refunded.psc <= psc_credited_through(book.award, book.psc, refunded.amount));
            for t in &book.tranches {
                let on = book.paid_on(t.number);
                if on.amount == i128::from(t.amount) {
                    prop_assert_eq!(on.psc, i128::from(t.psc));
                }
            }
        }
    }
}

/// A finance officer reads a refusal in money, in the grant's currency.
#[test]
fn a_refusal_names_amounts_as_money() {
    let detail = |result: Result<i64, AppError>| match result {
        Err(AppError::Rule { detail, .. }) => detail,
        other => panic!("expected a rule, got {other:?}"),
    };
    let mut book = signed();
    assert_eq!(
        detail(book.disbursement(1, 1_000_001)),
        "tranche 1 has 10000.00 USD left to pay of 10000.00 USD; this payment is 10000.01 USD"
    );
    pay(&mut book, 1, 270_000);
    assert_eq!(
        detail(book.refund(2_700_001)),
        "2700.00 USD was paid net of earlier refunds; this refund is 27000.01 USD"
    );
}

#[test]
fn refund_owed_is_received_less_spent_and_written_off_never_below_zero() {
    let mut book = signed();
    assert_eq!(book.refund_owed(0, 0), 0);
    pay(&mut book, 1, 1_000_000);
    pay(&mut book, 2, 1_000_000);
    // 20,000.00 received, 15,000.00 accounted for: 5,000.00 owed.
    assert_eq!(book.refund_owed(1_500_000, 0), 500_000);
    let psc = book.refund(200_000).unwrap();
    book.refunds.push(MoneyLine {
        id: Uuid::new_v4(),
        seq: 1,
        tranche: 0,
        amount: 200_000,
        psc,
        reversed: false,
    });
    assert_eq!(book.refund_owed(1_500_000, 0), 300_000);
    assert_eq!(book.refund_owed(1_500_000, 300_000), 0);
    // Spending beyond what is left received owes nothing, and is not owed to the grantee.
    assert_eq!(book.refund_owed(1_900_000, 0), 0);
    book.refunds[0].reversed = true;
    assert_eq!(book.refund_owed(1_500_000, 0), 500_000);
}

#[test]
fn psc_follows_the_grant_ratio_rounded_half_to_even() {
    assert_eq!(psc_at_ratio(3_000_000, 390_000, 2_500_000), 325_000);
    // 13% of 0.05 is 0.0065: half a cent rounds to the even 0 or 1 cents.
    assert_eq!(psc_at_ratio(100, 13, 5), 1);
    assert_eq!(psc_at_ratio(200, 1, 100), 0);
    assert_eq!(psc_at_ratio(200, 3, 100), 2);
    assert_eq!(psc_at_ratio(0, 0, 100), 0);
}
