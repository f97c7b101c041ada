//! `GET /api/v1/reports/contributions`: pledged against received, by donor type, donor and
//! currency.
//!
//! Pledged: the pledges made in the period, in their currency. Received: the receipts
//! dated in the period (whichever pledge they pay), as they stand (a reversed receipt counts
//! for nothing), in the currency they arrived in and in USD at the rate recorded with each
//! (so `received_usd` reconciles to the ledger's contributions to the cent). A pledge has no
//! rate of its own, so it has a USD value only when it is in USD (`pledged_usd`, otherwise
//! absent): converting it at some other day's rate would invent a figure.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use serde::Serialize;
use utoipa::ToSchema;

use super::period::Period;
use super::sums::{self, cell, money, over_days, usd};
use super::table::{Table, Tabular};
use crate::db::{Actor, DbConnection};
use crate::domain::csv_cell::Cell;
use crate::domain::{Currency, Money};
use crate::error::AppError;

/// One donor's pledges and receipts in one currency.
#[derive(Debug, Serialize, ToSchema)]
pub struct DonorCurrencyFigures {
    /// `member_state`, `private_sector`, … as recorded on the contribution.
    pub donor_type: String,
    pub donor: String,
    pub currency: Currency,
    pub pledges: i64,
    pub pledged: Money,
    /// The pledged amount in USD when pledged in USD; absent otherwise.
    #[schema(value_type = Option<Money>)]
    pub pledged_usd: Option<Money>,
    pub receipts: i64,
    pub received: Money,
    pub received_usd: Money,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CurrencyFigures {
    pub currency: Currency,
    pub pledged: Money,
    pub received: Money,
    pub received_usd: Money,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DonorTypeFigures {
    pub donor_type: String,
    /// Pledges made in USD.
    pub pledged_usd: Money,
    pub received_usd: Money,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContributionsReport {
    pub period: Period,
    /// By donor type, donor and currency.
    pub donors: Vec<DonorCurrencyFigures>,
    pub by_donor_type: Vec<DonorTypeFigures>,
    pub by_currency: Vec<CurrencyFigures>,
    /// Pledges made in USD in the period.
    pub pledged_usd: Money,
    /// Every receipt in the period, in USD.
    pub received_usd: Money,
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
    _actor: &Actor,
    period: Period,
) -> Result<ContributionsReport, AppError> {
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
    let mut types: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut currencies: BTreeMap<Currency, (i64, i64, i64)> = BTreeMap::new();
    let (mut pledged_usd, mut received_usd) = (0_i64, 0_i64);
    for ((donor_type, donor, currency), s) in by_key {
        let usd_pledge = (currency == Currency::USD).then_some(s.pledged);
        let t = types.entry(donor_type.clone()).or_default();
        t.0 = sums::add(t.0, usd_pledge.unwrap_or(0))?;
        t.1 = sums::add(t.1, s.received_usd)?;
        let c = currencies.entry(currency).or_default();
        c.0 = sums::add(c.0, s.pledged)?;
        c.1 = sums::add(c.1, s.received)?;
        c.2 = sums::add(c.2, s.received_usd)?;
        pledged_usd = sums::add(pledged_usd, usd_pledge.unwrap_or(0))?;
        received_usd = sums::add(received_usd, s.received_usd)?;
        donors.push(DonorCurrencyFigures {
            donor_type,
            donor,
            currency,
            pledges: s.pledges,
            pledged: money(s.pledged, currency)?,
            pledged_usd: usd_pledge.map(usd).transpose()?,
            receipts: s.receipts,
            received: money(s.received, currency)?,
            received_usd: usd(s.received_usd)?,
        });
    }
    Ok(ContributionsReport {
        period,
        donors,
        by_donor_type: types
            .into_iter()
            .map(|(donor_type, (p, r))| {
                Ok(DonorTypeFigures {
                    donor_type,
                    pledged_usd: usd(p)?,
                    received_usd: usd(r)?,
                })
            })
            .collect::<Result<_, AppError>>()?,
        by_currency: currencies
            .into_iter()
            .map(|(currency, (p, r, u))| {
                Ok(CurrencyFigures {
                    currency,
                    pledged: money(p, currency)?,
                    received: money(r, currency)?,
                    received_usd: usd(u)?,
                })
            })
            .collect::<Result<_, AppError>>()?,
        pledged_usd: usd(pledged_usd)?,
        received_usd: usd(received_usd)?,
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
        ]
    }

    /// One row per donor and currency, then per donor type (USD), per currency, and the
    /// total (USD).
    fn rows(&self, table: &mut Table) {
        for d in &self.donors {
            table.row([
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
            ]);
        }
        for t in &self.by_donor_type {
            table.row([
                ("level", Cell::value("donor_type")),
                ("donor_type", Cell::value(t.donor_type.clone())),
                ("currency", Cell::value("USD")),
                ("pledged_usd", cell(&t.pledged_usd)),
                ("received_usd", cell(&t.received_usd)),
            ]);
        }
        for c in &self.by_currency {
            table.row([
                ("level", Cell::value("currency")),
                ("currency", Cell::value(c.currency)),
                ("pledged", cell(&c.pledged)),
                ("received", cell(&c.received)),
                ("received_usd", cell(&c.received_usd)),
            ]);
        }
        table.row([
            ("level", Cell::value("total")),
            ("currency", Cell::value("USD")),
            ("pledged_usd", cell(&self.pledged_usd)),
            ("received_usd", cell(&self.received_usd)),
        ]);
    }
}
