//! The Fund's balances, derived from the postings: read from their running totals per
//! account (`super::totals`, kept in the transaction that adds the postings) for reads and
//! writes, recomputed posting by posting by the check, which also verifies that the stored
//! totals have not drifted from the journal. Every sum is checked.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::account::Account;
use super::rules::Posting;
use crate::domain::{Currency, Money};
use crate::error::AppError;

/// The Fund's position in USD (DOMAIN.md, "Money").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Balances {
    /// Cash held: receipts and refunds in, payments out.
    pub cash: Money,
    /// Grants committed and not yet paid (award plus programme support cost).
    pub commitments_outstanding: Money,
    /// Cash held back: cash × the Fund's operating reserve rate, half to even to the cent.
    pub operating_reserve: Money,
    /// What new grants may commit: cash − commitments outstanding − operating reserve.
    /// Never negative in a sound ledger (the check reports it if it is).
    pub available: Money,
    /// Contributions received (net of reversals).
    pub received_to_date: Money,
    /// Grant money paid to grantees.
    pub disbursed_to_date: Money,
    /// Programme support cost charged on payments, net of what refunds credited back:
    /// the sum over the grants of `programme_support_cost_disbursed − psc_credited`.
    pub programme_support_costs_to_date: Money,
    pub refunds_to_date: Money,
    /// Contributions received, by the currency they arrived in.
    pub receipts_by_currency: Vec<CurrencyReceipts>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CurrencyReceipts {
    pub currency: Currency,
    /// In the original currency.
    pub received: Money,
    /// What it was worth in USD at the rates recorded.
    pub usd: Money,
}

fn overflow() -> AppError {
    AppError::internal(anyhow::anyhow!("ledger sum overflows"))
}

fn add(total: &mut i64, minor: i64) -> Result<(), AppError> {
    *total = total.checked_add(minor).ok_or_else(overflow)?;
    Ok(())
}

fn usd(minor: i64) -> Result<Money, AppError> {
    Money::from_minor(minor, Currency::USD).map_err(AppError::internal)
}

/// Each account's balance in USD cents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountSums(BTreeMap<Account, i64>);

impl AccountSums {
    pub fn new(sums: BTreeMap<Account, i64>) -> AccountSums {
        AccountSums(sums)
    }

    pub fn get(&self, account: Account) -> i64 {
        self.0.get(&account).copied().unwrap_or(0)
    }

    /// Adds postings to the sums (checked).
    pub fn apply<'a>(
        &mut self,
        postings: impl IntoIterator<Item = &'a Posting>,
    ) -> Result<(), AppError> {
        for p in postings {
            add(self.0.entry(p.account).or_default(), p.usd.to_minor())?;
        }
        Ok(())
    }

    /// The Fund's position with the reserve at `reserve_rate`.
    pub fn position(&self, reserve_rate: Decimal) -> Result<Position, AppError> {
        let cash = self.get(Account::Cash);
        let commitments = self
            .get(Account::CommitmentsOutstanding)
            .checked_neg()
            .ok_or_else(overflow)?;
        let reserve = usd(cash.max(0))?
            .share(reserve_rate)
            .map_err(AppError::internal)?
            .to_minor();
        let available = cash
            .checked_sub(commitments)
            .and_then(|v| v.checked_sub(reserve))
            .ok_or_else(overflow)?;
        Ok(Position {
            cash,
            commitments,
            reserve,
            available,
        })
    }
}

/// Cash, commitments, reserve and available, in USD cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub cash: i64,
    pub commitments: i64,
    pub reserve: i64,
    pub available: i64,
}

/// Received per original currency: (original minor units, USD cents), as credits.
pub type ByCurrency = BTreeMap<Currency, (i64, i64)>;

/// Sums and receipts by currency, posting by posting (for the check and the tests).
pub fn sums_from_postings<'a>(
    postings: impl IntoIterator<Item = &'a Posting>,
) -> Result<(AccountSums, ByCurrency), AppError> {
    let mut sums = AccountSums::default();
    let mut by_currency = ByCurrency::new();
    for p in postings {
        sums.apply([p])?;
        if p.account == Account::Contributions {
            let original = p.original.map_or(p.amount, |(money, _)| money);
            let entry = by_currency.entry(original.currency()).or_default();
            add(
                &mut entry.0,
                original.to_minor().checked_neg().ok_or_else(overflow)?,
            )?;
            add(
                &mut entry.1,
                p.usd.to_minor().checked_neg().ok_or_else(overflow)?,
            )?;
        }
    }
    Ok((sums, by_currency))
}

/// Balances from every posting, with the reserve at `reserve_rate`.
pub fn from_postings<'a>(
    postings: impl IntoIterator<Item = &'a Posting>,
    reserve_rate: Decimal,
) -> Result<Balances, AppError> {
    let (sums, by_currency) = sums_from_postings(postings)?;
    from_sums(&sums, by_currency, reserve_rate)
}

/// Balances from the account sums and receipts by currency.
pub fn from_sums(
    sums: &AccountSums,
    by_currency: ByCurrency,
    reserve_rate: Decimal,
) -> Result<Balances, AppError> {
    let position = sums.position(reserve_rate)?;
    let credit = |account| sums.get(account).checked_neg().ok_or_else(overflow);
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
        cash: usd(position.cash)?,
        commitments_outstanding: usd(position.commitments)?,
        operating_reserve: usd(position.reserve)?,
        available: usd(position.available)?,
        received_to_date: usd(credit(Account::Contributions)?)?,
        disbursed_to_date: usd(sums.get(Account::GrantsPaid))?,
        programme_support_costs_to_date: usd(sums.get(Account::ProgrammeSupportCosts))?,
        refunds_to_date: usd(credit(Account::Refunds)?)?,
        receipts_by_currency,
    })
}
