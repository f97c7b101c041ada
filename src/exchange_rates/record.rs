//! Recording a month's table (finance, as the face declares): checked line by line with
//! each bad field named (`rates[2].from`), then replacing the month's table whole, with
//! its audit event.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::json;

use super::rows::{rows_of, RateRow};
use super::view::{MonthRatesView, RateView};
use crate::audit::Change;
use crate::db::schema::exchange_rates as er;
use crate::db::Tx;
use crate::domain::Month;
use crate::domain::{Currency, ExchangeRate};
use crate::error::AppError;

/// The first month a table may be recorded for: the Fund's (GA resolution 64/293, 30 July
/// 2010); receipts and pledges are not dated before it.
const FIRST_MONTH: (i32, u32) = (2010, 7);

/// One line of a month's table as finance sends it.
#[derive(Debug, Clone)]
pub struct RateLine {
    pub currency: Currency,
    pub rate_to_usd: ExchangeRate,
    /// The day it takes effect; `None` for the 1st of the month.
    pub from: Option<NaiveDate>,
}

/// Replaces `month`'s table with `lines`. 400 naming the field for: no line, USD (always
/// 1), a `from` outside the month, the same currency and day twice, a month before the
/// Fund's or after next month (rates are published ahead of their month, never further).
pub fn record_month(
    tx: &mut Tx,
    month: Month,
    lines: Vec<RateLine>,
) -> Result<MonthRatesView, AppError> {
    let today = tx.now().date();
    let first = NaiveDate::from_ymd_opt(FIRST_MONTH.0, FIRST_MONTH.1, 1).map(Month::of);
    let next_month = Month::of(today).next().unwrap_or(Month::of(today));
    if first.is_some_and(|first| month < first) || month > next_month {
        return Err(AppError::bad_field(
            "month",
            format!(
                "rates are recorded from 2010-07 (the Fund's creation) to {next_month} (next month)"
            ),
        ));
    }
    let rows = check(month, &lines)?;
    let replaced: Vec<RateView> = rows_of(tx.conn(), month)?
        .iter()
        .map(RateView::from)
        .collect();
    diesel::delete(
        er::table
            .filter(er::effective_from.ge(month.first_day()))
            .filter(er::effective_from.le(month.last_day())),
    )
    .execute(tx.conn())?;
    let (recorded_by, recorded_at) = (tx.actor().user_id, tx.now());
    let rows: Vec<RateRow> = rows
        .into_iter()
        .map(|(currency, effective_from, rate_to_usd)| RateRow {
            id: uuid::Uuid::new_v4().to_string(),
            currency,
            effective_from,
            rate_to_usd,
            recorded_by,
            recorded_at,
        })
        .collect();
    // One row at a time: a batch insert has no form common to both backends.
    for row in &rows {
        diesel::insert_into(er::table)
            .values(row)
            .execute(tx.conn())?;
    }
    let view = MonthRatesView {
        month,
        rates: rows_of(tx.conn(), month)?
            .iter()
            .map(RateView::from)
            .collect(),
    };
    tx.audit(Change::new(
        "exchange_rates.recorded",
        "exchange_rates",
        month,
        json!({ "month": month, "rates": view.rates, "replaced": replaced }),
    ))?;
    Ok(view)
}

/// The lines as rows `(currency, from, rate)`, or the first bad field.
fn check(
    month: Month,
    lines: &[RateLine],
) -> Result<Vec<(Currency, NaiveDate, ExchangeRate)>, AppError> {
    if lines.is_empty() {
        return Err(AppError::bad_field(
            "rates",
            "at least one rate: a month's table is replaced whole by what is sent",
        ));
    }
    let mut seen: BTreeMap<(Currency, NaiveDate), usize> = BTreeMap::new();
    let mut rows = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if line.currency == Currency::USD {
            return Err(AppError::bad_field(
                format!("rates[{i}].currency"),
                "USD needs no rate: it is always 1",
            ));
        }
        let from = line.from.unwrap_or(month.first_day());
        if !month.contains(from) {
            return Err(AppError::bad_field(
                format!("rates[{i}].from"),
                format!(
                    "{from} is not in {month}: a rate takes effect within its month ({} to {})",
                    month.first_day(),
                    month.last_day()
                ),
            ));
        }
        if let Some(earlier) = seen.insert((line.currency, from), i) {
            return Err(AppError::bad_field(
                format!("rates[{i}]"),
                format!(
                    "{} from {from} is already given by rates[{earlier}]",
                    line.currency
                ),
            ));
        }
        rows.push((line.currency, from, line.rate_to_usd));
    }
    Ok(rows)
}
