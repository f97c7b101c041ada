//! The categories the reports break figures down by, in a fixed order (the order of the
//! lists in DOMAIN.md), and reading them back from the text the database holds.

use serde::de::DeserializeOwned;

use crate::calls::{AgeGroup, AidType, Exploitation, Sex};
use crate::error::AppError;

pub const EXPLOITATION: [Exploitation; 9] = [
    Exploitation::SexualExploitation,
    Exploitation::ForcedLabour,
    Exploitation::Slavery,
    Exploitation::Servitude,
    Exploitation::OrganRemoval,
    Exploitation::ForcedBegging,
    Exploitation::ForcedCriminality,
    Exploitation::ForcedMarriage,
    Exploitation::Other,
];

pub const AID_TYPES: [AidType; 3] = [AidType::Humanitarian, AidType::Legal, AidType::Financial];

pub const SEXES: [Sex; 3] = [Sex::Female, Sex::Male, Sex::Other];

pub const AGE_GROUPS: [AgeGroup; 2] = [AgeGroup::Child, AgeGroup::Adult];

/// Where `item` stands in `all` (its place in the report).
pub fn index_of<T: PartialEq>(all: &[T], item: &T) -> Result<usize, AppError> {
    all.iter()
        .position(|x| x == item)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("a category missing from its list")))
}

/// A category stored as its wire name (`forced_labour`).
pub fn parse_name<T: DeserializeOwned>(name: &str) -> Result<T, AppError> {
    crate::db::stored(
        "category",
        serde_json::from_value(serde_json::Value::String(name.to_string())),
    )
}

/// A JSON list stored in a TEXT column.
pub fn parse_list<T: DeserializeOwned>(text: &str) -> Result<Vec<T>, AppError> {
    crate::calls::from_json_text(text)
}

/// `amount` (minor units, not negative) split equally among `parts` parts, to the unit:
/// each part gets the amount divided by `parts` rounded down, and the units still missing
/// go one each to the first parts (the largest-remainder rule, whose remainders are all
/// equal here, earlier parts first on a tie). The parts always add up to `amount`.
pub fn split_equally(amount: i64, parts: usize) -> Vec<i64> {
    let Ok(n) = i64::try_from(parts) else {
        return Vec::new();
    };
    if n == 0 {
        return Vec::new();
    }
    let (base, rest) = (amount.div_euclid(n), amount.rem_euclid(n));
    (0..n).map(|i| base + i64::from(i < rest)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_equal_split_adds_up_to_the_cent() {
        assert_eq!(split_equally(100, 3), [34, 33, 33]);
        assert_eq!(split_equally(2, 3), [1, 1, 0]);
        assert_eq!(split_equally(90, 3), [30, 30, 30]);
        assert_eq!(split_equally(7, 1), [7]);
        assert!(split_equally(7, 0).is_empty());
        for (amount, parts) in [(1_000_001, 7), (5, 9), (0, 4)] {
            assert_eq!(split_equally(amount, parts).iter().sum::<i64>(), amount);
        }
    }

    #[test]
    fn names_read_back() {
        let f: Exploitation = parse_name("forced_labour").unwrap();
        assert_eq!(f, Exploitation::ForcedLabour);
        assert!(parse_name::<Sex>("unknown").is_err());
    }
}
