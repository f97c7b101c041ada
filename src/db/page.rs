//! Keyset pagination, newest first: the one way every list pages.
//!
//! A [`Cursor`] is the position of the last item of a page (its time and its id), so pages
//! stay stable while new rows arrive and no page costs more than its own rows. Its text
//! form is opaque to clients (`<microseconds>_<id>`) and is the only form any list issues
//! or accepts; the OpenAPI document publishes its pattern (`CURSOR_PATTERN`).
//!
//! A list asks for `limit + 1` rows with [`newest_first!`]; [`Page::from_rows`] keeps
//! `limit` of them and turns the extra one into "there is a next page".

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// The pattern of every cursor this service issues (checked in the OpenAPI document and
/// by `Cursor::parse`).
pub const CURSOR_PATTERN: &str = "^-?[0-9]{1,19}_[0-9A-Za-z-]{1,64}$";

/// Why a cursor was refused: it is not one the service issued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a cursor this service returned")]
pub struct BadCursor;

/// A position in a list ordered by (time, id), both descending. The id is the row's text
/// key (a UUID, or a sequence number for the audit trail).
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub at: NaiveDateTime,
    pub id: String,
}

impl Cursor {
    pub fn new(at: NaiveDateTime, id: impl ToString) -> Cursor {
        Cursor {
            at,
            id: id.to_string(),
        }
    }

    pub fn encode(&self) -> String {
        format!("{}_{}", self.at.and_utc().timestamp_micros(), self.id)
    }

    pub fn parse(text: &str) -> Result<Cursor, BadCursor> {
        let (micros, id) = text.split_once('_').ok_or(BadCursor)?;
        let micros: i64 = micros.parse().map_err(|_| BadCursor)?;
        let at = chrono::DateTime::from_timestamp_micros(micros)
            .ok_or(BadCursor)?
            .naive_utc();
        // Only times the service can have written: PostgreSQL refuses far-away years.
        crate::domain::storable_date(at.date()).map_err(|_| BadCursor)?;
        if id.is_empty()
            || id.len() > 64
            || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(BadCursor);
        }
        Ok(Cursor::new(at, id))
    }

    /// The id read as another key type (e.g. the audit trail's sequence number).
    pub fn id_as<K: std::str::FromStr>(&self) -> Result<K, BadCursor> {
        self.id.parse().map_err(|_| BadCursor)
    }
}

/// What a caller asked for: at most `limit` items after `after` (from the start if none).
#[derive(Debug, Clone, PartialEq)]
pub struct PageRequest {
    pub limit: i64,
    pub after: Option<Cursor>,
}

impl PageRequest {
    /// Rows to fetch: one more than the page holds, to learn whether another page exists.
    pub fn fetch(&self) -> i64 {
        self.limit.saturating_add(1)
    }
}

/// Filters a boxed query to the rows after `request.after`, orders it newest first by
/// `(at, id)` and limits it to `request.fetch()` rows. `at` and `id` are columns of the
/// listed table; `id` is a text column.
///
/// ```ignore
/// let rows = newest_first!(calls::table.into_boxed(), request, calls::created_at, calls::id)
///     .select(CallRow::as_select())
///     .load(conn)?;
/// ```
#[macro_export]
macro_rules! newest_first {
    ($query:expr, $request:expr, $at:expr, $id:expr) => {{
        let request: &$crate::db::PageRequest = &$request;
        let mut query = $query;
        if let Some(after) = &request.after {
            query = query.filter(
                $at.lt(after.at)
                    .or($at.eq(after.at).and($id.lt(after.id.clone()))),
            );
        }
        query.order(($at.desc(), $id.desc())).limit(request.fetch())
    }};
}

/// One page of a list, newest first. Documented in the OpenAPI under the item's page name
/// (`CallPage`, `UserPage`, …): see `crate::http::pagination`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from `limit + 1` rows fetched newest first: the extra row only tells
    /// that another page exists. `position` gives a row's cursor.
    pub fn from_rows<R>(
        mut rows: Vec<R>,
        limit: i64,
        position: impl Fn(&R) -> Cursor,
        to_item: impl FnMut(R) -> T,
    ) -> Page<T> {
        let limit = usize::try_from(limit).unwrap_or(0);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next_cursor = if more {
            rows.last().map(|row| position(row).encode())
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

    /// Fallible `map`: the first error wins.
    pub fn try_map<U, E>(self, f: impl FnMut(T) -> Result<U, E>) -> Result<Page<U>, E> {
        Ok(Page {
            items: self.items.into_iter().map(f).collect::<Result<_, E>>()?,
            next_cursor: self.next_cursor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(micros: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp_micros(micros)
            .unwrap()
            .naive_utc()
    }

    #[test]
    fn a_cursor_round_trips_and_matches_the_published_pattern() {
        let cursor = Cursor::new(
            at(1_790_000_000_123_456),
            "0b6a1c2e-aaaa-4bbb-8ccc-1234567890ab",
        );
        let text = cursor.encode();
        assert_eq!(Cursor::parse(&text).unwrap(), cursor);
        let audit = Cursor::new(at(1_790_000_000_000_000), 5882);
        assert_eq!(
            Cursor::parse(&audit.encode()).unwrap().id_as::<i64>(),
            Ok(5882)
        );
        let pattern = CURSOR_PATTERN.trim_start_matches('^').trim_end_matches('$');
        for issued in [text, audit.encode()] {
            let (micros, id) = issued.split_once('_').unwrap();
            assert!(micros
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit()));
            assert!(!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
            assert!(pattern.contains("_"));
        }
    }

    #[test]
    fn foreign_cursors_are_refused() {
        for bad in [
            "",
            "5882",
            "x_1",
            "1_",
            "1_a b",
            "99999999999999999999_1",
            "1_é",
            "1_abc_def",
        ] {
            assert_eq!(Cursor::parse(bad), Err(BadCursor), "{bad:?}");
        }
    }

    #[test]
    fn a_page_keeps_limit_rows_and_points_after_the_last() {
        let rows: Vec<i64> = vec![5, 4, 3];
        let page = Page::from_rows(rows, 2, |r| Cursor::new(at(*r), r), |r| r * 10);
        assert_eq!(page.items, vec![50, 40]);
        assert_eq!(
            page.next_cursor.as_deref().map(Cursor::parse),
            Some(Ok(Cursor::new(at(4), 4)))
        );
        let last = Page::from_rows(vec![1_i64], 2, |r| Cursor::new(at(*r), r), |r| r);
        assert_eq!(last.next_cursor, None);
    }
}
