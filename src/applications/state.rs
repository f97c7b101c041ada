//! The application's life (DOMAIN.md): `draft` → `submitted` → `screening` →
//! `ineligible` | `under_review` → `approved` | `rejected` | `reserve_list`; `withdrawn`
//! from any state before a decision; `reserve_list` → `approved` when money comes.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::AppError;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ApplicationState {
    Draft,
    Submitted,
    Screening,
    Ineligible,
    UnderReview,
    Approved,
    Rejected,
    ReserveList,
    Withdrawn,
}

use ApplicationState::*;

impl ApplicationState {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The states a trustee may see: the Board sees an application only once screening
    /// has passed it on.
    pub const BOARD_VISIBLE: [ApplicationState; 4] = [UnderReview, Approved, Rejected, ReserveList];

    pub fn board_visible(self) -> bool {
        Self::BOARD_VISIBLE.contains(&self)
    }
}

crate::stored_as_variant_name!(ApplicationState);

/// Whether an application may move from `from` to `to`. The only source of truth for
/// every state change, whoever asks (applicant, secretariat, the voting feature).
pub fn can_move(from: ApplicationState, to: ApplicationState) -> bool {
    matches!(
        (from, to),
        (Draft, Submitted)
            | (Submitted, Screening)
            | (Screening, Ineligible | UnderReview)
            | (UnderReview, Approved | Rejected | ReserveList)
            | (ReserveList, Approved)
            | (Draft | Submitted | Screening | UnderReview, Withdrawn)
    )
}

/// `can_move` as a result: 409 naming both states when the move is not allowed.
pub fn check_move(from: ApplicationState, to: ApplicationState) -> Result<(), AppError> {
    if can_move(from, to) {
        Ok(())
    } else {
        Err(AppError::conflict(format!(
            "an application that is {} cannot become {}",
            from.as_str(),
            to.as_str()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn the_happy_paths_are_allowed() {
        for (a, b) in [
            (Draft, Submitted),
            (Submitted, Screening),
            (Screening, UnderReview),
            (Screening, Ineligible),
            (UnderReview, Approved),
            (UnderReview, Rejected),
            (UnderReview, ReserveList),
            (ReserveList, Approved),
        ] {
            assert!(can_move(a, b), "{a:?} -> {b:?}");
        }
    }

    #[test]
    fn withdrawal_only_before_a_decision() {
        for &s in ApplicationState::VARIANTS {
            let expected = matches!(s, Draft | Submitted | Screening | UnderReview);
            assert_eq!(can_move(s, Withdrawn), expected, "{s:?}");
        }
    }

    #[test]
    fn decisions_are_final_and_no_state_skips_ahead() {
        for &to in ApplicationState::VARIANTS {
            for from in [Approved, Rejected, Ineligible, Withdrawn] {
                assert!(!can_move(from, to), "{from:?} -> {to:?}");
            }
            assert!(!can_move(to, to), "{to:?} -> itself");
            assert!(!can_move(to, Draft));
        }
        assert!(!can_move(Draft, Screening));
        assert!(!can_move(Submitted, UnderReview));
        assert!(!can_move(Screening, Approved));
        assert!(!can_move(ReserveList, Rejected));
        assert!(check_move(Draft, Approved).is_err());
    }

    #[test]
    fn stored_names_round_trip() {
        for &s in ApplicationState::VARIANTS {
            use crate::db::StoredText;
            assert_eq!(ApplicationState::from_stored(&s.to_stored()).unwrap(), s);
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }
}
