//! A grant's money as plain values, and the pure rules over them: what a disbursement,
//! a refund or a reversal may do, and the programme support cost (PSC) each carries.
//! Loaded inside the write transaction (which holds the write lock), so the rules see
//! every committed change; unit- and property-tested without a database.
//!
//! Amounts are minor units of the grant's currency (USD cents). Sums run in `i128`, which
//! no number of `i64` rows can overflow.
//!
//! **PSC rounding, stated once.** At signature the PSC committed at award is split across
//! the tranches: each tranche's part is its share of the PSC rounded down to the cent, the
//! last tranche takes the remainder ([`psc_parts`]), so the parts add back to the PSC
//! exactly, whatever the Fund's rate says later. A payment on a tranche carries the PSC
//! that brings the tranche's PSC paid to `floor(part × paid / amount)` ([`psc_through`]):
//! partial payments never lose or invent a cent, and a tranche paid in full has paid its
//! part exactly. A refund credits back the grant's own ratio of the refunds to date,
//! rounded half to even to the cent: the PSC credited through refunds totalling
//! `refunded` is `half_even(psc × refunded / award)` ([`psc_credited_through`]), never
//! more than the PSC paid, and each refund carries what brings the credits to date up to
//! it (never more than the PSC paid net of earlier credits). So 1,000.00 refunded at 13%
//! credits 130.00 even when the award's PSC was itself rounded to the cent (a floor of
//! the ratio gave 129.99 there), and the credits of
//! several refunds add to the credit of their sum. Reversals go latest first (per tranche
//! for disbursements), so undoing one restores the state before it.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::{Currency, Money};
use crate::error::{AppError, Rule};

/// One tranche of the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrancheLine {
    pub number: i32,
    pub amount: i64,
    pub psc: i64,
    pub due_on: NaiveDate,
}

/// One disbursement (on `tranche`) or refund (`tranche` 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyLine {
    pub id: Uuid,
    pub seq: i32,
    pub tranche: i32,
    pub amount: i64,
    pub psc: i64,
    pub reversed: bool,
}

/// A grant's money: award and PSC committed, its schedule, what was paid and refunded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    /// The grant's currency: what every amount here counts minor units of, and how a
    /// message shows them.
    pub currency: Currency,
    pub award: i64,
    pub psc: i64,
    pub closed: bool,
    pub tranches: Vec<TrancheLine>,
    pub disbursements: Vec<MoneyLine>,
    pub refunds: Vec<MoneyLine>,
}

/// Amount and PSC standing (net of reversals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sums {
    pub amount: i128,
    pub psc: i128,
}

fn standing<'a>(lines: impl Iterator<Item = &'a MoneyLine>) -> Sums {
    lines
        .filter(|l| !l.reversed)
        .fold(Sums::default(), |s, l| Sums {
            amount: s.amount + i128::from(l.amount),
            psc: s.psc + i128::from(l.psc),
        })
}

fn floor_share(part: i128, of: i128, whole: i128) -> i128 {
    if whole == 0 {
        return 0;
    }
    (part * of).div_euclid(whole)
}

/// `part × of / whole` rounded half to even to the unit (banker's rounding: an exact half
/// goes to the even neighbour, so halves do not drift one way over many refunds); zero
/// when `whole` is zero. For `part`, `of` ≥ 0 and `whole` > 0, as every caller has.
fn half_even_share(part: i128, of: i128, whole: i128) -> i128 {
    if whole <= 0 {
        return 0;
    }
    let product = part * of;
    let (quotient, remainder) = (product.div_euclid(whole), product.rem_euclid(whole));
    match (2 * remainder).cmp(&whole) {
        std::cmp::Ordering::Greater => quotient + 1,
        std::cmp::Ordering::Equal if quotient % 2 != 0 => quotient + 1,
        _ => quotient,
    }
}

/// The PSC of `amount` at the grant's own ratio (`psc / award`), half to even to the
/// cent: what refunds credit back, and what an amended award carries.
pub fn psc_at_ratio(award: i64, psc: i64, amount: i128) -> i128 {
    half_even_share(i128::from(psc), amount, i128::from(award))
}

/// The PSC credited back through refunds totalling `refunded` on a grant of `award` with
/// `psc` committed: the grant's ratio, half to even to the cent.
pub fn psc_credited_through(award: i64, psc: i64, refunded: i128) -> i128 {
    psc_at_ratio(award, psc, refunded)
}

/// Each tranche's part of `psc`: its share rounded down, the last takes the remainder.
pub fn psc_parts(award: i64, psc: i64, amounts: &[i64]) -> Vec<i64> {
    let mut parts: Vec<i64> = Vec::with_capacity(amounts.len());
    let mut given: i128 = 0;
    for (i, amount) in amounts.iter().enumerate() {
        let part = if i + 1 == amounts.len() {
            i128::from(psc) - given
        } else {
            floor_share(i128::from(psc), i128::from(*amount), i128::from(award))
        };
        given += part;
        parts.push(i64::try_from(part).unwrap_or(0));
    }
    parts
}

/// The PSC a tranche has carried once `paid` of it is paid.
pub fn psc_through(tranche: &TrancheLine, paid: i128) -> i128 {
    floor_share(i128::from(tranche.psc), paid, i128::from(tranche.amount))
}

fn to_i64(value: i128) -> Result<i64, AppError> {
    i64::try_from(value)
        .map_err(|_| AppError::internal(anyhow::anyhow!("grant amount out of range: {value}")))
}

impl Book {
    /// `minor` units of the grant's currency as a message shows money (`27000.00 USD`).
    pub fn money(&self, minor: i128) -> String {
        i64::try_from(minor)
            .ok()
            .and_then(|m| Money::from_minor(m, self.currency).ok())
            .map_or_else(
                || format!("{minor} minor units of {}", self.currency),
                |money| money.to_string(),
            )
    }

    pub fn tranche(&self, number: i32) -> Option<&TrancheLine> {
        self.tranches.iter().find(|t| t.number == number)
    }

    pub fn paid_on(&self, number: i32) -> Sums {
        standing(self.disbursements.iter().filter(|d| d.tranche == number))
    }

    pub fn paid(&self) -> Sums {
        standing(self.disbursements.iter())
    }

    pub fn refunded(&self) -> Sums {
        standing(self.refunds.iter())
    }

    /// Award plus PSC not yet paid out, while the grant is open; zero once closed (closure
    /// released it).
    pub fn outstanding(&self) -> i128 {
        if self.closed {
            return 0;
        }
        let paid = self.paid();
        i128::from(self.award) + i128::from(self.psc) - paid.amount - paid.psc
    }

    /// What closure releases: the commitment not paid out.
    pub fn unpaid_commitment(&self) -> i128 {
        let paid = self.paid();
        i128::from(self.award) + i128::from(self.psc) - paid.amount - paid.psc
    }

    /// What the grantee owes back once its commitment is released: what it received
    /// (paid net of refunds) less the spending it accounted for (`spent`) and what was
    /// written off, never below zero (spending beyond it is not the Fund's to repay).
    pub fn refund_owed(&self, spent: i64, written_off: i64) -> i128 {
        let received = self.paid().amount - self.refunded().amount;
        (received - i128::from(spent) - i128::from(written_off)).max(0)
    }

    /// The PSC a payment of `amount` on tranche `number` carries; refuses with the rule.
    pub fn disbursement(&self, number: i32, amount: i64) -> Result<i64, AppError> {
        if self.closed {
            return Err(AppError::rule(
                Rule::GrantClosed,
                "the grant is closed or cancelled: nothing more can be paid on it",
            ));
        }
        if self.tranches.is_empty() {
            return Err(AppError::rule(
                Rule::NoAgreement,
                "no money moves before the grant agreement is signed",
            ));
        }
        let tranche = self.tranche(number).ok_or_else(|| {
            AppError::bad_field(
                "tranche",
                format!(
                    "the agreement has tranches 1 to {}, not {number}",
                    self.tranches.len()
                ),
            )
        })?;
        let paid = self.paid_on(number);
        let left = i128::from(tranche.amount) - paid.amount;
        if i128::from(amount) > left {
            return Err(AppError::rule_on_field(
                Rule::TrancheExceeded,
                "amount",
                format!(
                    "tranche {number} has {} left to pay of {}; this payment is {}",
                    self.money(left),
                    self.money(tranche.amount.into()),
                    self.money(amount.into())
                ),
            ));
        }
        let psc = psc_through(tranche, paid.amount + i128::from(amount)) - paid.psc;
        if psc < 0 {
            return Err(AppError::internal(anyhow::anyhow!(
                "tranche {number}: PSC paid {} is ahead of its share",
                paid.psc
            )));
        }
        to_i64(psc)
    }

    /// The PSC a refund of `amount` credits back; refuses with the rule.
    pub fn refund(&self, amount: i64) -> Result<i64, AppError> {
        let paid = self.paid();
        let refunded = self.refunded();
        let left = paid.amount - refunded.amount;
        if i128::from(amount) > left {
            return Err(AppError::rule_on_field(
                Rule::RefundExceedsPaid,
                "amount",
                format!(
                    "{} was paid net of earlier refunds; this refund is {}",
                    self.money(left),
                    self.money(amount.into())
                ),
            ));
        }
        let through =
            psc_credited_through(self.award, self.psc, refunded.amount + i128::from(amount))
                .min(paid.psc);
        // `through` is at most the PSC paid, so this is at most the PSC paid net of earlier
        // credits.
        to_i64((through - refunded.psc).max(0))
    }

    /// Whether disbursement `id` may be reversed (the ledger checks it was not already).
    pub fn may_reverse_disbursement(&self, id: Uuid) -> Result<&MoneyLine, AppError> {
        let line = self
            .disbursements
            .iter()
            .find(|d| d.id == id)
            .ok_or(AppError::NotFound)?;
        if line.reversed {
            return Err(AppError::conflict("this entry has already been reversed"));
        }
        if self.closed {
            return Err(AppError::rule(
                Rule::GrantClosed,
                "the grant is closed or cancelled: its commitment was released, so its \
                 disbursements stand",
            ));
        }
        let later = self
            .disbursements
            .iter()
            .filter(|d| !d.reversed && d.tranche == line.tranche && d.seq > line.seq)
            .count();
        if later > 0 {
            return Err(AppError::rule(
                Rule::ReversalOutOfOrder,
                format!(
                    "{later} later disbursement(s) on tranche {} stand: reverse them first",
                    line.tranche
                ),
            ));
        }
        let paid = self.paid();
        let refunded = self.refunded();
        if paid.amount - i128::from(line.amount) < refunded.amount
            || paid.psc - i128::from(line.psc) < refunded.psc
        {
            return Err(AppError::rule(
                Rule::RefundsDependOnDisbursement,
                "the refunds recorded on this grant would exceed what stays paid: reverse them first",
            ));
        }
        Ok(line)
    }

    /// Whether refund `id` may be reversed (latest first).
    pub fn may_reverse_refund(&self, id: Uuid) -> Result<&MoneyLine, AppError> {
        let line = self
            .refunds
            .iter()
            .find(|r| r.id == id)
            .ok_or(AppError::NotFound)?;
        if line.reversed {
            return Err(AppError::conflict("this entry has already been reversed"));
        }
        if self.refunds.iter().any(|r| !r.reversed && r.seq > line.seq) {
            return Err(AppError::rule(
                Rule::ReversalOutOfOrder,
                "later refunds on this grant stand: reverse them first",
            ));
        }
        Ok(line)
    }

    /// The invariants the integrity check and the property tests hold the book to; each
    /// broken one as `(rule, detail)`.
    pub fn broken_invariants(&self) -> Vec<(&'static str, String)> {
        let mut found = Vec::new();
        let paid = self.paid();
        let refunded = self.refunded();
        if paid.amount > i128::from(self.award) {
            found.push((
                "grant-overpaid",
                format!("paid {} of an award of {}", paid.amount, self.award),
            ));
        }
        if refunded.amount > paid.amount || refunded.psc > paid.psc {
            found.push((
                "refunds-exceed-paid",
                format!(
                    "refunded {} (PSC {}) of {} paid (PSC {})",
                    refunded.amount, refunded.psc, paid.amount, paid.psc
                ),
            ));
        }
        if refunded.psc > psc_credited_through(self.award, self.psc, refunded.amount) {
            found.push((
                "psc-credited-beyond-ratio",
                format!(
                    "PSC {} credited back on refunds of {}: more than the grant's ratio",
                    refunded.psc, refunded.amount
                ),
            ));
        }
        if !self.tranches.is_empty() {
            let parts: i128 = self.tranches.iter().map(|t| i128::from(t.psc)).sum();
            let amounts: i128 = self.tranches.iter().map(|t| i128::from(t.amount)).sum();
            if parts != i128::from(self.psc) || amounts != i128::from(self.award) {
                found.push((
                    "schedule-mismatch",
                    format!(
                        "tranches add up to {amounts} (PSC {parts}); the award is {} (PSC {})",
                        self.award, self.psc
                    ),
                ));
            }
        }
        for t in &self.tranches {
            let on = self.paid_on(t.number);
            if on.amount > i128::from(t.amount) || on.psc != psc_through(t, on.amount) {
                found.push((
                    "tranche-mismatch",
                    format!(
                        "tranche {}: paid {} with PSC {} of {} with PSC {}",
                        t.number, on.amount, on.psc, t.amount, t.psc
                    ),
                ));
            }
        }
        if self.tranches.is_empty() && !self.disbursements.is_empty() {
            found.push((
                "paid-without-agreement",
                "disbursements recorded without a tranche schedule".to_string(),
            ));
        }
        found
    }
}

/// What the unit tests of grant money start from.
#[cfg(test)]
impl Book {
    /// An open USD grant of `award` with `psc` committed, signed with tranches of
    /// `amounts` (PSC parts as signing splits them) due on consecutive days from
    /// `first_due`, nothing paid or refunded.
    pub(crate) fn signed_for_tests(
        award: i64,
        psc: i64,
        amounts: &[i64],
        first_due: NaiveDate,
    ) -> Book {
        let parts = psc_parts(award, psc, amounts);
        Book {
            currency: Currency::USD,
            award,
            psc,
            closed: false,
            tranches: amounts
                .iter()
                .zip(parts)
                .zip(first_due.iter_days())
                .enumerate()
                .map(|(i, ((amount, psc), due_on))| TrancheLine {
                    number: i32::try_from(i + 1).unwrap(),
                    amount: *amount,
                    psc,
                    due_on,
                })
                .collect(),
            disbursements: vec![],
            refunds: vec![],
        }
    }
}

#[cfg(test)]
mod tests;
