//! Keyset pagination, newest first: `?limit=&cursor=` in, `next_cursor` out. A cursor is
//! the position of the last item returned (its time and id), so pages stay stable while
//! new rows arrive.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::AppError;

/// The bounds of `limit`; the OpenAPI document states them for every list
/// (`super::contract`).
pub const MIN_LIMIT: i64 = 1;
pub const MAX_LIMIT: i64 = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// How many items to return (1 to 200, default 50).
    pub limit: Option<i64>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
}

impl PageParams {
    pub fn limit(&self) -> Result<i64, AppError> {
        match self.limit {
            None => Ok(50),
            Some(n) if (MIN_LIMIT..=MAX_LIMIT).contains(&n) => Ok(n),
            Some(_) => Err(AppError::bad_field("limit", "must be between 1 and 200")),
        }
    }

    pub fn cursor(&self) -> Result<Option<Cursor>, AppError> {
        self.cursor.as_deref().map(Cursor::parse).transpose()
    }
}

/// A position in a list ordered by (time, id), both descending.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub at: NaiveDateTime,
    pub id: String,
}

impl Cursor {
    pub fn encode(at: NaiveDateTime, id: &str) -> String {
        format!("{}_{}", at.and_utc().timestamp_micros(), id)
    }

    pub fn parse(text: &str) -> Result<Cursor, AppError> {
        let bad = || AppError::bad_field("cursor", "not a cursor this service returned");
        let (micros, id) = text.split_once('_').ok_or_else(bad)?;
        let micros: i64 = micros.parse().map_err(|_| bad())?;
        let at = chrono::DateTime::from_timestamp_micros(micros)
            .ok_or_else(bad)?
            .naive_utc();
        // Only times the service can have written: PostgreSQL refuses far-away years.
        crate::domain::storable_date(at.date()).map_err(|_| bad())?;
        if id.is_empty()
            || id.len() > 64
            || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(bad());
        }
        Ok(Cursor {
            at,
            id: id.to_string(),
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from `limit + 1` rows fetched newest first: the extra row only tells
    /// that another page exists. `position` gives a row's (time, id).
    pub fn from_rows<R>(
        mut rows: Vec<R>,
        limit: i64,
        position: impl Fn(&R) -> (NaiveDateTime, String),
        to_item: impl FnMut(R) -> T,
    ) -> Page<T> {
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        let next_cursor = if more {
            rows.last().map(|row| {
                let (at, id) = position(row);
                Cursor::encode(at, &id)
            })
        } else {
            None
        };
        Page {
            items: rows.into_iter().map(to_item).collect(),
            next_cursor,
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}
