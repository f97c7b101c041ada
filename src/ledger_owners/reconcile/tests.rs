//! Reconciling owners: a sound journal passes; each kind of hole is named.

use super::owners;
use crate::contributions::ReceiptRecord;
use crate::domain::{ContributionId, Currency, GrantId, LedgerTransactionId, Money, ReceiptId};
use crate::grants::reconcile::GrantCommitment;
use crate::ledger::{Account, Owner, Posting, TransactionKind, TxRecord};

fn usd(minor: i64) -> Money {
    Money::from_minor(minor, Currency::USD).unwrap()
}

struct Books {
    journal: Vec<TxRecord>,
    receipts: Vec<ReceiptRecord>,
    grants: Vec<GrantCommitment>,
}

fn entry(
    owner: Owner,
    kind: TransactionKind,
    reverses: Option<LedgerTransactionId>,
    postings: Vec<Posting>,
) -> TxRecord {
    TxRecord {
        id: LedgerTransactionId::new(),
        seq: 0,
        kind,
        owner,
        reverses,
        postings,
    }
}

/// One receipt of 1,000.00 and one grant committing 500.00.
fn books() -> Books {
    let (contribution, receipt, grant) = (ContributionId::new(), ReceiptId::new(), GrantId::new());
    let received = entry(
        Owner::Receipt(receipt),
        TransactionKind::Receipt,
        None,
        vec![
            Posting::usd(Account::Cash, None, usd(100_000)),
            Posting::usd(
                Account::Contributions,
                Some(contribution.into()),
                usd(-100_000),
            ),
        ],
    );
    let committed = entry(
        Owner::Grant(grant),
        TransactionKind::Commitment,
        None,
        vec![
            Posting::usd(Account::GrantCommitments, Some(grant.into()), usd(50_000)),
            Posting::usd(
                Account::CommitmentsOutstanding,
                Some(grant.into()),
                usd(-50_000),
            ),
        ],
    );
    Books {
        receipts: vec![ReceiptRecord {
            receipt,
            contribution,
            transaction: received.id,
            usd_minor: 100_000,
            reversal: None,
        }],
        grants: vec![GrantCommitment {
            grant,
            state: "awarded".into(),
            committed_minor: 50_000,
            cash_minor: 0,
            entries: vec![],
            closed: false,
            release: None,
            released_minor: 0,
            broken: vec![],
        }],
        journal: vec![received, committed],
    }
}

fn rules(b: &Books) -> Vec<String> {
    owners(&b.journal, &b.receipts, &b.grants)
        .into_iter()
        .map(|v| v.rule)
        .collect()
}

#[test]
fn sound_books_reconcile() {
    assert!(rules(&books()).is_empty());
}

#[test]
fn a_commitment_reversed_behind_its_grant_is_named() {
    let mut b = books();
    let original = b.journal[1].clone();
    b.journal.push(entry(
        original.owner,
        TransactionKind::Reversal,
        Some(original.id),
        original.postings.iter().map(Posting::negated).collect(),
    ));
    assert_eq!(rules(&b), vec!["commitment-mismatch"]);
}

#[test]
fn a_receipt_reversed_without_the_receipt_knowing_is_named() {
    let mut b = books();
    let original = b.journal[0].clone();
    let reversal = entry(
        original.owner,
        TransactionKind::Reversal,
        Some(original.id),
        original.postings.iter().map(Posting::negated).collect(),
    );
    b.journal.push(reversal.clone());
    let found = rules(&b);
    assert!(
        found.contains(&"receipt-reversal-mismatch".to_string()),
        "{found:?}"
    );
    assert!(found.contains(&"receipt-mismatch".to_string()), "{found:?}");
    assert!(
        found.contains(&"contribution-mismatch".to_string()),
        "{found:?}"
    );
    // Once the receipt records its reversal, the books agree again.
    b.receipts[0].reversal = Some(reversal.id);
    assert!(rules(&b).is_empty(), "{:?}", rules(&b));
}

#[test]
fn entries_of_unknown_owners_and_receipts_without_entries_are_named() {
    let mut b = books();
    b.grants.clear();
    b.receipts[0].transaction = LedgerTransactionId::new();
    let found = rules(&b);
    assert!(found.contains(&"owner-unknown".to_string()), "{found:?}");
    assert!(
        found.contains(&"receipt-without-entry".to_string()),
        "{found:?}"
    );
}
