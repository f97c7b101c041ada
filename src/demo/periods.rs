//! The books closed by finance up to the end of last month, in order from the Fund's
//! first period, so the demo shows closed months (`GET /api/v1/ledger/periods`) and a
//! back-dated entry refused. Runs last: every other part dates its money first. A month
//! already closed (the demo loaded before) is left as it is.

use anyhow::Context;

use crate::db::{write_blocking, DbConnection};
use crate::domain::Month;
use crate::domain::Role;
use crate::ledger;

pub fn load(conn: &mut DbConnection) -> anyhow::Result<()> {
    let today = crate::clock::Clock::system().today();
    let current = Month::of(today);
    let Some(earliest) = ledger::earliest_value_date(conn)? else {
        return Ok(());
    };
    let mut next = match ledger::last_closed(conn)? {
        Some(last) => last.next(),
        None => Some(ledger::first_period(conn)?.unwrap_or(Month::of(earliest))),
    };
    while let Some(period) = next.filter(|p| *p < current) {
        let finance = super::money_out::actor(conn, Role::Finance)?;
        write_blocking(conn, finance, |tx| {
            crate::ledger_periods::close_period(tx, period)
        })
        .with_context(|| format!("demo data: closing {period}"))?;
        next = period.next();
    }
    Ok(())
}
