//! The ledger's pure rules: what makes a transaction valid, how a reversal is built, how
//! balances follow from postings, and the integrity check. No database here, so the
//! property tests can drive them over an in-memory journal.

use std::collections::{BTreeMap, HashMap};

use uuid::Uuid;

use super::account::{Account, TransactionKind};
use crate::domain::{Currency, ExchangeRate, Money};

/// One line of a transaction: an amount on an account (debit positive, credit negative),
/// its USD equivalent, and, for a converted amount, the original amount and rate as memo.
#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    pub account: Account,
    /// The sub-account: the contribution (donor) or grant the line is about.
    pub party: Option<Uuid>,
    pub amount: Money,
    pub usd: Money,
    pub original: Option<(Money, ExchangeRate)>,
}

impl Posting {
    /// A line in USD, the Fund's currency (its USD equivalent is itself).
    pub fn usd(account: Account, party: Option<Uuid>, amount: Money) -> Posting {
        Posting {
            account,
            party,
            amount,
            usd: amount,
            original: None,
        }
    }

    /// The same line the other way round: what a reversal posts.
    pub fn negated(&self) -> Posting {
        Posting {
            account: self.account,
            party: self.party,
            amount: -self.amount,
            usd: -self.usd,
            original: self.original.map(|(money, rate)| (-money, rate)),
        }
    }
}

/// Why a set of postings is not a valid transaction; `None` if it is.
pub fn unbalanced(postings: &[Posting]) -> Option<String> {
    if postings.len() < 2 {
        return Some("a transaction needs at least two postings".to_string());
    }
    let mut per_currency: BTreeMap<Currency, i128> = BTreeMap::new();
    let mut usd_total: i128 = 0;
    for (line, p) in postings.iter().enumerate() {
        if p.amount.is_zero() {
            return Some(format!("posting {line} has a zero amount"));
        }
        if p.usd.currency() != Currency::USD {
            return Some(format!(
                "posting {line}: its USD equivalent is in {}",
                p.usd.currency()
            ));
        }
        if p.amount.currency() == Currency::USD && p.amount != p.usd {
            return Some(format!(
                "posting {line}: a USD amount must equal its USD equivalent"
            ));
        }
        *per_currency.entry(p.amount.currency()).or_default() += i128::from(p.amount.to_minor());
        usd_total += i128::from(p.usd.to_minor());
    }
    if let Some((currency, sum)) = per_currency.iter().find(|(_, sum)| **sum != 0) {
        return Some(format!(
            "postings in {currency} add up to {sum} minor units, not zero"
        ));
    }
    if usd_total != 0 {
        return Some(format!(
            "USD equivalents add up to {usd_total} cents, not zero"
        ));
    }
    None
}

/// The postings of the reversal of a transaction: every line negated.
pub fn negate(postings: &[Posting]) -> Vec<Posting> {
    postings.iter().map(Posting::negated).collect()
}

/// What a transaction does to the Fund's cash, in cents.
pub fn cash_delta(postings: &[Posting]) -> i64 {
    postings
        .iter()
        .filter(|p| p.account == Account::Cash)
        .map(|p| p.usd.to_minor())
        .sum()
}

/// Why a reversal is refused, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReversalRefusal {
    /// The entry is itself a reversal (409).
    IsReversal,
    /// The entry was reversed already (409).
    AlreadyReversed,
    /// Cash would go below zero (422 `insufficient-funds`).
    InsufficientFunds,
}

/// The reversal rule: once only, never of a reversal, never into negative cash.
pub fn reversal_allowed(
    kind: TransactionKind,
    already_reversed: bool,
    cash_now: i64,
    original: &[Posting],
) -> Result<(), ReversalRefusal> {
    if kind == TransactionKind::Reversal {
        return Err(ReversalRefusal::IsReversal);
    }
    if already_reversed {
        return Err(ReversalRefusal::AlreadyReversed);
    }
    if cash_now - cash_delta(original) < 0 {
        return Err(ReversalRefusal::InsufficientFunds);
    }
    Ok(())
}

/// One recorded transaction, as the check sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct TxRecord {
    pub id: Uuid,
    pub seq: i64,
    pub kind: TransactionKind,
    pub reverses: Option<Uuid>,
    pub postings: Vec<Posting>,
}

/// A contribution receipt, as the check sees it: which contribution, which entry, how much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    pub contribution: Uuid,
    pub transaction: Uuid,
    pub usd_minor: i64,
}

/// One broken invariant.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Violation {
    pub transaction_id: Option<Uuid>,
    /// `unbalanced`, `negative-cash`, `reversal-*`, `reversed-twice`,
    /// `contribution-mismatch`, `receipt-without-entry`.
    pub rule: String,
    pub detail: String,
}

fn violation(id: Option<Uuid>, rule: &str, detail: String) -> Violation {
    Violation {
        transaction_id: id,
        rule: rule.to_string(),
        detail,
    }
}

/// Recomputes everything from the postings (`journal` in posting order) and reports
/// every broken invariant.
pub fn check(journal: &[TxRecord], receipts: &[ReceiptRecord]) -> Vec<Violation> {
    let mut found = Vec::new();
    let by_id: HashMap<Uuid, &TxRecord> = journal.iter().map(|t| (t.id, t)).collect();
    let mut reversed: HashMap<Uuid, Uuid> = HashMap::new();
    let mut cash: i64 = 0;
    for t in journal {
        if let Some(why) = unbalanced(&t.postings) {
            found.push(violation(Some(t.id), "unbalanced", why));
        }
        cash += cash_delta(&t.postings);
        if cash < 0 {
            found.push(violation(
                Some(t.id),
                "negative-cash",
                format!(
                    "cash is {} after this transaction",
                    Money::from_minor(cash, Currency::USD)
                        .map(|m| m.to_string())
                        .unwrap_or_default()
                ),
            ));
        }
        check_reversal(t, &by_id, &mut reversed, &mut found);
    }
    check_contributions(journal, receipts, &reversed, &by_id, &mut found);
    found
}

fn check_reversal(
    t: &TxRecord,
    by_id: &HashMap<Uuid, &TxRecord>,
    reversed: &mut HashMap<Uuid, Uuid>,
    found: &mut Vec<Violation>,
) {
    let is_reversal = t.kind == TransactionKind::Reversal;
    let Some(original_id) = t.reverses else {
        if is_reversal {
            found.push(violation(
                Some(t.id),
                "reversal-without-original",
                "a reversal must name the entry it undoes".into(),
            ));
        }
        return;
    };
    if !is_reversal {
        found.push(violation(
            Some(t.id),
            "reversal-kind",
            "only a reversal may name an entry it undoes".into(),
        ));
    }
    match by_id.get(&original_id) {
        Some(original) if original.seq < t.seq => {
            if original.kind == TransactionKind::Reversal {
                found.push(violation(
                    Some(t.id),
                    "reversal-of-reversal",
                    format!("reverses {original_id}, itself a reversal"),
                ));
            }
            if t.postings != negate(&original.postings) {
                found.push(violation(
                    Some(t.id),
                    "reversal-mismatch",
                    format!("does not negate {original_id} exactly"),
                ));
            }
        }
        _ => found.push(violation(
            Some(t.id),
            "reversal-of-unknown",
            format!("reverses {original_id}, which is not an earlier entry"),
        )),
    }
    if let Some(first) = reversed.insert(original_id, t.id) {
        found.push(violation(
            Some(t.id),
            "reversed-twice",
            format!("{original_id} was already reversed by {first}"),
        ));
    }
}

fn check_contributions(
    journal: &[TxRecord],
    receipts: &[ReceiptRecord],
    reversed: &HashMap<Uuid, Uuid>,
    by_id: &HashMap<Uuid, &TxRecord>,
    found: &mut Vec<Violation>,
) {
    let mut ledger: BTreeMap<Uuid, i64> = BTreeMap::new();
    for p in journal.iter().flat_map(|t| &t.postings) {
        if p.account == Account::Contributions {
            *ledger.entry(p.party.unwrap_or_default()).or_default() -= p.usd.to_minor();
        }
    }
    let mut recorded: BTreeMap<Uuid, i64> = BTreeMap::new();
    for r in receipts {
        if !by_id.contains_key(&r.transaction) {
            found.push(violation(
                Some(r.transaction),
                "receipt-without-entry",
                format!(
                    "a receipt of contribution {} has no ledger entry",
                    r.contribution
                ),
            ));
        }
        let counted = if reversed.contains_key(&r.transaction) {
            0
        } else {
            r.usd_minor
        };
        *recorded.entry(r.contribution).or_default() += counted;
    }
    let parties: std::collections::BTreeSet<Uuid> =
        ledger.keys().chain(recorded.keys()).copied().collect();
    for party in parties {
        let in_ledger = ledger.get(&party).copied().unwrap_or(0);
        let in_receipts = recorded.get(&party).copied().unwrap_or(0);
        if in_ledger != in_receipts {
            found.push(violation(None, "contribution-mismatch", format!(
                "contribution {party}: the ledger shows {in_ledger} cents received, its receipts {in_receipts}"
            )));
        }
    }
}
