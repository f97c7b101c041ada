//! Reading the journal: a page of entries, newest first, and one entry (the ledger's
//! readers, as its faces declare).

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::account::{Account, TransactionKind};
use super::store::{self, JournalFilter};
use super::view::TransactionView;
use crate::db::{Actor, Cursor, DbConnection, Page};
use crate::domain::LedgerTransactionId;
use crate::error::AppError;

/// Which entries to list: each `None` leaves that filter out.
#[derive(Debug, Clone, Default)]
pub struct JournalQuery {
    /// Entries booked on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Entries booked on or before this day (UTC); not before `from`.
    pub to: Option<NaiveDate>,
    pub account: Option<Account>,
    pub kind: Option<TransactionKind>,
    /// Already within the service's page bounds.
    pub limit: i64,
    /// `next_cursor` of the previous page.
    pub after: Option<Cursor>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JournalPage {
    pub items: Vec<TransactionView>,
    pub next_cursor: Option<String>,
}

/// The journal, newest first. A cursor is the sequence number of the last entry seen,
/// so pages stay stable while entries are appended.
pub fn list_journal(
    conn: &mut DbConnection,
    _actor: &Actor,
    query: JournalQuery,
) -> Result<JournalPage, AppError> {
    let before_seq = query
        .after
        .map(|c| {
            c.id.parse::<i64>()
                .map_err(|_| AppError::bad_field("cursor", "not a cursor this service returned"))
        })
        .transpose()?;
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if from > to {
            return Err(AppError::bad_field("to", "must not be before `from`"));
        }
    }
    let filter = JournalFilter {
        from: query.from.and_then(|d| d.and_hms_opt(0, 0, 0)),
        until: query
            .to
            .and_then(|d| d.succ_opt())
            .and_then(|d| d.and_hms_opt(0, 0, 0)),
        account: query.account,
        kind: query.kind,
        before_seq,
    };
    let rows = store::list(conn, filter, query.limit)?;
    let page = Page::from_rows(
        rows,
        query.limit,
        |e| Cursor::new(e.created_at, e.record.seq),
        |e| TransactionView::from(&e),
    );
    Ok(JournalPage {
        items: page.items,
        next_cursor: page.next_cursor,
    })
}

/// One entry; 404 if there is none with this id.
pub fn get_transaction(
    conn: &mut DbConnection,
    _actor: &Actor,
    id: LedgerTransactionId,
) -> Result<TransactionView, AppError> {
    super::find(conn, id)?.ok_or(AppError::NotFound)
}
