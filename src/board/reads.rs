//! What every signed-in user reads of the Board (its seats on a day, the regional groups)
//! and what those who run and check its business read (the appointments' history).

use chrono::NaiveDate;

use super::model;
use super::seats::{self, BoardView};
use super::views::{self, AppointmentView, RegionalGroupView};
use crate::db::{Actor, Cursor, DbConnection, Page, PageRequest};
use crate::domain::AppointmentId;
use crate::error::AppError;

/// The Board on `on` (today if `None`): who sits, which groups are represented and
/// missing, the chair, vacancies, and whose terms end within 90 days.
pub fn show_board(
    conn: &mut DbConnection,
    actor: &Actor,
    on: Option<NaiveDate>,
) -> Result<BoardView, AppError> {
    // Today on the app's clock when the request names no day.
    seats::board_on(conn, on.unwrap_or_else(|| actor.clock.today()))
}

/// The five UN regional groups and their Member States.
pub fn list_regional_groups(
    _conn: &mut DbConnection,
    _actor: &Actor,
) -> Result<Vec<RegionalGroupView>, AppError> {
    Ok(views::regional_groups())
}

/// Every appointment ever made, newest first, as it stands today.
pub fn list_appointments(
    conn: &mut DbConnection,
    actor: &Actor,
    page: PageRequest,
) -> Result<Page<AppointmentView>, AppError> {
    let rows = model::page(conn, page.limit, page.after)?;
    let day = actor.clock.today();
    Ok(Page::from_rows(
        rows,
        page.limit,
        |a| Cursor::new(a.created_at, a.id),
        |a| AppointmentView::on(&a, day),
    ))
}

/// One appointment, as it stands today.
pub fn show_appointment(
    conn: &mut DbConnection,
    actor: &Actor,
    id: AppointmentId,
) -> Result<AppointmentView, AppError> {
    let appointment = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    Ok(AppointmentView::on(&appointment, actor.clock.today()))
}
