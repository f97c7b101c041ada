//! The HTTP side of pagination: `?limit=&cursor=` parsed into a `PageRequest`, and how a
//! `Page<T>` is documented. The cursor and the keyset query live a layer below
//! (`crate::db::page`), so models page without knowing about HTTP.

use std::borrow::Cow;

use serde::Deserialize;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{IntoParams, PartialSchema, ToSchema};

pub use crate::db::{Cursor, Page, PageRequest};
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
        self.cursor
            .as_deref()
            .map(Cursor::parse)
            .transpose()
            .map_err(AppError::from)
    }

    /// Both, checked: a 400 names `limit` or `cursor`.
    pub fn request(&self) -> Result<PageRequest, AppError> {
        Ok(PageRequest {
            limit: self.limit()?,
            after: self.cursor()?,
        })
    }
}

impl From<crate::db::BadCursor> for AppError {
    fn from(e: crate::db::BadCursor) -> AppError {
        AppError::bad_field("cursor", e.to_string())
    }
}

/// An item type that lists page through: names its page in the OpenAPI document, so a
/// client sees `CallPage` rather than an anonymous or generic `Page_CallView`.
pub trait PageItem: ToSchema {
    const PAGE_NAME: &'static str;
}

/// Names the page of an item type: `page_names!(CallView => CallPage)` declares
/// `pub type CallPage = Page<CallView>`, documented as `CallPage`. Use the alias in
/// `#[utoipa::path(responses(... body = CallPage))]`.
#[macro_export]
macro_rules! page_names {
    ($($item:ty => $name:ident),+ $(,)?) => {$(
        impl $crate::http::PageItem for $item {
            const PAGE_NAME: &'static str = stringify!($name);
        }
        pub type $name = $crate::http::Page<$item>;
    )+};
}

impl<T: PageItem> PartialSchema for Page<T> {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .description(Some("One page of a list, newest first."))
            .property(
                "items",
                ArrayBuilder::new().items(Ref::from_schema_name(T::name())),
            )
            .required("items")
            .property(
                "next_cursor",
                ObjectBuilder::new()
                    .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
                    .pattern(Some(crate::db::CURSOR_PATTERN))
                    .description(Some(
                        "Pass as `cursor` to get the next page; absent on the last page.",
                    )),
            )
            .into()
    }
}

impl<T: PageItem> ToSchema for Page<T> {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed(T::PAGE_NAME)
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((T::name().into_owned(), T::schema()));
        T::schemas(schemas);
    }
}
