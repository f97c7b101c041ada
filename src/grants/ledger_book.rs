//! Loading a grant's [`Book`] (its schedule, disbursements and refunds) from the tables.

use diesel::prelude::*;

use super::book::{Book, MoneyLine, TrancheLine};
use super::model::GrantRow;
use super::rows::{DisbursementRow, RefundRow};
use crate::db::schema::{grant_disbursements as gd, grant_refunds as gr};
use crate::db::DbConnection;
use crate::domain::GrantId;
use crate::error::AppError;

pub fn disbursements(
    conn: &mut DbConnection,
    grant: GrantId,
) -> Result<Vec<DisbursementRow>, AppError> {
    Ok(gd::table
        .filter(gd::grant_id.eq(grant))
        .order(gd::seq.asc())
        .select(DisbursementRow::as_select())
        .load(conn)?)
}

pub fn refunds(conn: &mut DbConnection, grant: GrantId) -> Result<Vec<RefundRow>, AppError> {
    Ok(gr::table
        .filter(gr::grant_id.eq(grant))
        .order(gr::seq.asc())
        .select(RefundRow::as_select())
        .load(conn)?)
}

pub fn disbursement_line(d: &DisbursementRow) -> MoneyLine {
    MoneyLine {
        id: d.id.as_uuid(),
        seq: d.seq,
        tranche: d.tranche,
        amount: d.amount_minor,
        psc: d.psc_minor,
        reversed: d.reversal_transaction_id.is_some(),
    }
}

pub fn refund_line(r: &RefundRow) -> MoneyLine {
    MoneyLine {
        id: r.id.as_uuid(),
        seq: r.seq,
        tranche: 0,
        amount: r.amount_minor,
        psc: r.psc_minor,
        reversed: r.reversal_transaction_id.is_some(),
    }
}

/// Everything the rules need about one grant's money.
pub struct Loaded {
    pub book: Book,
    pub tranches: Vec<super::rows::TrancheRow>,
    pub disbursements: Vec<DisbursementRow>,
    pub refunds: Vec<RefundRow>,
}

pub fn load(conn: &mut DbConnection, grant: &GrantRow) -> Result<Loaded, AppError> {
    let tranches = super::agreement::tranches(conn, grant.id)?;
    let disbursements = disbursements(conn, grant.id)?;
    let refunds = refunds(conn, grant.id)?;
    let book = Book {
        currency: grant.currency,
        award: grant.award_minor,
        psc: grant.psc_minor,
        closed: !grant.state.is_open(),
        tranches: tranches
            .iter()
            .map(|t| TrancheLine {
                number: t.number,
                amount: t.amount_minor,
                psc: t.psc_minor,
                due_on: t.due_on,
            })
            .collect(),
        disbursements: disbursements.iter().map(disbursement_line).collect(),
        refunds: refunds.iter().map(refund_line).collect(),
    };
    Ok(Loaded {
        book,
        tranches,
        disbursements,
        refunds,
    })
}
