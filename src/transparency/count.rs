//! Counts of people as the Fund publishes them: a small count could single out a victim
//! (three girls helped in one country in one year), so no count from 1 to 4 is ever shown.
//!
//! The rule, applied to each list of cells that adds up to a published total:
//! 1. a cell from 1 to 4 is `fewer_than_5` (zero is shown: it names nobody);
//! 2. if exactly one cell of the list is hidden, the smallest other cell above zero is
//!    `withheld` too (the first in the list's order on a tie), so that the total less the
//!    cells shown never equals a hidden cell;
//! 3. the total is itself a count under rule 1 (a list whose only non-zero cell is hidden
//!    has a total equal to it, which is then below 5 and hidden as well).
//!
//! Counts are serialised as a number when shown, else as the string `"fewer_than_5"` or
//! `"withheld"` (the same words in CSV).

use serde::{Serialize, Serializer};
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// The smallest count shown as it is (other than zero).
pub const SMALLEST_SHOWN: i64 = 5;

/// A published count of people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Exact(i64),
    /// From 1 to 4 people.
    FewerThan5,
    /// 5 or more, hidden so that a count below 5 beside it cannot be worked out.
    Withheld,
}

impl Count {
    /// A count on its own (rule 1).
    pub fn of(n: i64) -> Count {
        if (1..SMALLEST_SHOWN).contains(&n) {
            Count::FewerThan5
        } else {
            Count::Exact(n)
        }
    }

    /// The word or number a CSV cell or a page shows.
    pub fn text(self) -> String {
        match self {
            Count::Exact(n) => n.to_string(),
            Count::FewerThan5 => "fewer_than_5".to_string(),
            Count::Withheld => "withheld".to_string(),
        }
    }

    pub fn exact(self) -> Option<i64> {
        match self {
            Count::Exact(n) => Some(n),
            Count::FewerThan5 | Count::Withheld => None,
        }
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Count::Exact(n) => s.serialize_i64(*n),
            Count::FewerThan5 => s.serialize_str("fewer_than_5"),
            Count::Withheld => s.serialize_str("withheld"),
        }
    }
}

impl utoipa::PartialSchema for Count {
    fn schema() -> RefOr<Schema> {
        OneOfBuilder::new()
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(0))
                    .description(Some("The count, 0 or 5 and more")),
            )
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(["fewer_than_5", "withheld"]))
                    .description(Some(
                        "From 1 to 4 people; or a count withheld so that such a count cannot be worked out",
                    )),
            )
            .into()
    }
}

impl utoipa::ToSchema for Count {}

/// The cells of a list adding up to a published total, under rules 1 and 2.
pub fn suppress(cells: &[i64]) -> Vec<Count> {
    let mut out: Vec<Count> = cells.iter().map(|&n| Count::of(n)).collect();
    let hidden = out.iter().filter(|c| c.exact().is_none()).count();
    if hidden == 1 {
        let smallest = cells
            .iter()
            .enumerate()
            .filter(|&(at, &n)| n > 0 && out[at].exact().is_some())
            .min_by_key(|&(at, &n)| (n, at))
            .map(|(at, _)| at);
        if let Some(at) = smallest {
            out[at] = Count::Withheld;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_hidden_and_zero_is_shown() {
        assert_eq!(Count::of(0), Count::Exact(0));
        assert_eq!(Count::of(1), Count::FewerThan5);
        assert_eq!(Count::of(4), Count::FewerThan5);
        assert_eq!(Count::of(5), Count::Exact(5));
    }

    #[test]
    fn one_hidden_cell_hides_the_smallest_other_so_the_total_reveals_nothing() {
        // Total 30: shown alone, 3 would be 30 − 12 − 15.
        let cells = suppress(&[12, 3, 15, 0]);
        assert_eq!(
            cells,
            vec![
                Count::Withheld,
                Count::FewerThan5,
                Count::Exact(15),
                Count::Exact(0)
            ]
        );
        let shown: i64 = cells.iter().filter_map(|c| c.exact()).sum();
        // What the total less the cells shown leaves is the sum of two hidden cells.
        assert_eq!(30 - shown, 12 + 3);
    }

    #[test]
    fn two_hidden_cells_need_nothing_more() {
        assert_eq!(
            suppress(&[2, 3, 20]),
            vec![Count::FewerThan5, Count::FewerThan5, Count::Exact(20)]
        );
    }

    #[test]
    fn a_lone_small_cell_leaves_a_total_that_is_hidden_too() {
        assert_eq!(
            suppress(&[0, 3, 0]),
            vec![Count::Exact(0), Count::FewerThan5, Count::Exact(0)]
        );
        assert_eq!(Count::of(3), Count::FewerThan5);
    }

    #[test]
    fn serialised_as_a_number_or_a_word() {
        let json =
            serde_json::to_string(&[Count::Exact(7), Count::FewerThan5, Count::Withheld]).unwrap();
        assert_eq!(json, r#"[7,"fewer_than_5","withheld"]"#);
    }
}
