//! Contributions and receipts as stored: `Queryable`/`Selectable` rows, `Insertable`
//! forms, and the one place their stored codes are decoded.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use uuid::Uuid;

use super::model::{Contribution, Donor, DonorType, Receipt};
use crate::db::schema::{contribution_receipts, contributions};
use crate::domain::{CountryCode, Currency, ExchangeRate, Money};
use crate::error::AppError;

fn bad(what: &str, value: &str) -> AppError {
    AppError::internal(anyhow::anyhow!(
        "contributions: bad {what} stored: {value:?}"
    ))
}

pub(super) fn uuid(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text).map_err(|_| bad("id", text))
}

fn money(minor: i64, code: &str) -> Result<Money, AppError> {
    let currency = Currency::parse(code).map_err(|_| bad("currency", code))?;
    Money::from_minor(minor, currency).map_err(|_| bad("amount", &minor.to_string()))
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = contributions)]
pub(super) struct ContributionRow {
    pub id: String,
    donor_name: String,
    donor_type: String,
    donor_country: Option<String>,
    pledged_minor: Option<i64>,
    pledged_currency: Option<String>,
    pledged_on: NaiveDate,
    created_at: NaiveDateTime,
}

impl ContributionRow {
    /// The contribution, with `receipts` (already decoded) attached.
    pub fn decode(self, receipts: Vec<Receipt>) -> Result<Contribution, AppError> {
        let pledged = match (self.pledged_minor, self.pledged_currency) {
            (Some(minor), Some(code)) => Some(money(minor, &code)?),
            _ => None,
        };
        Ok(Contribution {
            id: uuid(&self.id)?,
            donor: Donor {
                name: self.donor_name,
                donor_type: DonorType::parse(&self.donor_type)
                    .ok_or_else(|| bad("donor type", &self.donor_type))?,
                country: self
                    .donor_country
                    .as_deref()
                    .map(|c| CountryCode::parse(c).map_err(|_| bad("country", c)))
                    .transpose()?,
            },
            pledged,
            pledged_on: self.pledged_on,
            created_at: self.created_at,
            receipts,
        })
    }
}

#[derive(Insertable)]
#[diesel(table_name = contributions)]
pub(super) struct NewContributionRow<'a> {
    pub id: &'a str,
    pub donor_name: &'a str,
    pub donor_type: &'a str,
    pub donor_country: Option<&'a str>,
    pub pledged_minor: Option<i64>,
    pub pledged_currency: Option<&'a str>,
    pub pledged_on: NaiveDate,
    pub created_by: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = contribution_receipts)]
pub(super) struct ReceiptRow {
    id: String,
    pub contribution_id: String,
    amount_minor: i64,
    currency: String,
    rate_to_usd: String,
    usd_minor: i64,
    received_on: NaiveDate,
    bank_reference: String,
    ledger_transaction_id: String,
    reversal_transaction_id: Option<String>,
    created_at: NaiveDateTime,
}

impl ReceiptRow {
    pub fn decode(self) -> Result<Receipt, AppError> {
        let rate_to_usd = self
            .rate_to_usd
            .parse()
            .ok()
            .and_then(|d| ExchangeRate::from_decimal(d).ok())
            .ok_or_else(|| bad("rate", &self.rate_to_usd))?;
        Ok(Receipt {
            id: uuid(&self.id)?,
            amount: money(self.amount_minor, &self.currency)?,
            rate_to_usd,
            usd: money(self.usd_minor, "USD")?,
            received_on: self.received_on,
            bank_reference: self.bank_reference,
            ledger_transaction_id: uuid(&self.ledger_transaction_id)?,
            reversal_transaction_id: self
                .reversal_transaction_id
                .as_deref()
                .map(uuid)
                .transpose()?,
            created_at: self.created_at,
        })
    }
}

#[derive(Insertable)]
#[diesel(table_name = contribution_receipts)]
pub(super) struct NewReceiptRow<'a> {
    pub id: &'a str,
    pub contribution_id: &'a str,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub rate_to_usd: &'a str,
    pub usd_minor: i64,
    pub received_on: NaiveDate,
    pub bank_reference: &'a str,
    pub ledger_transaction_id: &'a str,
    pub created_at: NaiveDateTime,
}
