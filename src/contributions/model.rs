//! Contributions and their receipts as stored, and the functions that read and write them.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::view::ContributionView;
use crate::audit::Change;
use crate::db::schema::{contribution_receipts as cr, contributions as c};
use crate::db::{DbConnection, Tx};
use crate::domain::{CountryCode, Currency, ExchangeRate, Money, PositiveMoney};
use crate::error::AppError;
use crate::error::Rule;
use crate::http::Cursor;
use crate::ledger::{Account, Posting, ReceiptRecord, TransactionKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DonorType {
    MemberState,
    Public,
    PrivateSector,
    Individual,
    Intergovernmental,
}

impl DonorType {
    const ALL: [DonorType; 5] = [
        DonorType::MemberState,
        DonorType::Public,
        DonorType::PrivateSector,
        DonorType::Individual,
        DonorType::Intergovernmental,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DonorType::MemberState => "member_state",
            DonorType::Public => "public",
            DonorType::PrivateSector => "private_sector",
            DonorType::Individual => "individual",
            DonorType::Intergovernmental => "intergovernmental",
        }
    }

    fn parse(code: &str) -> Option<DonorType> {
        DonorType::ALL.into_iter().find(|d| d.code() == code)
    }
}

#[derive(Debug, Clone)]
pub struct Donor {
    pub name: String,
    pub donor_type: DonorType,
    pub country: Option<CountryCode>,
}

#[derive(Debug, Clone)]
pub struct Contribution {
    pub id: Uuid,
    pub donor: Donor,
    pub pledged: Option<Money>,
    pub pledged_on: NaiveDate,
    pub created_at: NaiveDateTime,
    pub receipts: Vec<Receipt>,
}

#[derive(Debug, Clone)]
pub struct Receipt {
    pub id: Uuid,
    pub amount: Money,
    pub rate_to_usd: ExchangeRate,
    pub usd: Money,
    pub received_on: NaiveDate,
    pub bank_reference: String,
    pub ledger_transaction_id: Uuid,
    /// Its ledger entry was reversed: it no longer counts as received.
    pub reversed: bool,
    pub created_at: NaiveDateTime,
}

pub struct NewReceipt {
    pub amount: PositiveMoney,
    pub received_on: NaiveDate,
    pub rate_to_usd: ExchangeRate,
    pub bank_reference: String,
}

fn bad(what: &str) -> AppError {
    AppError::internal(anyhow::anyhow!("contributions: bad {what} stored"))
}

fn uuid(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text).map_err(|_| bad("id"))
}

fn money(minor: i64, code: &str) -> Result<Money, AppError> {
    let currency = Currency::parse(code).map_err(|_| bad("currency"))?;
    Money::from_minor(minor, currency).map_err(|_| bad("amount"))
}

type ContributionRow = (
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    NaiveDate,
    NaiveDateTime,
);
type ReceiptRow = (
    String,
    String,
    i64,
    String,
    String,
    i64,
    NaiveDate,
    String,
    String,
    NaiveDateTime,
);

const CONTRIBUTION_COLUMNS: (
    c::id,
    c::donor_name,
    c::donor_type,
    c::donor_country,
    c::pledged_minor,
    c::pledged_currency,
    c::pledged_on,
    c::created_at,
) = (
    c::id,
    c::donor_name,
    c::donor_type,
    c::donor_country,
    c::pledged_minor,
    c::pledged_currency,
    c::pledged_on,
    c::created_at,
);

const RECEIPT_COLUMNS: (
    cr::id,
    cr::contribution_id,
    cr::amount_minor,
    cr::currency,
    cr::rate_to_usd,
    cr::usd_minor,
    cr::received_on,
    cr::bank_reference,
    cr::ledger_transaction_id,
    cr::created_at,
) = (
    cr::id,
    cr::contribution_id,
    cr::amount_minor,
    cr::currency,
    cr::rate_to_usd,
    cr::usd_minor,
    cr::received_on,
    cr::bank_reference,
    cr::ledger_transaction_id,
    cr::created_at,
);

/// Loads contributions with their receipts, marking those whose entry was reversed.
fn assemble(
    conn: &mut DbConnection,
    rows: Vec<ContributionRow>,
) -> Result<Vec<Contribution>, AppError> {
    let ids: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let receipt_rows: Vec<ReceiptRow> = cr::table
        .filter(cr::contribution_id.eq_any(&ids))
        .order((cr::created_at.asc(), cr::id.asc()))
        .select(RECEIPT_COLUMNS)
        .load(conn)?;
    let tx_ids = receipt_rows
        .iter()
        .map(|r| uuid(&r.8))
        .collect::<Result<Vec<_>, _>>()?;
    let reversed = crate::ledger::reversed_among(conn, &tx_ids)?;
    let mut receipts: Vec<(String, Receipt)> = Vec::new();
    for (
        id,
        contribution,
        amount,
        currency,
        rate,
        usd,
        received_on,
        bank_reference,
        tx_id,
        created_at,
    ) in receipt_rows
    {
        let ledger_transaction_id = uuid(&tx_id)?;
        let rate_to_usd = rate
            .parse()
            .ok()
            .and_then(|d| ExchangeRate::from_decimal(d).ok())
            .ok_or_else(|| bad("rate"))?;
        receipts.push((
            contribution,
            Receipt {
                id: uuid(&id)?,
                amount: money(amount, &currency)?,
                rate_to_usd,
                usd: money(usd, "USD")?,
                received_on,
                bank_reference,
                ledger_transaction_id,
                reversed: reversed.contains(&ledger_transaction_id),
                created_at,
            },
        ));
    }
    rows.into_iter()
        .map(
            |(id, name, donor_type, country, pledged, pledged_currency, pledged_on, created_at)| {
                let pledged = match (pledged, pledged_currency) {
                    (Some(minor), Some(code)) => Some(money(minor, &code)?),
                    _ => None,
                };
                Ok(Contribution {
                    receipts: receipts
                        .iter()
                        .filter(|(c, _)| *c == id)
                        .map(|(_, r)| r.clone())
                        .collect(),
                    id: uuid(&id)?,
                    donor: Donor {
                        name,
                        donor_type: DonorType::parse(&donor_type)
                            .ok_or_else(|| bad("donor type"))?,
                        country: country
                            .as_deref()
                            .map(CountryCode::parse)
                            .transpose()
                            .map_err(|_| bad("country"))?,
                    },
                    pledged,
                    pledged_on,
                    created_at,
                })
            },
        )
        .collect()
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Option<Contribution>, AppError> {
    let rows = c::table
        .find(id.to_string())
        .select(CONTRIBUTION_COLUMNS)
        .load(conn)?;
    Ok(assemble(conn, rows)?.pop())
}

/// `limit + 1` contributions, newest first, from `cursor`.
pub fn list(
    conn: &mut DbConnection,
    limit: i64,
    cursor: Option<Cursor>,
) -> Result<Vec<Contribution>, AppError> {
    let mut query = c::table.into_boxed();
    if let Some(cursor) = cursor {
        query = query.filter(
            c::created_at
                .lt(cursor.at)
                .or(c::created_at.eq(cursor.at).and(c::id.lt(cursor.id))),
        );
    }
    let rows = query
        .order((c::created_at.desc(), c::id.desc()))
        .limit(limit + 1)
        .select(CONTRIBUTION_COLUMNS)
        .load(conn)?;
    assemble(conn, rows)
}

pub fn count(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(c::table.count().get_result(conn)?)
}

/// Records a donor and their pledge (or none) with its audit event.
pub fn create(
    tx: &mut Tx,
    donor: Donor,
    pledged: Option<Money>,
    pledged_on: NaiveDate,
) -> Result<ContributionView, AppError> {
    let id = Uuid::new_v4();
    let now = tx.now();
    diesel::insert_into(c::table)
        .values((
            c::id.eq(id.to_string()),
            c::donor_name.eq(&donor.name),
            c::donor_type.eq(donor.donor_type.code()),
            c::donor_country.eq(donor.country.map(|c| c.code())),
            c::pledged_minor.eq(pledged.map(|m| m.to_minor())),
            c::pledged_currency.eq(pledged.map(|m| m.currency().code())),
            c::pledged_on.eq(pledged_on),
            c::created_by.eq(tx.actor().user_id.map(|u| u.to_string())),
            c::created_at.eq(now),
        ))
        .execute(tx.conn())?;
    let view = ContributionView::from(&find(tx.conn(), id)?.ok_or(AppError::NotFound)?);
    tx.audit(Change::created("contribution", id, json!(view)))?;
    Ok(view)
}

/// Records money received: the receipt, its ledger entry (cash up, the donor's
/// contribution account credited, in USD at the recorded rate) and its audit event.
pub fn add_receipt(tx: &mut Tx, id: Uuid, new: NewReceipt) -> Result<ContributionView, AppError> {
    let contribution = find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    let amount = new.amount.into_inner();
    if let Some(pledged) = contribution.pledged {
        if pledged.currency() != amount.currency() {
            return Err(AppError::rule_on_field(
                Rule::CurrencyMismatch,
                "amount.currency",
                format!(
                    "the pledge is in {}; record receipts in the pledge's currency",
                    pledged.currency()
                ),
            ));
        }
        let outstanding = super::view::outstanding(&contribution).unwrap_or(pledged);
        if amount > outstanding {
            return Err(AppError::rule_on_field(
                Rule::OverPledge,
                "amount",
                format!("{amount} is more than the {outstanding} left of the pledge"),
            ));
        }
    }
    let usd = amount
        .usd_from_rate(&new.rate_to_usd)
        .map_err(|e| AppError::bad_field("amount", e.to_string()))?;
    if usd.is_zero() {
        return Err(AppError::rule_on_field(
            Rule::BelowOneCent,
            "amount",
            "the amount is worth less than half a US cent",
        ));
    }
    let receipt_id = Uuid::new_v4();
    let memo = Some((amount, new.rate_to_usd));
    let ledger_tx = crate::ledger::post(
        tx,
        TransactionKind::Receipt,
        &format!(
            "contribution from {}: {amount} at {} USD",
            contribution.donor.name, new.rate_to_usd
        ),
        Some(("contribution_receipt", receipt_id)),
        vec![
            Posting {
                original: memo,
                ..Posting::usd(Account::Cash, None, usd)
            },
            Posting {
                original: memo.map(|(m, r)| (-m, r)),
                ..Posting::usd(Account::Contributions, Some(id), -usd)
            },
        ],
    )?;
    diesel::insert_into(cr::table)
        .values((
            cr::id.eq(receipt_id.to_string()),
            cr::contribution_id.eq(id.to_string()),
            cr::amount_minor.eq(amount.to_minor()),
            cr::currency.eq(amount.currency().code()),
            cr::rate_to_usd.eq(new.rate_to_usd.value().normalize().to_string()),
            cr::usd_minor.eq(usd.to_minor()),
            cr::received_on.eq(new.received_on),
            cr::bank_reference.eq(&new.bank_reference),
            cr::ledger_transaction_id.eq(ledger_tx.to_string()),
            cr::created_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    let view = ContributionView::from(&find(tx.conn(), id)?.ok_or(AppError::NotFound)?);
    let receipt = view.receipts.iter().find(|r| r.id == receipt_id).cloned();
    tx.audit(Change::new(
        "contribution.receipt_recorded",
        "contribution",
        id,
        json!({ "receipt": receipt }),
    ))?;
    Ok(view)
}

/// Every receipt, for the ledger's integrity check.
pub fn receipt_records(conn: &mut DbConnection) -> Result<Vec<ReceiptRecord>, AppError> {
    let rows: Vec<(String, String, i64)> = cr::table
        .select((
            cr::contribution_id,
            cr::ledger_transaction_id,
            cr::usd_minor,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(contribution, transaction, usd_minor)| {
            Ok(ReceiptRecord {
                contribution: uuid(&contribution)?,
                transaction: uuid(&transaction)?,
                usd_minor,
            })
        })
        .collect()
}
