//! A contribution's figures without its receipts: what recording a receipt checks
//! (the pledge, what is left of it) and answers (`RecordedReceiptView`). The sums come
//! from the database over the contribution's receipts (indexed by contribution), so
//! neither the write nor its answer grows with the contribution's history (issue 14).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::Contribution;
use super::rows::ContributionRow;
use super::view::{outstanding_of, received_of, ReceiptView};
use crate::db::schema::contributions as c;
use crate::db::{dialect, stored_money, DbConnection};
use crate::domain::{ContributionId, Currency, Money};
use crate::error::AppError;

/// A contribution and the sums of its receipts.
pub(super) struct Figures {
    /// The contribution, without its receipts (`receipts` is empty).
    pub contribution: Contribution,
    /// Received per currency, from the receipts that count (not reversed).
    pub received: BTreeMap<Currency, Money>,
    /// Received in USD, at the rates recorded.
    pub received_usd: Money,
    /// Every receipt recorded, reversed ones included.
    pub receipt_count: i64,
}

impl Figures {
    /// What is left of the pledge; `None` without a pledge.
    pub fn outstanding(&self) -> Option<Money> {
        outstanding_of(self.contribution.pledged, &self.received)
    }
}

#[derive(QueryableByName)]
struct CurrencySums {
    #[diesel(sql_type = Text)]
    currency: Currency,
    #[diesel(sql_type = BigInt)]
    amount: i64,
    #[diesel(sql_type = BigInt)]
    usd: i64,
    #[diesel(sql_type = BigInt)]
    receipts: i64,
}

// One row per currency: the standing receipts' sums (cast to BIGINT: PostgreSQL sums
// BIGINT as NUMERIC) and how many receipts there are, reversed ones included.
const SUMS: &str = "SELECT currency, \
       CAST(SUM(CASE WHEN reversal_transaction_id IS NULL THEN amount_minor ELSE 0 END) AS BIGINT) AS amount, \
       CAST(SUM(CASE WHEN reversal_transaction_id IS NULL THEN usd_minor ELSE 0 END) AS BIGINT) AS usd, \
       COUNT(*) AS receipts \
     FROM contribution_receipts WHERE contribution_id = $1 GROUP BY currency";

/// The contribution and its receipts' sums; `None` if there is no such contribution.
pub(super) fn figures(
    conn: &mut DbConnection,
    id: ContributionId,
) -> Result<Option<Figures>, AppError> {
    let Some(row) = c::table
        .find(id)
        .select(ContributionRow::as_select())
        .get_result(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let contribution = row.decode(Vec::new())?;
    let rows: Vec<CurrencySums> = dialect::sql_query(conn, SUMS)
        .bind::<Text, _>(id.to_string())
        .load(conn)?;
    let overflow = || AppError::internal(anyhow::anyhow!("contribution {id}: receipts overflow"));
    let mut received = BTreeMap::new();
    let mut received_usd = Money::zero(Currency::USD);
    let mut receipt_count: i64 = 0;
    for row in rows {
        receipt_count = receipt_count
            .checked_add(row.receipts)
            .ok_or_else(overflow)?;
        let amount = stored_money(row.amount, row.currency)?;
        // A currency whose every receipt was reversed counts for nothing (receipts are
        // positive, so a zero sum means none stands).
        if amount.is_zero() {
            continue;
        }
        received.insert(row.currency, amount);
        received_usd = received_usd
            .checked_add(stored_money(row.usd, Currency::USD)?)
            .map_err(|_| overflow())?;
    }
    Ok(Some(Figures {
        contribution,
        received,
        received_usd,
        receipt_count,
    }))
}

/// A contribution's figures, without its receipts (see `GET /api/v1/contributions/{id}`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ContributionSummary {
    #[schema(value_type = uuid::Uuid)]
    pub id: ContributionId,
    /// `null` for a one-off gift without a pledge.
    pub pledged: Option<Money>,
    pub pledged_on: NaiveDate,
    /// Received in the pledge's currency (or the one currency of an unpledged gift;
    /// `null` when an unpledged gift arrived in several).
    pub received: Option<Money>,
    /// Received in USD, at the rates recorded.
    pub received_usd: Money,
    /// What is left of the pledge; `null` without a pledge.
    pub outstanding: Option<Money>,
    /// Receipts recorded for the contribution, reversed ones included.
    pub receipt_count: i64,
}

impl From<&Figures> for ContributionSummary {
    fn from(f: &Figures) -> ContributionSummary {
        ContributionSummary {
            id: f.contribution.id,
            pledged: f.contribution.pledged,
            pledged_on: f.contribution.pledged_on,
            received: received_of(f.contribution.pledged, &f.received),
            received_usd: f.received_usd,
            outstanding: f.outstanding(),
            receipt_count: f.receipt_count,
        }
    }
}

/// The answer to recording a receipt: the receipt, and its contribution's figures after
/// it (the same size however many receipts the contribution has).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecordedReceiptView {
    #[serde(flatten)]
    pub receipt: ReceiptView,
    pub contribution: ContributionSummary,
}
