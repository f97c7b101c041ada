//! Reading reports: a grant's reports, and one report, as [`super::access`] allows.

use super::access::{check_visible, read_scope};
use super::grant;
use super::model::{self, ReportView};
use crate::db::{Actor, DbConnection, Page, PageRequest};
use crate::domain::{GrantId, GrantReportId};
use crate::error::AppError;

/// A page of one grant's reports, newest first.
#[derive(Debug, Clone)]
pub struct ListReports {
    pub grant: GrantId,
    pub page: PageRequest,
}

/// A grant's reports, newest first, every version (returned ones included).
pub fn list_reports(
    conn: &mut DbConnection,
    actor: &Actor,
    query: ListReports,
) -> Result<Page<ReportView>, AppError> {
    let scope = read_scope(actor)?;
    let grant = grant::find(conn, query.grant, actor.clock.today())?.ok_or(AppError::NotFound)?;
    check_visible(scope, grant.organization_id)?;
    model::list(conn, query.grant, query.page)
}

/// One report.
pub fn show_report(
    conn: &mut DbConnection,
    actor: &Actor,
    id: GrantReportId,
) -> Result<ReportView, AppError> {
    let scope = read_scope(actor)?;
    let row = model::find_row(conn, id)?.ok_or(AppError::NotFound)?;
    check_visible(scope, row.organization_id)?;
    model::view(conn, row)
}
