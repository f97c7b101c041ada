//! The money rules of an amendment, pure: the programme support cost (PSC) of a changed
//! award, and the tranche schedule revised with it.
//!
//! **Which tranches stay.** Every tranche up to the last one anything stands paid on
//! stays as it is (amount, PSC part, due date): money paid on it carried its PSC, which
//! [`Book::broken_invariants`] holds to the tranche's part. The tranches after it are
//! the unpaid schedule an amendment may revise: their amounts add up to the award less the
//! tranches that stay, and their PSC parts are the PSC left split as [`psc_parts`] does.

use chrono::NaiveDate;

use crate::grants::book::{psc_parts, Book, TrancheLine};

/// How many tranches stay: up to the last one anything stands paid on (0: none).
pub fn kept(book: &Book) -> usize {
    book.tranches
        .iter()
        .rposition(|t| book.paid_on(t.number).amount > 0)
        .map_or(0, |i| i + 1)
}

/// The tranches that stay and their sums `(amount, psc)`.
pub fn kept_sums(book: &Book) -> (i128, i128) {
    book.tranches[..kept(book)]
        .iter()
        .fold((0, 0), |(a, p), t| {
            (a + i128::from(t.amount), p + i128::from(t.psc))
        })
}

/// The schedule with the unpaid tranches replaced by `unpaid` (amount, due date), for an
/// award of `award` with `psc`; `None` when the unpaid amounts do not add up to the award
/// less the tranches that stay, or the PSC left is below zero.
pub fn revised(
    book: &Book,
    unpaid: &[(i64, NaiveDate)],
    award: i64,
    psc: i64,
) -> Option<Vec<TrancheLine>> {
    let k = kept(book);
    let (kept_amount, kept_psc) = kept_sums(book);
    let rest = i128::from(award) - kept_amount;
    let rest_psc = i128::from(psc) - kept_psc;
    let given: i128 = unpaid.iter().map(|(a, _)| i128::from(*a)).sum();
    if given != rest || rest_psc < 0 || (unpaid.is_empty() && rest_psc != 0) {
        return None;
    }
    let amounts: Vec<i64> = unpaid.iter().map(|(a, _)| *a).collect();
    let parts = psc_parts(
        i64::try_from(rest).ok()?,
        i64::try_from(rest_psc).ok()?,
        &amounts,
    );
    let mut lines: Vec<TrancheLine> = book.tranches[..k].to_vec();
    for (i, ((amount, due_on), part)) in unpaid.iter().zip(parts).enumerate() {
        lines.push(TrancheLine {
            number: i32::try_from(k + i + 1).ok()?,
            amount: *amount,
            psc: part,
            due_on: *due_on,
        });
    }
    Some(lines)
}

/// The unpaid tranches as they stand, with the last one taking `delta` (an award change
/// given without a schedule); `None` when there is none or it would not stay above zero.
pub fn last_takes(book: &Book, delta: i64) -> Option<Vec<(i64, NaiveDate)>> {
    let mut unpaid: Vec<(i64, NaiveDate)> = book.tranches[kept(book)..]
        .iter()
        .map(|t| (t.amount, t.due_on))
        .collect();
    let last = unpaid.last_mut()?;
    last.0 = last.0.checked_add(delta).filter(|a| *a > 0)?;
    Some(unpaid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grants::book::MoneyLine;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
    }

    fn book() -> Book {
        let mut book =
            Book::signed_for_tests(3_000_000, 390_000, &[1_500_000, 1_000_000, 500_000], day(1));
        book.disbursements.push(MoneyLine {
            id: uuid::Uuid::new_v4(),
            seq: 1,
            tranche: 1,
            amount: 1_500_000,
            psc: 195_000,
            reversed: false,
        });
        book
    }

    #[test]
    fn paid_tranches_stay_and_the_rest_is_split_anew() {
        let b = book();
        assert_eq!(kept(&b), 1);
        let new = revised(
            &b,
            &[(500_000, day(20)), (500_000, day(25))],
            2_500_000,
            325_000,
        )
        .unwrap();
        assert_eq!(new[0], b.tranches[0]);
        assert_eq!(new.len(), 3);
        assert_eq!(
            (new[1].number, new[1].amount, new[1].psc),
            (2, 500_000, 65_000)
        );
        assert_eq!((new[2].number, new[2].psc), (3, 65_000));
        let sum: i64 = new.iter().map(|t| t.psc).sum();
        assert_eq!(sum, 325_000);
        let mut revised_book = b.clone();
        revised_book.award = 2_500_000;
        revised_book.psc = 325_000;
        revised_book.tranches = new;
        assert!(revised_book.broken_invariants().is_empty());
        // Not adding up to the award less what stays: refused.
        assert!(revised(&b, &[(500_000, day(20))], 2_500_000, 325_000).is_none());
        assert!(revised(&b, &[], 1_500_000, 100_000).is_none());
        assert!(revised(&b, &[], 1_500_000, 195_000).is_some());
    }

    #[test]
    fn without_a_schedule_the_last_unpaid_tranche_takes_the_change() {
        let b = book();
        let unpaid = last_takes(&b, -200_000).unwrap();
        assert_eq!(unpaid, vec![(1_000_000, day(2)), (300_000, day(3))]);
        assert!(last_takes(&b, -500_000).is_none());
    }
}
