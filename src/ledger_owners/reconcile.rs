//! Every owner reconciled against its postings (pure, so it is unit-tested without a
//! database): each receipt against the cash its entries moved and the reversal it
//! records, each contribution against its receipts, each grant against what it says is
//! committed. Sums run in `i128`, which a journal of `i64` cents cannot overflow.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use uuid::Uuid;

use crate::contributions::ReceiptRecord;
use crate::grants::reconcile::GrantCommitment;
use crate::ledger::{violation, Account, Owner, TxRecord, Violation};

/// What one owner's entries add up to, in USD cents.
#[derive(Debug, Default, Clone, Copy)]
struct OwnerSums {
    cash: i128,
    committed: i128,
}

pub fn owners(
    journal: &[TxRecord],
    receipts: &[ReceiptRecord],
    grants: &[GrantCommitment],
) -> Vec<Violation> {
    let mut found = Vec::new();
    let mut by_owner: BTreeMap<Owner, OwnerSums> = BTreeMap::new();
    let mut credited: BTreeMap<Uuid, i128> = BTreeMap::new();
    let mut reversal_of: HashMap<Uuid, Uuid> = HashMap::new();
    let by_id: HashMap<Uuid, &TxRecord> = journal.iter().map(|t| (t.id, t)).collect();
    for t in journal {
        if let Some(original) = t.reverses {
            reversal_of.insert(original, t.id);
        }
        let sums = by_owner.entry(t.owner).or_default();
        for p in &t.postings {
            let usd = i128::from(p.usd.to_minor());
            match p.account {
                Account::Cash => sums.cash += usd,
                Account::CommitmentsOutstanding => sums.committed -= usd,
                Account::Contributions => {
                    *credited.entry(p.party.unwrap_or_default()).or_default() -= usd
                }
                _ => {}
            }
        }
    }
    let known_receipts: BTreeSet<Uuid> = receipts.iter().map(|r| r.receipt).collect();
    let known_grants: BTreeSet<Uuid> = grants.iter().map(|g| g.grant).collect();
    for owner in by_owner.keys() {
        let known = match owner {
            Owner::Receipt(id) => known_receipts.contains(id),
            Owner::Grant(id) => known_grants.contains(id),
        };
        if !known {
            found.push(violation(
                None,
                "owner-unknown",
                format!("ledger entries belong to {owner}, which does not exist"),
            ));
        }
    }
    let mut received: BTreeMap<Uuid, i128> = BTreeMap::new();
    for r in receipts {
        check_receipt(r, &by_id, &reversal_of, &by_owner, &mut found);
        if r.reversal.is_none() {
            *received.entry(r.contribution).or_default() += i128::from(r.usd_minor);
        }
    }
    let parties: BTreeSet<Uuid> = credited.keys().chain(received.keys()).copied().collect();
    for party in parties {
        let in_ledger = credited.get(&party).copied().unwrap_or(0);
        let in_receipts = received.get(&party).copied().unwrap_or(0);
        if in_ledger != in_receipts {
            found.push(violation(None, "contribution-mismatch", format!(
                "contribution {party}: the ledger shows {in_ledger} cents received, its receipts {in_receipts}"
            )));
        }
    }
    for g in grants {
        let in_ledger = by_owner
            .get(&Owner::Grant(g.grant))
            .map_or(0, |s| s.committed);
        if in_ledger != i128::from(g.committed_minor) {
            found.push(violation(
                None,
                "commitment-mismatch",
                format!(
                    "grant {} ({}): the ledger holds {in_ledger} cents committed, the grant {}",
                    g.grant, g.state, g.committed_minor
                ),
            ));
        }
    }
    found
}

fn check_receipt(
    r: &ReceiptRecord,
    by_id: &HashMap<Uuid, &TxRecord>,
    reversal_of: &HashMap<Uuid, Uuid>,
    by_owner: &BTreeMap<Owner, OwnerSums>,
    found: &mut Vec<Violation>,
) {
    let owner = Owner::Receipt(r.receipt);
    if by_id.get(&r.transaction).map(|t| t.owner) != Some(owner) {
        found.push(violation(
            Some(r.transaction),
            "receipt-without-entry",
            format!(
                "receipt {} of contribution {} has no ledger entry of its own",
                r.receipt, r.contribution
            ),
        ));
    }
    let in_ledger = reversal_of.get(&r.transaction).copied();
    if in_ledger != r.reversal {
        found.push(violation(
            Some(r.transaction),
            "receipt-reversal-mismatch",
            format!(
                "receipt {}: the ledger's reversal is {in_ledger:?}, the receipt records {:?}",
                r.receipt, r.reversal
            ),
        ));
    }
    let expected = if r.reversal.is_some() {
        0
    } else {
        i128::from(r.usd_minor)
    };
    let cash = by_owner.get(&owner).map_or(0, |s| s.cash);
    if cash != expected {
        found.push(violation(
            Some(r.transaction),
            "receipt-mismatch",
            format!(
                "receipt {}: its entries moved {cash} cents of cash, the receipt stands for {expected}",
                r.receipt
            ),
        ));
    }
}

#[cfg(test)]
mod tests;
