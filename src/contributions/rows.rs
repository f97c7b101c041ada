//! Contributions and receipts as stored: one struct per table, `Queryable`/`Selectable` to
//! read and `Insertable` to write. Ids, donor types, countries, currencies and rates are
//! typed columns (`crate::db::sql_types`); amounts are assembled from their minor units
//! and currency by the same helper as the ledger's (`crate::db::stored_money`).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::{Contribution, Donor, DonorType, Receipt};
use crate::db::schema::{contribution_receipts, contributions};
use crate::db::stored_money;
use crate::domain::{
    ContributionId, CountryCode, Currency, ExchangeRate, LedgerTransactionId, Money, ReceiptId,
    UserId,
};
use crate::error::AppError;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = contributions)]
pub(super) struct ContributionRow {
    pub id: ContributionId,
    donor_name: String,
    donor_type: DonorType,
    donor_country: Option<CountryCode>,
    pledged_minor: Option<i64>,
    pledged_currency: Option<Currency>,
    pledged_on: NaiveDate,
    created_by: Option<UserId>,
    created_at: NaiveDateTime,
}

impl ContributionRow {
    pub fn new(
        id: ContributionId,
        donor: &Donor,
        pledged: Option<Money>,
        pledged_on: NaiveDate,
        created_by: Option<UserId>,
        created_at: NaiveDateTime,
    ) -> ContributionRow {
        ContributionRow {
            id,
            donor_name: donor.name.clone(),
            donor_type: donor.donor_type,
            donor_country: donor.country,
            pledged_minor: pledged.map(|m| m.to_minor()),
            pledged_currency: pledged.map(|m| m.currency()),
            pledged_on,
            created_by,
            created_at,
        }
    }

    /// The contribution, with `receipts` (already decoded) attached.
    pub fn decode(self, receipts: Vec<Receipt>) -> Result<Contribution, AppError> {
        let pledged = match (self.pledged_minor, self.pledged_currency) {
            (Some(minor), Some(currency)) => Some(stored_money(minor, currency)?),
            _ => None,
        };
        Ok(Contribution {
            id: self.id,
            donor: Donor {
                name: self.donor_name,
                donor_type: self.donor_type,
                country: self.donor_country,
            },
            pledged,
            pledged_on: self.pledged_on,
            created_at: self.created_at,
            receipts,
        })
    }
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = contribution_receipts)]
pub(super) struct ReceiptRow {
    pub id: ReceiptId,
    pub contribution_id: ContributionId,
    pub amount_minor: i64,
    pub currency: Currency,
    pub rate_to_usd: ExchangeRate,
    pub usd_minor: i64,
    pub received_on: NaiveDate,
    pub bank_reference: String,
    pub ledger_transaction_id: LedgerTransactionId,
    pub reversal_transaction_id: Option<LedgerTransactionId>,
    pub created_at: NaiveDateTime,
    pub rate_reason: Option<String>,
}

impl ReceiptRow {
    pub fn decode(self) -> Result<Receipt, AppError> {
        Ok(Receipt {
            id: self.id,
            amount: stored_money(self.amount_minor, self.currency)?,
            rate_to_usd: self.rate_to_usd,
            usd: stored_money(self.usd_minor, Currency::USD)?,
            received_on: self.received_on,
            bank_reference: self.bank_reference,
            rate_reason: self.rate_reason,
            ledger_transaction_id: self.ledger_transaction_id,
            reversal_transaction_id: self.reversal_transaction_id,
            created_at: self.created_at,
        })
    }
}
