//! trustfund: grant management for the UN Voluntary Trust Fund for Victims of Trafficking
//! in Persons, especially Women and Children (GA resolution 64/293, annex, para. 38).
//!
//! The library holds the whole service; `main.rs` only parses the command line. The map
//! of the code is in README.md.

pub mod api;
pub mod applications;
pub mod audit;
pub mod auth;
#[cfg(feature = "bench")]
pub mod bench;
pub mod board;
pub mod bootstrap;
pub mod calls;
pub mod cli;
pub mod clock;
pub mod config;
pub mod contributions;
pub mod db;
#[cfg(feature = "demo")]
pub mod demo;
pub mod documents;
pub mod domain;
pub mod error;
pub mod exchange_rates;
pub mod exports;
pub mod fund;
pub mod fund_reports;
pub mod grant_reports;
pub mod grants;
pub mod http;
pub mod ledger;
pub mod ledger_owners;
pub mod ledger_periods;
pub mod notifications;
pub mod openapi;
pub mod ops;
pub mod organizations;
pub mod portal;
pub mod startup;
pub mod supervise;
pub mod telemetry;
pub mod transfer;
pub mod transparency;
pub mod users;
pub mod voting;
