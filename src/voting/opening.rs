//! Screening, as the Board sees it: an application found eligible goes under review, and
//! each trustee who may vote on it hears that voting is open, in the same transaction.

use crate::applications::{self, ApplicationState, ApplicationView, Screening};
use crate::db::Tx;
use crate::error::AppError;

/// Records the screening result (see `applications::screen`) and, when it opens voting,
/// tells the trustees who may vote.
pub fn screen(tx: &mut Tx, screening: Screening) -> Result<ApplicationView, AppError> {
    let view = applications::screen(tx, screening)?;
    if view.state == ApplicationState::UnderReview {
        super::notices::voting_opened(tx, view.id)?;
    }
    Ok(view)
}
