//! The UN operational rates of exchange: finance records each month's table (USD per unit
//! of a currency, from the 1st or from a mid-month revision), and the money features read
//! the rate in force on a day from it: a receipt takes it unless finance records another
//! with a reason, and a pledge is valued with it.
//!
//! A month's table is replaced whole by each recording (`PUT` semantics): what finance
//! sends is the month's table as it now stands, and the audit event keeps the rows it
//! replaced. Nothing else moves with it: a receipt keeps the rate it recorded, and the
//! table only decides the rate of receipts recorded after it.

mod csv;
mod record;
mod rows;
mod view;

pub use csv::parse_csv;
pub use record::{record_month, RateLine};
pub use rows::{in_force, month_table, month_view};
pub use view::{MonthRatesView, RateView};
