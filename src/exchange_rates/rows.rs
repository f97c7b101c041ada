//! Rates as stored, and the two reads every feature uses: a month's table, and the rate
//! in force on a day.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::exchange_rates as er;
use crate::db::DbConnection;
use crate::domain::Month;
use crate::domain::{Currency, ExchangeRate, UserId};
use crate::error::AppError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = er)]
pub(super) struct RateRow {
    pub id: String,
    pub currency: Currency,
    pub effective_from: NaiveDate,
    pub rate_to_usd: ExchangeRate,
    pub recorded_by: Option<UserId>,
    pub recorded_at: NaiveDateTime,
}

/// The rows of `month`'s table, by currency and then by the day each takes effect.
pub(super) fn rows_of(conn: &mut DbConnection, month: Month) -> Result<Vec<RateRow>, AppError> {
    Ok(er::table
        .filter(er::effective_from.ge(month.first_day()))
        .filter(er::effective_from.le(month.last_day()))
        .order((er::currency.asc(), er::effective_from.asc()))
        .select(RateRow::as_select())
        .load(conn)?)
}

/// `month`'s table as `(currency, from, rate)`, by currency and day.
pub fn month_table(
    conn: &mut DbConnection,
    month: Month,
) -> Result<Vec<(Currency, NaiveDate, ExchangeRate)>, AppError> {
    Ok(rows_of(conn, month)?
        .into_iter()
        .map(|r| (r.currency, r.effective_from, r.rate_to_usd))
        .collect())
}

/// The rate of `currency` in force on `on`: the latest row of `on`'s month taking effect
/// on or before it (a month's table never carries into the next); exactly 1 for USD;
/// `None` when the month has no such row.
pub fn in_force(
    conn: &mut DbConnection,
    currency: Currency,
    on: NaiveDate,
) -> Result<Option<ExchangeRate>, AppError> {
    if currency == Currency::USD {
        let one = ExchangeRate::from_decimal(rust_decimal::Decimal::ONE)
            .map_err(|e| AppError::internal(anyhow::anyhow!(e)))?;
        return Ok(Some(one));
    }
    // A month holds a currency's rate and its few revisions: read them all (no LIMIT,
    // which SQLite would prepare again at every bind) and keep the latest.
    let rates: Vec<ExchangeRate> = er::table
        .filter(er::currency.eq(currency))
        .filter(er::effective_from.ge(Month::of(on).first_day()))
        .filter(er::effective_from.le(on))
        .order(er::effective_from.desc())
        .select(er::rate_to_usd)
        .load(conn)?;
    Ok(rates.into_iter().next())
}

/// `month`'s table as clients read it (empty `rates` when none is recorded).
pub fn month_view(
    conn: &mut DbConnection,
    month: Month,
) -> Result<super::view::MonthRatesView, AppError> {
    Ok(super::view::MonthRatesView {
        month,
        rates: rows_of(conn, month)?
            .iter()
            .map(super::view::RateView::from)
            .collect(),
    })
}
