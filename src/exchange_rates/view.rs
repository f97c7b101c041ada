//! A month's table as clients read it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::rows::RateRow;
use crate::domain::Month;
use crate::domain::{Currency, ExchangeRate};

/// One rate of the month: USD per unit of `currency`, in force from `from` (the 1st, or
/// a mid-month revision) to the next row of the same currency or the month's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RateView {
    #[schema(example = "NOK")]
    pub currency: Currency,
    /// USD per unit, exactly as recorded.
    pub rate_to_usd: ExchangeRate,
    pub from: NaiveDate,
    pub recorded_at: DateTime<Utc>,
}

impl From<&RateRow> for RateView {
    fn from(r: &RateRow) -> RateView {
        RateView {
            currency: r.currency,
            rate_to_usd: r.rate_to_usd,
            from: r.effective_from,
            recorded_at: crate::db::to_utc(r.recorded_at),
        }
    }
}

/// A month's table of UN operational rates of exchange (USD, always 1, is not listed).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MonthRatesView {
    pub month: Month,
    /// By currency, then by the day each takes effect.
    pub rates: Vec<RateView>,
}
