//! `GET /api/v1/reports/contributions`: pledged against received, by donor type, donor and
//! currency.
//!
//! Pledged: the pledges made in the period, in their currency. Received: the receipts
//! dated in the period (whichever pledge they pay), as they stand (a reversed receipt counts
//! for nothing), in the currency they arrived in and in USD at the rate recorded with each
//! (so `received_usd` reconciles to the ledger's contributions to the cent). A pledge is
//! valued at the UN operational rate in force on its day (`pledged_usd`), and what is
//! still receivable on the period's pledges (every receipt to date counted) at that rate
//! and at today's, the difference being the exchange difference (see
//! `contributions::value_pledge`). A pledge whose month has no rate for its currency
//! leaves its figures and every sum over them `null`, and `rates_missing` names the month
//! and currency: never a figure from another month's rate.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::period::Period;
use super::sums::{self, cell, money, over_days, usd};
use super::table::{Table, Tabular};
use crate::contributions::{pledges_valued, MissingRate, ValuedPledge};
use crate::db::{Actor, DbConnection};
use crate::domain::csv_cell::Cell;
use crate::domain::{Currency, Money};
use crate::error::AppError;

/// One donor's pledges and receipts in one currency.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DonorCurrencyFigures {
    /// `member_state`, `private_sector`, … as recorded on the contribution.
    pub donor_type: String,
    pub donor: String,
    pub currency: Currency,
    pub pledges: i64,
    pub pledged: Money,
    /// The pledges in USD, each at the rate in force on its day; `null` while one lacks
    /// a rate (`rates_missing`).
    #[schema(value_type = Option<Money>)]
    pub pledged_usd: Option<Money>,
    pub receipts: i64,
    pub received: Money,
    pub received_usd: Money,
    pub receivable: Receivable,
    /// The months and currencies with no rate that leave a USD figure here `null`.
    pub rates_missing: Vec<MissingRate>,
}

/// What is still receivable on the period's pledges (pledged less received to date, in
/// the pledges' currency), in USD at the pledges' rates and at today's; a USD figure is
/// `null` while a pledge lacks a rate (`rates_missing` beside it says which).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Receivable {
    /// In the pledges' currency; absent from a sum over several currencies.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Money>)]
    pub amount: Option<Money>,
    #[schema(value_type = Option<Money>)]
    pub usd_at_pledge_rate: Option<Money>,
    #[schema(value_type = Option<Money>)]
    pub usd: Option<Money>,
    /// `usd − usd_at_pledge_rate`: a gain when positive, a loss when negative.
    #[schema(value_type = Option<Money>)]
    pub exchange_difference_usd: Option<Money>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CurrencyFigures {
    pub currency: Currency,
    pub pledged: Money,
    pub received: Money,
    pub received_usd: Money,
    pub receivable: Receivable,
    /// The months and currencies with no rate that leave a USD figure here `null`.
    pub rates_missing: Vec<MissingRate>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DonorTypeFigures {
    pub donor_type: String,
    /// The pledges in USD at their rates; `null` while one lacks a rate.
    #[schema(value_type = Option<Money>)]
    pub pledged_usd: Option<Money>,
    pub received_usd: Money,
    pub receivable: Receivable,
    /// The months and currencies with no rate that leave a USD figure here `null`.
    pub rates_missing: Vec<MissingRate>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ContributionsReport {
    pub period: Period,
    /// By donor type, donor and currency.
    pub donors: Vec<DonorCurrencyFigures>,
    pub by_donor_type: Vec<DonorTypeFigures>,
    pub by_currency: Vec<CurrencyFigures>,
    /// The period's pledges in USD at their rates; `null` while one lacks a rate.
    #[schema(value_type = Option<Money>)]
    pub pledged_usd: Option<Money>,
    /// Every receipt in the period, in USD.
    pub received_usd: Money,
    /// What is still receivable on the period's pledges, in total.
    pub receivable: Receivable,
    /// The months and currencies with no rate that leave a USD figure here `null`.
    pub rates_missing: Vec<MissingRate>,
}

/// Sums of pledges' values: USD sums that become `null` once one value is missing, and
/// the receivable in minor units (read in a currency only where the sum has one).
#[derive(Default, Clone)]
struct Values {
    receivable: i64,
    pledged_usd: Option<i64>,
    at_pledge: Option<i64>,
    now: Option<i64>,
    difference: Option<i64>,
    missing: Vec<MissingRate>,
    started: bool,
}

fn add_usd(sum: Option<i64>, value: Option<Money>, first: bool) -> Result<Option<i64>, AppError> {
    let sum = if first { Some(0) } else { sum };
    match (sum, value) {
        (Some(s), Some(v)) => Ok(Some(sums::add(s, v.to_minor())?)),
        _ => Ok(None),
    }
}

impl Values {
    fn add(&mut self, p: &ValuedPledge) -> Result<(), AppError> {
        let first = !self.started;
        self.started = true;
        let r = p.value.receivable.as_ref();
        self.receivable = sums::add(self.receivable, r.map_or(0, |r| r.amount.to_minor()))?;
        self.pledged_usd = add_usd(self.pledged_usd, p.value.pledged_usd, first)?;
        self.at_pledge = add_usd(self.at_pledge, r.and_then(|r| r.usd_at_pledge_rate), first)?;
        self.now = add_usd(self.now, r.and_then(|r| r.usd), first)?;
        self.difference = add_usd(
            self.difference,
            r.and_then(|r| r.exchange_difference_usd),
            first,
        )?;
        self.missing.extend(p.value.rates_missing.iter().copied());
        self.missing.sort();
        self.missing.dedup();
        Ok(())
    }

    fn merge(&mut self, other: &Values) {
        if !other.started {
            return;
        }
        let first = !self.started;
        self.started = true;
        self.receivable = self.receivable.saturating_add(other.receivable);
        let both = |a: Option<i64>, b: Option<i64>| match (if first { Some(0) } else { a }, b) {
            (Some(a), Some(b)) => a.checked_add(b),
            _ => None,
        };
        self.pledged_usd = both(self.pledged_usd, other.pledged_usd);
        self.at_pledge = both(self.at_pledge, other.at_pledge);
        self.now = both(self.now, other.now);
        self.difference = both(self.difference, other.difference);
        self.missing.extend(other.missing.iter().copied());
        self.missing.sort();
        self.missing.dedup();
    }

    /// The USD value of the pledges: zero over none.
    fn pledged_usd(&self) -> Result<Option<Money>, AppError> {
        if !self.started {
            return Ok(Some(usd(0)?));
        }
        self.pledged_usd.map(usd).transpose()
    }

    fn receivable(&self, currency: Option<Currency>) -> Result<Receivable, AppError> {
        let zero_if_none = |v: Option<i64>| -> Result<Option<Money>, AppError> {
            if self.started {
                v.map(usd).transpose()
            } else {
                Ok(Some(usd(0)?))
            }
        };
        Ok(Receivable {
            amount: currency.map(|c| money(self.receivable, c)).transpose()?,
            usd_at_pledge_rate: zero_if_none(self.at_pledge)?,
            usd: zero_if_none(self.now)?,
            exchange_difference_usd: zero_if_none(self.difference)?,
        })
    }
}

#[derive(QueryableByName)]
struct DonorSum {
    #[diesel(sql_type = Text)]
    donor_type: String,
    #[diesel(sql_type = Text)]
    donor: String,
    #[diesel(sql_type = Text)]
    currency: Currency,
    #[diesel(sql_type = BigInt)]
    n: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    amount: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    usd: Option<i64>,
}

type Key = (String, String, Currency);

#[derive(Default)]
struct Sums {
    pledges: i64,
    pledged: i64,
    receipts: i64,
    received: i64,
    received_usd: i64,
}

impl DonorSum {
    fn key(self) -> (Key, i64, i64, i64) {
        (
            (self.donor_type, self.donor, self.currency),
            self.n,
            self.amount.unwrap_or(0),
            self.usd.unwrap_or(0),
        )
    }
}

/// The contributions report for `period`, from one snapshot (readers of the Fund's reports, as
/// the faces declare).
pub fn contributions_report(
    conn: &mut DbConnection,
    actor: &Actor,
    period: Period,
) -> Result<ContributionsReport, AppError> {
    let mut values: BTreeMap<Key, Values> = BTreeMap::new();
    for p in pledges_valued(conn, period.from, period.to, actor.clock.today())? {
        let key = (
            p.donor_type.code().to_string(),
            p.donor.clone(),
            p.pledged.currency(),
        );
        values.entry(key).or_default().add(&p)?;
    }
    let mut by_key: BTreeMap<Key, Sums> = BTreeMap::new();
    let pledges: Vec<DonorSum> =
        over_days(conn, include_str!("sql/contributions_pledges.sql"), period)?;
    for (key, n, amount, _) in pledges.into_iter().map(DonorSum::key) {
        let s = by_key.entry(key).or_default();
        s.pledges = n;
        s.pledged = amount;
    }
    let receipts: Vec<DonorSum> =
        over_days(conn, include_str!("sql/contributions_receipts.sql"), period)?;
    for (key, n, amount, in_usd) in receipts.into_iter().map(DonorSum::key) {
        let s = by_key.entry(key).or_default();
        s.receipts = n;
        s.received = amount;
        s.received_usd = in_usd;
    }

    let mut donors = Vec::with_capacity(by_key.len());
    let mut types: BTreeMap<String, (i64, Values)> = BTreeMap::new();
    let mut currencies: BTreeMap<Currency, (i64, i64, i64, Values)> = BTreeMap::new();
    let (mut total, mut received_usd) = (Values::default(), 0_i64);
    for (key, s) in by_key {
        let v = values.remove(&key).unwrap_or_default();
        let (donor_type, donor, currency) = key;
        let t = types.entry(donor_type.clone()).or_default();
        t.0 = sums::add(t.0, s.received_usd)?;
        t.1.merge(&v);
        let c = currencies.entry(currency).or_default();
        c.0 = sums::add(c.0, s.pledged)?;
        c.1 = sums::add(c.1, s.received)?;
        c.2 = sums::add(c.2, s.received_usd)?;
        c.3.merge(&v);
        total.merge(&v);
        received_usd = sums::add(received_usd, s.received_usd)?;
        donors.push(DonorCurrencyFigures {
            donor_type,
            donor,
            currency,
            pledges: s.pledges,
            pledged: money(s.pledged, currency)?,
            pledged_usd: v.pledged_usd()?,
            receipts: s.receipts,
            received: money(s.received, currency)?,
            received_usd: usd(s.received_usd)?,
            receivable: v.receivable(Some(currency))?,
            rates_missing: v.missing.clone(),
        });
    }
    Ok(ContributionsReport {
        period,
        donors,
        by_donor_type: types
            .into_iter()
            .map(|(donor_type, (r, v))| {
                Ok(DonorTypeFigures {
                    donor_type,
                    pledged_usd: v.pledged_usd()?,
                    received_usd: usd(r)?,
                    receivable: v.receivable(None)?,
                    rates_missing: v.missing.clone(),
                })
            })
            .collect::<Result<_, AppError>>()?,
        by_currency: currencies
            .into_iter()
            .map(|(currency, (p, r, u, v))| {
                Ok(CurrencyFigures {
                    currency,
                    pledged: money(p, currency)?,
                    received: money(r, currency)?,
                    received_usd: usd(u)?,
                    receivable: v.receivable(Some(currency))?,
                    rates_missing: v.missing.clone(),
                })
            })
            .collect::<Result<_, AppError>>()?,
        pledged_usd: total.pledged_usd()?,
        received_usd: usd(received_usd)?,
        receivable: total.receivable(None)?,
        rates_missing: total.missing.clone(),
    })
}

impl Tabular for ContributionsReport {
    fn header() -> &'static [&'static str] {
        &[
            "level",
            "donor_type",
            "donor",
            "currency",
            "pledges",
            "pledged",
            "pledged_usd",
            "receipts",
            "received",
            "received_usd",
            "receivable",
            "receivable_usd_at_pledge_rate",
            "receivable_usd",
            "exchange_difference_usd",
            "rates_missing",
        ]
    }

    /// One row per donor and currency, then per donor type (USD), per currency, and the
    /// total (USD).
    fn rows(&self, table: &mut Table) {
        for d in &self.donors {
            table.row(
                [
                    ("level", Cell::value("donor")),
                    ("donor_type", Cell::value(d.donor_type.clone())),
                    ("donor", Cell::text(d.donor.clone())),
                    ("currency", Cell::value(d.currency)),
                    ("pledges", Cell::value(d.pledges)),
                    ("pledged", cell(&d.pledged)),
                    (
                        "pledged_usd",
                        d.pledged_usd.as_ref().map(cell).unwrap_or_else(Cell::empty),
                    ),
                    ("receipts", Cell::value(d.receipts)),
                    ("received", cell(&d.received)),
                    ("received_usd", cell(&d.received_usd)),
                ]
                .into_iter()
                .chain(d.receivable.cells(&d.rates_missing)),
            );
        }
        for t in &self.by_donor_type {
            table.row(
                [
                    ("level", Cell::value("donor_type")),
                    ("donor_type", Cell::value(t.donor_type.clone())),
                    ("currency", Cell::value("USD")),
                    ("pledged_usd", optional(&t.pledged_usd)),
                    ("received_usd", cell(&t.received_usd)),
                ]
                .into_iter()
                .chain(t.receivable.cells(&t.rates_missing)),
            );
        }
        for c in &self.by_currency {
            table.row(
                [
                    ("level", Cell::value("currency")),
                    ("currency", Cell::value(c.currency)),
                    ("pledged", cell(&c.pledged)),
                    ("received", cell(&c.received)),
                    ("received_usd", cell(&c.received_usd)),
                ]
                .into_iter()
                .chain(c.receivable.cells(&c.rates_missing)),
            );
        }
        table.row(
            [
                ("level", Cell::value("total")),
                ("currency", Cell::value("USD")),
                ("pledged_usd", optional(&self.pledged_usd)),
                ("received_usd", cell(&self.received_usd)),
            ]
            .into_iter()
            .chain(self.receivable.cells(&self.rates_missing)),
        );
    }
}

fn optional(money: &Option<Money>) -> Cell {
    money.as_ref().map(cell).unwrap_or_else(Cell::empty)
}

impl Receivable {
    /// The receivable's cells, on the row just written; an empty cell where the JSON has
    /// `null`, and the missing rates as `2026-03 NOK; 2026-12 NOK`.
    fn cells(&self, rates_missing: &[MissingRate]) -> [(&'static str, Cell); 5] {
        let missing: Vec<String> = rates_missing
            .iter()
            .map(|m| format!("{} {}", m.month, m.currency))
            .collect();
        [
            ("receivable", optional(&self.amount)),
            (
                "receivable_usd_at_pledge_rate",
                optional(&self.usd_at_pledge_rate),
            ),
            ("receivable_usd", optional(&self.usd)),
            (
                "exchange_difference_usd",
                optional(&self.exchange_difference_usd),
            ),
            ("rates_missing", Cell::value(missing.join("; "))),
        ]
    }
}
