//! Shares of a total as exact decimal strings that add up.
//!
//! A share is a fraction of the total (`"0.2500"` is a quarter) with four decimal places,
//! rounded by the largest-remainder method: every part first gets its share rounded down
//! to the ten-thousandth, then the ten-thousandths still missing from `1.0000` go one each
//! to the parts with the largest remainders (earlier parts first on a tie). So each share
//! is within 0.0001 of the exact fraction and the shares of a total always add up to
//! exactly `1.0000` (or are all `0.0000` when the total is zero).

use rust_decimal::Decimal;

/// Decimal places of a share.
pub const SHARE_SCALE: u32 = 4;

/// How shares are rounded, stated in every report that has them.
pub const SHARE_ROUNDING: &str = "Shares are fractions of the column's total with 4 decimal \
places, rounded by the largest-remainder method: each is rounded down, then the \
ten-thousandths missing from 1.0000 go to the largest remainders, so every share is within \
0.0001 of the exact fraction and the shares of one list add up to exactly 1.0000.";

/// The shares of `parts` (non-negative amounts in minor units) in their sum.
pub fn shares(parts: &[i64]) -> Vec<Decimal> {
    let unit: i128 = 10_i128.pow(SHARE_SCALE);
    let total: i128 = parts.iter().map(|&p| i128::from(p.max(0))).sum();
    if total == 0 {
        return vec![Decimal::new(0, SHARE_SCALE); parts.len()];
    }
    let mut floors: Vec<i128> = Vec::with_capacity(parts.len());
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(parts.len());
    for (index, &part) in parts.iter().enumerate() {
        let scaled = i128::from(part.max(0)) * unit;
        floors.push(scaled / total);
        remainders.push((scaled % total, index));
    }
    let missing = unit - floors.iter().sum::<i128>();
    // Largest remainder first; the earlier part first on a tie (stable sort).
    remainders.sort_by_key(|&(remainder, _)| std::cmp::Reverse(remainder));
    for &(_, index) in remainders
        .iter()
        .take(usize::try_from(missing).unwrap_or(0))
    {
        floors[index] += 1;
    }
    floors
        .into_iter()
        .map(|units| Decimal::from_i128_with_scale(units, SHARE_SCALE))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(parts: &[i64]) -> Vec<String> {
        shares(parts).iter().map(Decimal::to_string).collect()
    }

    #[test]
    fn thirds_add_up_to_one() {
        assert_eq!(text(&[1, 1, 1]), ["0.3334", "0.3333", "0.3333"]);
    }

    #[test]
    fn exact_shares_stay_exact() {
        assert_eq!(text(&[25, 75]), ["0.2500", "0.7500"]);
        assert_eq!(text(&[5, 0]), ["1.0000", "0.0000"]);
    }

    #[test]
    fn a_zero_total_has_zero_shares() {
        assert_eq!(text(&[0, 0]), ["0.0000", "0.0000"]);
        assert!(text(&[]).is_empty());
    }

    #[test]
    fn shares_always_add_up_and_stay_within_a_unit() {
        let parts = [1_234_567, 7, 99_999_999, 3, 3, 3, 50_000];
        let s = shares(&parts);
        assert_eq!(s.iter().sum::<Decimal>(), Decimal::ONE);
        let total: i64 = parts.iter().sum();
        for (part, share) in parts.iter().zip(&s) {
            let exact = Decimal::from(*part) / Decimal::from(total);
            assert!((exact - share).abs() < Decimal::new(1, 4));
        }
    }
}
