//! Demo contributions: Member States giving in USD, EUR and JPY and a private donor,
//! received at realistic UN operational rates: finance's tables for the months they fall
//! in (one with a mid-month revision), which the receipts take, but for one converted by
//! the donor's bank at its own rate, with the reason. Loads only into a ledger with none
//! yet.

use chrono::{Datelike, NaiveDate};

use crate::contributions::{self, Donor, DonorType, ReceiptEntry};
use crate::db::{write_blocking, Actor, DbConnection};
use crate::domain::Month;
use crate::domain::{CountryCode, Currency, ExchangeRate, PositiveMoney};
use crate::error::AppError;
use crate::exchange_rates::{self, RateLine};

/// Amount, the rate given with its reason (`None`: the rate in force), day, bank reference.
type DemoReceipt = (
    &'static str,
    Option<(&'static str, &'static str)>,
    (i32, u32, u32),
    &'static str,
);
/// Donor name, type, country, pledge (amount, currency), pledge date, receipts.
type DemoDonor = (
    &'static str,
    DonorType,
    Option<&'static str>,
    Option<(&'static str, &'static str)>,
    (i32, u32, u32),
    Vec<DemoReceipt>,
);

/// A rate of a demo table: currency, rate, and the day of a mid-month revision (`None`:
/// the 1st).
type DemoRate = (&'static str, &'static str, Option<u32>);

/// The UN operational rates of the months the demo's pledges and receipts fall in.
#[rustfmt::skip]
const RATE_TABLES: [(&str, &[DemoRate]); 5] = [
    ("2026-01", &[("EUR", "1.079300", None), ("JPY", "0.00652", None), ("CHF", "1.1180", None)]),
    ("2026-02", &[("EUR", "1.083417", None), ("JPY", "0.00664", None), ("CHF", "1.1195", None)]),
    ("2026-03", &[("EUR", "1.085000", None), ("JPY", "0.00668", None), ("CHF", "1.1210", None)]),
    // A mid-month revision: the euro moved more than the UN treasury's threshold.
    ("2026-05", &[("EUR", "1.084100", None), ("EUR", "1.091250", Some(11)), ("JPY", "0.00671", None), ("CHF", "1.1240", None)]),
    ("2026-06", &[("EUR", "1.090000", None), ("JPY", "0.00670", None), ("CHF", "1.126500", None)]),
];

/// This month's rates, so the demo's receivables are valued today.
const THIS_MONTH: &[DemoRate] = &[
    ("EUR", "1.052000", None),
    ("JPY", "0.00641", None),
    ("CHF", "1.1310", None),
];

fn date((y, m, d): (i32, u32, u32)) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| AppError::internal(anyhow::anyhow!("demo date")))
}

fn parsed<T>(value: Result<T, crate::domain::InvalidValue>) -> Result<T, AppError> {
    value.map_err(AppError::internal)
}

pub fn load(conn: &mut DbConnection) -> Result<(), AppError> {
    if contributions::count(conn)? > 0 {
        return Ok(());
    }
    rate_tables(conn)?;
    #[rustfmt::skip]
    let donors: [DemoDonor; 4] = [
        ("Germany", DonorType::MemberState, Some("DE"), Some(("500000.00", "EUR")), (2026, 1, 15), vec![
            ("250000.00", None, (2026, 2, 10), "DE-BMZ-2026-0117"),
            ("150000.00", None, (2026, 5, 12), "DE-BMZ-2026-0388"),
        ]),
        ("Japan", DonorType::MemberState, Some("JP"), Some(("30000000", "JPY")), (2026, 2, 1), vec![
            ("30000000", Some(("0.0067", "converted by the donor's bank on the day of transfer, at the rate agreed with the UN treasury")), (2026, 3, 18), "JP-MOFA-26-031"),
        ]),
        ("United States of America", DonorType::MemberState, Some("US"), Some(("300000.00", "USD")), (2026, 1, 20), vec![
            ("300000.00", None, (2026, 4, 2), "US-DOS-INL-2026-44"),
        ]),
        ("Demo Corporate Foundation", DonorType::PrivateSector, None, None, (2026, 6, 1), vec![
            ("40000.00", None, (2026, 6, 5), "CH-UBS-778120"),
        ]),
    ];
    for (name, donor_type, country, pledge, pledged_on, receipts) in donors {
        write_blocking(conn, Actor::system("demo"), |tx| {
            let currency = pledge
                .map(|(_, c)| parsed(Currency::parse(c)))
                .transpose()?;
            let pledged = pledge
                .zip(currency)
                .map(|((amount, _), c)| {
                    parsed(PositiveMoney::parse(amount, c)).map(PositiveMoney::into_inner)
                })
                .transpose()?;
            let donor = Donor {
                name: name.to_string(),
                donor_type,
                country: country.map(|c| parsed(CountryCode::parse(c))).transpose()?,
            };
            let created = contributions::create(tx, donor, pledged, date(pledged_on)?)?;
            for (amount, given, received_on, reference) in receipts {
                let currency = currency.unwrap_or(parsed(Currency::parse("CHF"))?);
                let rate_to_usd = given
                    .map(|(rate, _)| parsed(ExchangeRate::parse(rate)))
                    .transpose()?;
                contributions::record_receipt(
                    tx,
                    ReceiptEntry {
                        contribution: created.id,
                        amount: parsed(PositiveMoney::parse(amount, currency))?,
                        received_on: date(received_on)?,
                        rate_to_usd,
                        bank_reference: reference.to_string(),
                        rate_reason: given.map(|(_, reason)| reason.to_string()),
                    },
                )?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Records the demo's tables of rates, and this month's unless it is one of them.
fn rate_tables(conn: &mut DbConnection) -> Result<(), AppError> {
    write_blocking(conn, Actor::system("demo"), |tx| {
        let this_month = Month::of(tx.now().date());
        let mut months = Vec::new();
        for (month, lines) in RATE_TABLES {
            months.push((parsed(Month::parse(month))?, lines));
        }
        if months.iter().all(|(m, _)| *m != this_month) {
            months.push((this_month, THIS_MONTH));
        }
        for (month, lines) in months {
            let lines = lines
                .iter()
                .map(|(currency, rate, day)| {
                    Ok(RateLine {
                        currency: parsed(Currency::parse(currency))?,
                        rate_to_usd: parsed(ExchangeRate::parse(rate))?,
                        from: day.and_then(|d| month.first_day().with_day(d)),
                    })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            exchange_rates::record_month(tx, month, lines)?;
        }
        Ok(())
    })
}
