//! Reading contributions (staff, as the faces declare): newest first, and one with its
//! receipts and figures.

use super::model;
use super::view::ContributionView;
use crate::db::{Actor, Cursor, DbConnection, Page, PageRequest};
use crate::domain::ContributionId;
use crate::error::AppError;

/// One page of contributions, newest first.
pub fn list_contributions(
    conn: &mut DbConnection,
    _actor: &Actor,
    page: PageRequest,
) -> Result<Page<ContributionView>, AppError> {
    let rows = model::list(conn, page.limit, page.after)?;
    Ok(Page::from_rows(
        rows,
        page.limit,
        |c| Cursor::new(c.created_at, c.id),
        |c| ContributionView::from(&c),
    ))
}

/// One contribution with its receipts and figures; 404 if there is none.
pub fn get_contribution(
    conn: &mut DbConnection,
    _actor: &Actor,
    id: ContributionId,
) -> Result<ContributionView, AppError> {
    let found = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    Ok(ContributionView::from(&found))
}
