//! The ledger's pure rules: what makes a transaction valid, how a reversal is built, how
//! balances follow from postings, and the integrity check. No database here, so the
//! property tests can drive them over an in-memory journal.

use std::collections::{BTreeMap, HashMap};

use super::account::{Account, TransactionKind};
use super::owner::Owner;
use super::party::Party;
use super::totals::Totals;
use crate::domain::{Currency, ExchangeRate, LedgerTransactionId, Money};

/// One line of a transaction: an amount on an account (debit positive, credit negative),
/// its USD equivalent, and, for a converted amount, the original amount and rate as memo.
#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    pub account: Account,
    /// The sub-account: the contribution (donor) or grant the line is about, as its
    /// account requires ([`Account::party_kind`]).
    pub party: Option<Party>,
    pub amount: Money,
    pub usd: Money,
    pub original: Option<(Money, ExchangeRate)>,
}

impl Posting {
    /// A line in USD, the Fund's currency (its USD equivalent is itself).
    pub fn usd(account: Account, party: Option<Party>, amount: Money) -> Posting {
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
        if p.party.map(Party::kind) != p.account.party_kind() {
            return Some(format!(
                "posting {line}: a line on {} names {:?}, not the party its account keeps",
                p.account.code(),
                p.party
            ));
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

/// What a transaction does to the Fund's cash, in cents; `None` on overflow (postings
/// are bounded far below it, so only corrupt data gets there).
pub fn cash_delta(postings: &[Posting]) -> Option<i64> {
    postings
        .iter()
        .filter(|p| p.account == Account::Cash)
        .try_fold(0i64, |sum, p| sum.checked_add(p.usd.to_minor()))
}

/// Why a reversal is refused, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReversalRefusal {
    /// The entry is itself a reversal (409).
    IsReversal,
    /// The entry was reversed already (409).
    AlreadyReversed,
}

/// The reversal rule: once only, never of a reversal. (Whether the Fund can afford it is
/// decided on its position after the reversal, in `super::reverse`.)
pub fn reversal_allowed(
    kind: TransactionKind,
    already_reversed: bool,
) -> Result<(), ReversalRefusal> {
    if kind == TransactionKind::Reversal {
        return Err(ReversalRefusal::IsReversal);
    }
    if already_reversed {
        return Err(ReversalRefusal::AlreadyReversed);
    }
    Ok(())
}

/// One recorded transaction, as the check sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct TxRecord {
    pub id: LedgerTransactionId,
    pub seq: i64,
    pub kind: TransactionKind,
    /// The business object the entry belongs to (a reversal: its original's owner).
    pub owner: Owner,
    pub reverses: Option<LedgerTransactionId>,
    pub postings: Vec<Posting>,
}

/// One broken invariant.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Violation {
    #[schema(value_type = Option<uuid::Uuid>)]
    pub transaction_id: Option<LedgerTransactionId>,
    /// The ledger's own: `unbalanced`, `negative-cash`, `reversal-*`, `reversed-twice`,
    /// `reversal-owner`; its running totals: `account-total-mismatch`,
    /// `currency-total-mismatch`; reconciling owners: `receipt-*`, `contribution-mismatch`,
    /// `commitment-mismatch`, `owner-unknown`, `negative-available`; each grant:
    /// `grant-cash-mismatch`, `grant-entry-mismatch`, `grant-entry-unrecorded`,
    /// `grant-reversal-mismatch`, `release-mismatch`, `grant-overpaid`,
    /// `refunds-exceed-paid`, `psc-credited-beyond-ratio`, `schedule-mismatch`,
    /// `tranche-mismatch`, `paid-without-agreement`.
    pub rule: String,
    pub detail: String,
}

pub fn violation(id: Option<LedgerTransactionId>, rule: &str, detail: String) -> Violation {
    Violation {
        transaction_id: id,
        rule: rule.to_string(),
        detail,
    }
}

/// Recomputes everything from the postings (`journal` in posting order) and reports
/// every broken invariant of the ledger itself. (Reconciling each owner against its
/// postings is done above the ledger, in `crate::ledger_owners`.)
pub fn check(journal: &[TxRecord]) -> Vec<Violation> {
    let mut found = Vec::new();
    let by_id: HashMap<LedgerTransactionId, &TxRecord> =
        journal.iter().map(|t| (t.id, t)).collect();
    let mut reversed: HashMap<LedgerTransactionId, LedgerTransactionId> = HashMap::new();
    let mut cash: i64 = 0;
    for t in journal {
        if let Some(why) = unbalanced(&t.postings) {
            found.push(violation(Some(t.id), "unbalanced", why));
        }
        let Some(after) = cash_delta(&t.postings).and_then(|d| cash.checked_add(d)) else {
            found.push(violation(Some(t.id), "unbalanced", "cash overflows".into()));
            continue;
        };
        cash = after;
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
    found
}

fn check_reversal(
    t: &TxRecord,
    by_id: &HashMap<LedgerTransactionId, &TxRecord>,
    reversed: &mut HashMap<LedgerTransactionId, LedgerTransactionId>,
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
            if t.owner != original.owner {
                found.push(violation(
                    Some(t.id),
                    "reversal-owner",
                    format!(
                        "belongs to {}, but undoes an entry of {}",
                        t.owner, original.owner
                    ),
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

/// The running totals as stored against the same totals recomputed from the postings: one
/// `account-total-mismatch` per account and one `currency-total-mismatch` per currency
/// whose stored row differs (a missing row counts as zero).
pub fn totals_mismatches(stored: &Totals, recomputed: &Totals) -> Vec<Violation> {
    let mut found = Vec::new();
    let accounts: std::collections::BTreeSet<Account> = stored
        .accounts
        .keys()
        .chain(recomputed.accounts.keys())
        .copied()
        .collect();
    for account in accounts {
        let kept = stored.accounts.get(&account).copied().unwrap_or_default();
        let real = recomputed
            .accounts
            .get(&account)
            .copied()
            .unwrap_or_default();
        if kept != real {
            found.push(violation(
                None,
                "account-total-mismatch",
                format!(
                    "the running total of {} is {} cents over {} postings; its postings add \
                     up to {} cents over {}",
                    account.code(),
                    kept.usd_minor,
                    kept.postings,
                    real.usd_minor,
                    real.postings
                ),
            ));
        }
    }
    let currencies: std::collections::BTreeSet<Currency> = stored
        .currencies
        .keys()
        .chain(recomputed.currencies.keys())
        .copied()
        .collect();
    for currency in currencies {
        let kept = stored
            .currencies
            .get(&currency)
            .copied()
            .unwrap_or_default();
        let real = recomputed
            .currencies
            .get(&currency)
            .copied()
            .unwrap_or_default();
        if kept != real {
            found.push(violation(
                None,
                "currency-total-mismatch",
                format!(
                    "contributions received in {currency} are kept as {} minor units ({} US \
                     cents) over {} postings; the postings add up to {} ({} US cents) over {}",
                    kept.received_minor,
                    kept.usd_minor,
                    kept.postings,
                    real.received_minor,
                    real.usd_minor,
                    real.postings
                ),
            ));
        }
    }
    found
}
