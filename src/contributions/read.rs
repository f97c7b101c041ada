//! Reading contributions (staff, as the faces declare): newest first, and one with its
//! receipts and figures, its pledge valued at the rates in force (see `valuation.rs`).

use chrono::NaiveDate;

use super::model::{self, DonorType};
use super::valuation::PledgeValue;
use super::view::ContributionView;
use crate::db::{Actor, Cursor, DbConnection, Page, PageRequest};
use crate::domain::{ContributionId, Money};
use crate::error::AppError;

/// One page of contributions, newest first.
pub fn list_contributions(
    conn: &mut DbConnection,
    actor: &Actor,
    page: PageRequest,
) -> Result<Page<ContributionView>, AppError> {
    let rows = model::list(conn, page.limit, page.after)?;
    let today = actor.clock.today();
    Page::from_rows(rows, page.limit, |c| Cursor::new(c.created_at, c.id), |c| c)
        .try_map(|c| ContributionView::valued(conn, &c, today))
}

/// One contribution with its receipts and figures; 404 if there is none.
pub fn get_contribution(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ContributionId,
) -> Result<ContributionView, AppError> {
    let found = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    ContributionView::valued(conn, &found, actor.clock.today())
}

/// A pledge and its values in USD (see `valuation.rs`), for the Fund's reports.
#[derive(Debug, Clone)]
pub struct ValuedPledge {
    pub donor_type: DonorType,
    pub donor: String,
    pub pledged: Money,
    pub value: PledgeValue,
}

/// The pledges made from `from` to `to` (both inclusive), each valued at the rates in
/// force on its day and on `today`, its receivable counting every receipt to date.
pub fn pledges_valued(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<ValuedPledge>, AppError> {
    let mut valued = Vec::new();
    for c in model::pledged_between(conn, from, to)? {
        let view = ContributionView::valued(conn, &c, today)?;
        let Some(pledged) = c.pledged else { continue };
        valued.push(ValuedPledge {
            donor_type: c.donor.donor_type,
            donor: c.donor.name,
            pledged,
            value: PledgeValue {
                pledged_rate_to_usd: view.pledged_rate_to_usd,
                pledged_usd: view.pledged_usd,
                receivable: view.receivable,
                rates_missing: view.rates_missing,
            },
        });
    }
    Ok(valued)
}
