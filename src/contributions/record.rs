//! Recording money in (the secretariat, finance, as the faces declare): a donor and their
//! pledge, and money received against it, with the bounds every face shares.

use chrono::NaiveDate;

use super::bounds;
use super::donor::donor;
use super::model::{self, DonorType, NewReceipt};
use super::rates;
use super::receipts::add_receipt;
use super::summary::RecordedReceiptView;
use super::view::ContributionView;
use crate::db::Tx;
use crate::domain::{ContributionId, CountryCode, Currency, ExchangeRate, Money, PositiveMoney};
use crate::error::AppError;

/// A donor as a client names them: see [`super::donor`] for which fields a type needs.
#[derive(Debug, Clone)]
pub struct DonorInput {
    pub name: Option<String>,
    pub donor_type: DonorType,
    pub country: Option<CountryCode>,
}

/// A donor and their pledge (`None` for a one-off gift).
#[derive(Debug, Clone)]
pub struct NewContribution {
    pub donor: DonorInput,
    pub pledged: Option<Money>,
    pub pledged_on: NaiveDate,
}

/// Records a donor and their pledge. 400 for a donor named wrongly, a pledge above
/// [`bounds::MAX_AMOUNT`] or a date outside the Fund's life (to tomorrow, UTC).
pub fn record_contribution(
    tx: &mut Tx,
    new: NewContribution,
) -> Result<ContributionView, AppError> {
    let donor = donor(new.donor.name, new.donor.donor_type, new.donor.country)?;
    if let Some(pledged) = &new.pledged {
        bounds::amount("pledged", pledged)?;
    }
    bounds::date("pledged_on", new.pledged_on, tx.now().date())?;
    model::create(tx, donor, new.pledged, new.pledged_on)
}

/// Money received against contribution `contribution`.
#[derive(Debug, Clone)]
pub struct ReceiptEntry {
    pub contribution: ContributionId,
    pub amount: PositiveMoney,
    pub received_on: NaiveDate,
    /// `None`: the UN operational rate in force on `received_on` (see [`super::rates`]).
    pub rate_to_usd: Option<ExchangeRate>,
    pub bank_reference: String,
    /// Why `rate_to_usd` differs from the rate in force.
    pub rate_reason: Option<String>,
}

/// Records money received (see [`add_receipt`] for the rules of the contribution, and
/// [`super::rates`] for the rate it takes); 400 first for a USD receipt at a rate other
/// than 1, an amount above the bound or a date outside the Fund's life.
pub fn record_receipt(tx: &mut Tx, entry: ReceiptEntry) -> Result<RecordedReceiptView, AppError> {
    if entry.amount.currency() == Currency::USD
        && entry
            .rate_to_usd
            .is_some_and(|r| r.value() != rust_decimal::Decimal::ONE)
    {
        return Err(AppError::bad_field(
            "rate_to_usd",
            "a USD receipt has a rate of exactly 1",
        ));
    }
    bounds::amount("amount", &entry.amount)?;
    bounds::date("received_on", entry.received_on, tx.now().date())?;
    let (rate_to_usd, rate_reason) = rates::settle(
        tx.conn(),
        entry.amount.currency(),
        entry.received_on,
        entry.rate_to_usd,
        entry.rate_reason,
    )?;
    let new = NewReceipt {
        amount: entry.amount,
        received_on: entry.received_on,
        rate_to_usd,
        bank_reference: entry.bank_reference,
        rate_reason,
    };
    add_receipt(tx, entry.contribution, new)
}
