//! `PositiveMoney`: an amount that must be greater than zero.

use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::{RefOr, Schema};

use super::Money;
use crate::domain::{Currency, InvalidValue};

/// Money greater than zero: what a request asks for, a tranche, a payment. Zero and
/// negative amounts only arise inside the ledger (balances, reversals), never as input.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd)]
pub struct PositiveMoney(Money);

impl PositiveMoney {
    pub fn new(money: Money) -> Result<PositiveMoney, InvalidValue> {
        if money.is_positive() {
            Ok(PositiveMoney(money))
        } else {
            Err(InvalidValue::new("amount must be greater than zero"))
        }
    }

    /// As [`Money::parse`], then refuses zero and negative amounts.
    pub fn parse(amount: &str, currency: Currency) -> Result<PositiveMoney, InvalidValue> {
        Self::new(Money::parse(amount, currency)?)
    }

    pub fn into_inner(self) -> Money {
        self.0
    }
}

impl Deref for PositiveMoney {
    type Target = Money;
    fn deref(&self) -> &Money {
        &self.0
    }
}

impl From<PositiveMoney> for Money {
    fn from(value: PositiveMoney) -> Money {
        value.0
    }
}

impl std::fmt::Display for PositiveMoney {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::fmt::Debug for PositiveMoney {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Positive{:?}", self.0)
    }
}

impl Serialize for PositiveMoney {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for PositiveMoney {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let money = Money::deserialize(deserializer)?;
        PositiveMoney::new(money).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for PositiveMoney {
    fn schema() -> RefOr<Schema> {
        super::wire::positive_money_schema("An exact amount greater than zero, with its currency")
    }
}

impl utoipa::ToSchema for PositiveMoney {}
