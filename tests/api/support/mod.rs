//! What the feature tests share: a typed client over the service (the crate's own request
//! and view types, one place for the paths), the request bodies a test starts from, and
//! the scenarios many features build on (a seated Board, an open call, a verified
//! organisation, an application under review, a funded Fund, a grant at a given stage). A feature's test file
//! imports from here, never from another feature's test file.

// A toolkit for every feature's tests: not each part is used by every build of them.
#![allow(dead_code, unused_imports)]

pub mod beneficiaries;
pub mod bodies;
pub mod browser;
pub mod client;
pub mod csv;
pub mod documents;
pub mod exports;
pub mod fund_view;
pub mod grants;
pub mod mail;
pub mod outbox;
pub mod paths;
pub mod periods;
pub mod resources;
pub mod scenarios;
pub mod seats;
pub mod trail;

pub use bodies::{money, positive_usd, short, text, usd};
pub use client::{rule_of, Client, Problem, Reply};
