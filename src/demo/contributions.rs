//! Demo contributions: Member States giving in USD, EUR and JPY and a private donor,
//! received at realistic UN operational rates. Loads only into a ledger with none yet.

use chrono::NaiveDate;

use crate::contributions::{self, Donor, DonorType, NewReceipt};
use crate::db::{write_blocking, Actor, DbConnection};
use crate::domain::{CountryCode, Currency, ExchangeRate, PositiveMoney};
use crate::error::AppError;

type DemoReceipt = (&'static str, &'static str, (i32, u32, u32), &'static str);
/// Donor name, type, country, pledge (amount, currency), pledge date, receipts.
type DemoDonor = (
    &'static str,
    DonorType,
    Option<&'static str>,
    Option<(&'static str, &'static str)>,
    (i32, u32, u32),
    Vec<DemoReceipt>,
);

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
    #[rustfmt::skip]
    let donors: [DemoDonor; 4] = [
        ("Germany", DonorType::MemberState, Some("DE"), Some(("500000.00", "EUR")), (2026, 1, 15), vec![
            ("250000.00", "1.083417", (2026, 2, 10), "DE-BMZ-2026-0117"),
            ("150000.00", "1.091250", (2026, 5, 12), "DE-BMZ-2026-0388"),
        ]),
        ("Japan", DonorType::MemberState, Some("JP"), Some(("30000000", "JPY")), (2026, 2, 1), vec![
            ("30000000", "0.0067", (2026, 3, 18), "JP-MOFA-26-031"),
        ]),
        ("United States of America", DonorType::MemberState, Some("US"), Some(("300000.00", "USD")), (2026, 1, 20), vec![
            ("300000.00", "1", (2026, 4, 2), "US-DOS-INL-2026-44"),
        ]),
        ("Demo Corporate Foundation", DonorType::PrivateSector, None, None, (2026, 6, 1), vec![
            ("40000.00", "1.126500", (2026, 6, 5), "CH-UBS-778120"),
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
            for (amount, rate, received_on, reference) in receipts {
                let currency = currency.unwrap_or(parsed(Currency::parse("CHF"))?);
                contributions::add_receipt(
                    tx,
                    created.id,
                    NewReceipt {
                        amount: parsed(PositiveMoney::parse(amount, currency))?,
                        received_on: date(received_on)?,
                        rate_to_usd: parsed(ExchangeRate::parse(rate))?,
                        bank_reference: reference.to_string(),
                    },
                )?;
            }
            Ok(())
        })?;
    }
    Ok(())
}
