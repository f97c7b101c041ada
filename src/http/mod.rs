//! HTTP plumbing shared by every feature: the JSON extractor that names bad fields,
//! problem+json for the errors actix raises itself, panic containment, pagination.

mod client_address;
pub mod contract;
pub mod decision;
mod errors;
pub mod idempotency;
mod json;
mod methods;
mod pagination;
mod query;
mod rate_limit;

pub use client_address::{client_ip, network_name, network_of, TrustedProxies};
pub use errors::{catch_panics, extractor_configs, to_problem_json};
pub use idempotency::{answer_once, IdempotencyHeader, IdempotencyKey, IdempotentJson, Recorded};
pub use json::{parse as parse_json_body, BodyLimit, Json};
pub use methods::normalise_method;
pub use pagination::{Cursor, Page, PageItem, PageParams, PageRequest};
pub use query::Query;
pub use rate_limit::{limit_anonymous, AnonymousLimit};
