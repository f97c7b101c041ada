//! Sums the database computes for the reports. Every sum is cast to text in SQL (a
//! PostgreSQL `SUM(bigint)` is `numeric`, SQLite's an integer: text reads the same from
//! both) and checked back into `i64` minor units here.

use crate::domain::csv_cell::Cell;
use crate::domain::{Currency, Money};
use crate::error::AppError;

pub fn minor(text: Option<String>) -> Result<i64, AppError> {
    match text {
        None => Ok(0),
        Some(text) => text.trim().parse::<i64>().map_err(|e| {
            AppError::internal(anyhow::Error::new(e).context(format!("sum {text:?}")))
        }),
    }
}

pub fn money(minor: i64, currency: Currency) -> Result<Money, AppError> {
    Money::from_minor(minor, currency).map_err(AppError::internal)
}

pub fn usd(minor: i64) -> Result<Money, AppError> {
    money(minor, Currency::USD)
}

pub fn add(a: i64, b: i64) -> Result<i64, AppError> {
    a.checked_add(b)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("report sum overflows")))
}

pub fn sub(a: i64, b: i64) -> Result<i64, AppError> {
    a.checked_sub(b)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("report sum overflows")))
}

/// A money amount as a CSV cell: the same decimal string as the JSON `amount`, a value
/// the service writes (a negative amount stays a number a spreadsheet sums).
pub fn cell(money: &Money) -> Cell {
    Cell::value(money.amount())
}
