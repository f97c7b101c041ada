//! The one Fund record, created by the first migration.

use diesel::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;

use crate::audit::Change;
use crate::db::schema::fund;
use crate::db::{DbConnection, Tx};
use crate::domain::{Currency, Money};
use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct Fund {
    pub id: String,
    pub name: String,
    pub legal_basis: String,
    pub administrator: String,
    pub parent_fund: String,
    pub settings: FundSettings,
}

/// Settings the secretariat may change (DOMAIN.md, "The Fund").
#[derive(Debug, Clone, PartialEq)]
pub struct FundSettings {
    /// Programme support cost charged on expenditure; UN trust funds charge 13%.
    pub psc_rate: Decimal,
    /// Share of cash held back from commitments.
    pub operating_reserve_rate: Decimal,
    /// The largest grant any call may offer, if set.
    pub max_grant: Option<Money>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = fund)]
struct FundRow {
    id: String,
    name: String,
    legal_basis: String,
    administrator: String,
    parent_fund: String,
    psc_rate: String,
    operating_reserve_rate: String,
    max_grant_minor: Option<i64>,
}

fn rate(text: &str) -> Result<Decimal, AppError> {
    text.parse::<Decimal>().map_err(|e| {
        AppError::internal(anyhow::Error::new(e).context(format!("stored rate {text:?}")))
    })
}

pub fn load(conn: &mut DbConnection) -> Result<Fund, AppError> {
    let row = fund::table.select(FundRow::as_select()).get_result(conn)?;
    Ok(Fund {
        settings: FundSettings {
            psc_rate: rate(&row.psc_rate)?,
            operating_reserve_rate: rate(&row.operating_reserve_rate)?,
            max_grant: row
                .max_grant_minor
                .map(|minor| Money::from_minor(minor, Currency::USD))
                .transpose()
                .map_err(|e| {
                    AppError::internal(anyhow::Error::new(e).context("stored max grant"))
                })?,
        },
        id: row.id,
        name: row.name,
        legal_basis: row.legal_basis,
        administrator: row.administrator,
        parent_fund: row.parent_fund,
    })
}

/// Replaces the settings, recording before and after.
pub fn update_settings(tx: &mut Tx, settings: FundSettings) -> Result<Fund, AppError> {
    let before = load(tx.conn())?;
    diesel::update(fund::table.find(&before.id))
        .set((
            fund::psc_rate.eq(settings.psc_rate.normalize().to_string()),
            fund::operating_reserve_rate
                .eq(settings.operating_reserve_rate.normalize().to_string()),
            fund::max_grant_minor.eq(settings.max_grant.as_ref().map(Money::to_minor)),
            fund::updated_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    let after = load(tx.conn())?;
    tx.audit(Change::updated(
        "fund",
        &before.id,
        settings_json(&before.settings),
        settings_json(&after.settings),
    ))?;
    Ok(after)
}

fn settings_json(settings: &FundSettings) -> serde_json::Value {
    json!({
        "psc_rate": settings.psc_rate.to_string(),
        "operating_reserve_rate": settings.operating_reserve_rate.to_string(),
        "max_grant": settings.max_grant,
    })
}
