//! What clients see of a contribution: the pledge, what was received (in the original
//! currency and in USD, from receipts whose ledger entry stands), what is outstanding.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::{Contribution, DonorType, Receipt};
use super::valuation::{value_pledge, MissingRate, PledgeValue, ReceivableView};
use crate::db::DbConnection;
use crate::domain::{
    ContributionId, CountryCode, Currency, ExchangeRate, LedgerTransactionId, Money, ReceiptId,
};
use crate::error::AppError;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DonorView {
    pub name: String,
    pub donor_type: DonorType,
    #[schema(example = "JP")]
    pub country: Option<CountryCode>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReceiptView {
    #[schema(value_type = uuid::Uuid)]
    pub id: ReceiptId,
    pub amount: Money,
    /// The UN operational rate of exchange of the month: USD per unit.
    pub rate_to_usd: ExchangeRate,
    /// `amount × rate_to_usd`, half to even to the cent, as recorded.
    pub usd: Money,
    pub received_on: NaiveDate,
    pub bank_reference: String,
    /// Why the receipt was recorded at a rate other than the one in force on
    /// `received_on`; `null` when it took that rate.
    #[serde(default)]
    pub rate_reason: Option<String>,
    #[schema(value_type = uuid::Uuid)]
    pub ledger_transaction_id: LedgerTransactionId,
    /// Its ledger entry was reversed: it no longer counts.
    pub reversed: bool,
    pub created_at: DateTime<Utc>,
}

impl From<&Receipt> for ReceiptView {
    fn from(r: &Receipt) -> ReceiptView {
        ReceiptView {
            id: r.id,
            amount: r.amount,
            rate_to_usd: r.rate_to_usd,
            usd: r.usd,
            received_on: r.received_on,
            bank_reference: r.bank_reference.clone(),
            rate_reason: r.rate_reason.clone(),
            ledger_transaction_id: r.ledger_transaction_id,
            reversed: r.reversed(),
            created_at: crate::db::to_utc(r.created_at),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ContributionView {
    #[schema(value_type = uuid::Uuid)]
    pub id: ContributionId,
    pub donor: DonorView,
    /// `null` for a one-off gift without a pledge.
    pub pledged: Option<Money>,
    pub pledged_on: NaiveDate,
    /// Received in the pledge's currency (or the one currency of an unpledged gift;
    /// `null` when an unpledged gift arrived in several).
    pub received: Option<Money>,
    /// Received, per original currency.
    pub received_by_currency: Vec<Money>,
    /// Received in USD, at the rates recorded.
    pub received_usd: Money,
    /// What is left of the pledge; `null` without a pledge.
    pub outstanding: Option<Money>,
    /// The UN operational rate in force on `pledged_on`; `null` without a pledge or while
    /// that month has no rate for its currency (named in `rates_missing`).
    #[serde(default)]
    pub pledged_rate_to_usd: Option<ExchangeRate>,
    /// The pledge in USD at `pledged_rate_to_usd`, half to even to the cent.
    #[serde(default)]
    pub pledged_usd: Option<Money>,
    /// What is still receivable (`outstanding`) and its value in USD at the pledge's rate
    /// and at today's, with the exchange difference between them; `null` without a pledge.
    #[serde(default)]
    pub receivable: Option<ReceivableView>,
    /// The months and currencies with no rate recorded that leave a USD figure above
    /// `null`: record them (`PUT /api/v1/exchange-rates/{month}`).
    #[serde(default)]
    pub rates_missing: Vec<MissingRate>,
    pub receipts: Vec<ReceiptView>,
    pub created_at: DateTime<Utc>,
}

fn counted(c: &Contribution) -> impl Iterator<Item = &Receipt> {
    c.receipts.iter().filter(|r| !r.reversed())
}

/// Sums of receipts that count, per currency; `None` if a sum overflows. (Receipts are
/// bounded on the way in, so only corrupt data gets there; never a wrapped figure.)
fn by_currency(c: &Contribution) -> Option<BTreeMap<Currency, Money>> {
    let mut sums: BTreeMap<Currency, Money> = BTreeMap::new();
    for r in counted(c) {
        let entry = sums
            .entry(r.amount.currency())
            .or_insert_with(|| Money::zero(r.amount.currency()));
        *entry = entry.checked_add(r.amount).ok()?;
    }
    Some(sums)
}

/// Received in the pledge's currency, or in the one currency of an unpledged gift (`None`
/// when an unpledged gift arrived in several), from the sums of receipts that count.
pub(super) fn received_of(
    pledged: Option<Money>,
    sums: &BTreeMap<Currency, Money>,
) -> Option<Money> {
    match pledged {
        Some(p) => Some(
            sums.get(&p.currency())
                .copied()
                .unwrap_or(Money::zero(p.currency())),
        ),
        None if sums.len() == 1 => sums.values().next().copied(),
        None => None,
    }
}

/// The pledge less what was received against it; `None` without a pledge.
pub(super) fn outstanding_of(
    pledged: Option<Money>,
    sums: &BTreeMap<Currency, Money>,
) -> Option<Money> {
    let pledged = pledged?;
    let received = sums
        .get(&pledged.currency())
        .copied()
        .unwrap_or(Money::zero(pledged.currency()));
    pledged.checked_sub(received).ok()
}

impl ContributionView {
    /// The view of `c`, its pledge valued at the rates in force on its day and `today`.
    pub fn valued(
        conn: &mut DbConnection,
        c: &Contribution,
        today: NaiveDate,
    ) -> Result<ContributionView, AppError> {
        let outstanding = by_currency(c)
            .as_ref()
            .and_then(|sums| outstanding_of(c.pledged, sums));
        let value = value_pledge(conn, c.pledged, c.pledged_on, outstanding, today)?;
        Ok(ContributionView::new(c, value))
    }

    fn new(c: &Contribution, value: PledgeValue) -> ContributionView {
        let sums = by_currency(c);
        let outstanding = sums
            .as_ref()
            .and_then(|sums| outstanding_of(c.pledged, sums));
        let sums = sums.unwrap_or_default();
        let received = received_of(c.pledged, &sums);
        let received_usd = Money::sum(Currency::USD, counted(c).map(|r| r.usd))
            .unwrap_or(Money::zero(Currency::USD));
        ContributionView {
            id: c.id,
            donor: DonorView {
                name: c.donor.name.clone(),
                donor_type: c.donor.donor_type,
                country: c.donor.country,
            },
            pledged: c.pledged,
            pledged_on: c.pledged_on,
            received,
            received_by_currency: sums.into_values().collect(),
            received_usd,
            outstanding,
            pledged_rate_to_usd: value.pledged_rate_to_usd,
            pledged_usd: value.pledged_usd,
            receivable: value.receivable,
            rates_missing: value.rates_missing,
            receipts: c.receipts.iter().map(ReceiptView::from).collect(),
            created_at: crate::db::to_utc(c.created_at),
        }
    }
}
