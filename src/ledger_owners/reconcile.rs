//! Every owner reconciled against its postings (pure, so it is unit-tested without a
//! database): each receipt against the cash its entries moved and the reversal it
//! records, each contribution against its receipts, each grant against what it says is
//! committed. Sums run in `i128`, which a journal of `i64` cents cannot overflow.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::domain::{ContributionId, GrantId, LedgerTransactionId, ReceiptId};

use crate::contributions::ReceiptRecord;
use crate::grants::reconcile::GrantCommitment;
use crate::ledger::{violation, Account, Owner, Party, TransactionKind, TxRecord, Violation};

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
    let mut credited: BTreeMap<ContributionId, i128> = BTreeMap::new();
    let mut reversal_of: HashMap<LedgerTransactionId, LedgerTransactionId> = HashMap::new();
    let by_id: HashMap<LedgerTransactionId, &TxRecord> =
        journal.iter().map(|t| (t.id, t)).collect();
    for t in journal {
        if let Some(original) = t.reverses {
            reversal_of.insert(original, t.id);
        }
        let sums = by_owner.entry(t.owner).or_default();
        for p in &t.postings {
            let usd = i128::from(p.usd.to_minor());
            match (p.account, p.party) {
                (Account::Cash, _) => sums.cash += usd,
                (Account::CommitmentsOutstanding, _) => sums.committed -= usd,
                (Account::Contributions, Some(Party::Contribution(id))) => {
                    *credited.entry(id).or_default() -= usd
                }
                _ => {}
            }
        }
    }
    let known_receipts: BTreeSet<ReceiptId> = receipts.iter().map(|r| r.receipt).collect();
    let known_grants: BTreeSet<GrantId> = grants.iter().map(|g| g.grant).collect();
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
    let mut received: BTreeMap<ContributionId, i128> = BTreeMap::new();
    for r in receipts {
        check_receipt(r, &by_id, &reversal_of, &by_owner, &mut found);
        if r.reversal.is_none() {
            *received.entry(r.contribution).or_default() += i128::from(r.usd_minor);
        }
    }
    let parties: BTreeSet<ContributionId> =
        credited.keys().chain(received.keys()).copied().collect();
    for party in parties {
        let in_ledger = credited.get(&party).copied().unwrap_or(0);
        let in_receipts = received.get(&party).copied().unwrap_or(0);
        if in_ledger != in_receipts {
            found.push(violation(None, "contribution-mismatch", format!(
                "contribution {party}: the ledger shows {in_ledger} cents received, its receipts {in_receipts}"
            )));
        }
    }
    let mut by_grant: BTreeMap<GrantId, Vec<&TxRecord>> = BTreeMap::new();
    for t in journal {
        if let Owner::Grant(id) = t.owner {
            by_grant.entry(id).or_default().push(t);
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
        let cash = by_owner.get(&Owner::Grant(g.grant)).map_or(0, |s| s.cash);
        if cash != g.cash_minor {
            found.push(violation(
                None,
                "grant-cash-mismatch",
                format!(
                    "grant {}: its entries moved {cash} cents of cash, its payments and refunds {}",
                    g.grant, g.cash_minor
                ),
            ));
        }
        let entries = by_grant.get(&g.grant).map_or(&[][..], Vec::as_slice);
        check_grant(g, entries, &reversal_of, &mut found);
    }
    found
}

/// A grant's payments and refunds against its entries, and its release at closure.
fn check_grant(
    g: &GrantCommitment,
    entries: &[&TxRecord],
    reversal_of: &HashMap<LedgerTransactionId, LedgerTransactionId>,
    found: &mut Vec<Violation>,
) {
    let owner = Owner::Grant(g.grant);
    let by_id: HashMap<LedgerTransactionId, &TxRecord> =
        entries.iter().map(|t| (t.id, *t)).collect();
    for e in &g.entries {
        let matches = by_id
            .get(&e.transaction)
            .is_some_and(|t| t.owner == owner && t.kind == e.kind);
        if !matches {
            found.push(violation(
                Some(e.transaction),
                "grant-entry-mismatch",
                format!(
                    "grant {}: its {} has no {} entry of its own",
                    g.grant,
                    e.kind.code(),
                    e.kind.code()
                ),
            ));
        }
        let in_ledger = reversal_of.get(&e.transaction).copied();
        if in_ledger != e.reversal {
            found.push(violation(
                Some(e.transaction),
                "grant-reversal-mismatch",
                format!(
                    "grant {}: the ledger's reversal is {in_ledger:?}, the grant records {:?}",
                    g.grant, e.reversal
                ),
            ));
        }
    }
    let recorded: BTreeSet<LedgerTransactionId> = g.entries.iter().map(|e| e.transaction).collect();
    for t in entries {
        let payment = matches!(
            t.kind,
            TransactionKind::Disbursement | TransactionKind::Refund | TransactionKind::AwardChange
        );
        if payment && !recorded.contains(&t.id) {
            found.push(violation(
                Some(t.id),
                "grant-entry-unrecorded",
                format!(
                    "grant {}: a {} entry the grant does not record",
                    g.grant,
                    t.kind.code()
                ),
            ));
        }
    }
    let releases: Vec<&&TxRecord> = entries
        .iter()
        .filter(|t| t.kind == TransactionKind::Release)
        .collect();
    let released: i128 = releases
        .iter()
        .flat_map(|t| &t.postings)
        .filter(|p| p.account == Account::CommitmentsOutstanding)
        .map(|p| i128::from(p.usd.to_minor()))
        .sum();
    let once = releases.len() <= 1 && releases.first().map(|t| t.id) == g.release;
    if !once || (g.release.is_some() && !g.closed) || released != g.released_minor {
        found.push(violation(
            None,
            "release-mismatch",
            format!(
                "grant {} ({}): {} release entr(ies) of {released} cents in the ledger; the grant \
                 records {:?} releasing {} cents",
                g.grant,
                g.state,
                releases.len(),
                g.release,
                g.released_minor
            ),
        ));
    }
    for (rule, detail) in &g.broken {
        found.push(violation(
            None,
            rule,
            format!("grant {}: {detail}", g.grant),
        ));
    }
}

fn check_receipt(
    r: &ReceiptRecord,
    by_id: &HashMap<LedgerTransactionId, &TxRecord>,
    reversal_of: &HashMap<LedgerTransactionId, LedgerTransactionId>,
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
