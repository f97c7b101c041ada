//! The Fund's balances, recomputed from the postings every time: never a stored counter
//! that could drift from the journal.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;

use super::account::Account;
use super::rules::Posting;
use crate::domain::{Currency, Money};
use crate::error::AppError;

/// The Fund's position in USD (DOMAIN.md, "Money").
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Balances {
    /// Cash held: receipts and refunds in, payments out.
    pub cash: Money,
    /// Grants committed and not yet paid (award plus programme support cost).
    pub commitments_outstanding: Money,
    /// Cash held back: cash × the Fund's operating reserve rate, half to even to the cent.
    pub operating_reserve: Money,
    /// What new grants may commit: cash − commitments outstanding − operating reserve.
    pub available: Money,
    /// Contributions received (net of reversals).
    pub received_to_date: Money,
    /// Grant money paid to grantees.
    pub disbursed_to_date: Money,
    pub programme_support_costs_to_date: Money,
    pub refunds_to_date: Money,
    /// Contributions received, by the currency they arrived in.
    pub receipts_by_currency: Vec<CurrencyReceipts>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CurrencyReceipts {
    pub currency: Currency,
    /// In the original currency.
    pub received: Money,
    /// What it was worth in USD at the rates recorded.
    pub usd: Money,
}

fn usd(minor: i64) -> Result<Money, AppError> {
    Money::from_minor(minor, Currency::USD).map_err(AppError::internal)
}

fn add(total: &mut i64, minor: i64) -> Result<(), AppError> {
    *total = total
        .checked_add(minor)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("ledger sum overflows")))?;
    Ok(())
}

/// Balances from every posting, with the reserve at `reserve_rate`.
pub fn from_postings<'a>(
    postings: impl IntoIterator<Item = &'a Posting>,
    reserve_rate: Decimal,
) -> Result<Balances, AppError> {
    let mut sums: BTreeMap<Account, i64> = BTreeMap::new();
    let mut by_currency: BTreeMap<Currency, (i64, i64)> = BTreeMap::new();
    for p in postings {
        add(sums.entry(p.account).or_default(), p.usd.to_minor())?;
        if p.account == Account::Contributions {
            let original = p.original.map_or(p.amount, |(money, _)| money);
            let entry = by_currency.entry(original.currency()).or_default();
            add(&mut entry.0, -original.to_minor())?;
            add(&mut entry.1, -p.usd.to_minor())?;
        }
    }
    let sum = |account| sums.get(&account).copied().unwrap_or(0);
    let cash = sum(Account::Cash);
    let commitments = -sum(Account::CommitmentsOutstanding);
    let reserve = usd(cash.max(0))?
        .share(reserve_rate)
        .map_err(AppError::internal)?
        .to_minor();
    let receipts_by_currency = by_currency
        .into_iter()
        .filter(|(_, (original, usd_minor))| *original != 0 || *usd_minor != 0)
        .map(|(currency, (original, usd_minor))| {
            Ok(CurrencyReceipts {
                currency,
                received: Money::from_minor(original, currency).map_err(AppError::internal)?,
                usd: usd(usd_minor)?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Balances {
        cash: usd(cash)?,
        commitments_outstanding: usd(commitments)?,
        operating_reserve: usd(reserve)?,
        available: usd(cash - commitments - reserve)?,
        received_to_date: usd(-sum(Account::Contributions))?,
        disbursed_to_date: usd(sum(Account::GrantsPaid))?,
        programme_support_costs_to_date: usd(sum(Account::ProgrammeSupportCosts))?,
        refunds_to_date: usd(-sum(Account::Refunds))?,
        receipts_by_currency,
    })
}
