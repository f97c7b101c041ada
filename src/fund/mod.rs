//! The Fund: its legal basis, administrator, settings (and, from the ledger, its balances).

pub mod model;
mod settings;
mod views;

pub use model::{load, Fund, FundSettings};
pub use settings::{change_settings, SettingsChange};
pub use settings::{MAX_OPERATING_RESERVE_RATE, MAX_PSC_RATE};
pub use views::{show, FundView, SettingsView};
