//! How `Money` travels: `{"amount": "1250.00", "currency": "USD"}`.
//!
//! The amount is a JSON string because a JSON number is a binary float to most clients.
//! Deserialisation goes in two steps so that `serde_path_to_error` points at the field
//! at fault: the amount's syntax and the currency code are checked while their own field
//! is read; the check that needs both (decimal places, range) runs afterwards and names
//! the amount in its message.

use serde::de::{self, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::PartialSchema;

use super::Money;
use crate::domain::decimal_text::DecimalText;
use crate::domain::Currency;

const AMOUNT_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)?$";

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Money", 2)?;
        s.serialize_field("amount", &self.amount().to_string())?;
        s.serialize_field("currency", &self.currency())?;
        s.end()
    }
}

/// The amount field: a string in plain decimal syntax, not yet checked against the
/// currency.
struct RawAmount(DecimalText);

impl<'de> Deserialize<'de> for RawAmount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = decimal_string(deserializer, "amount", "1250.00")?;
        DecimalText::parse(&text)
            .map(RawAmount)
            .map_err(de::Error::custom)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMoney {
    amount: RawAmount,
    currency: Currency,
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawMoney::deserialize(deserializer)?;
        Money::from_text(&raw.amount.0, raw.currency)
            .map_err(|e| de::Error::custom(format!("invalid amount: {e}")))
    }
}

/// Reads a decimal that must arrive as a JSON string, with a message that says so when
/// a client sends a number (`what` names the field, `example` shows the right form).
pub(super) fn decimal_string<'de, D: Deserializer<'de>>(
    deserializer: D,
    what: &'static str,
    example: &'static str,
) -> Result<String, D::Error> {
    deserializer.deserialize_any(DecimalStringVisitor { what, example })
}

struct DecimalStringVisitor {
    what: &'static str,
    example: &'static str,
}

impl DecimalStringVisitor {
    fn not_a_number<E: de::Error>(&self) -> E {
        E::custom(format!(
            "{} must be a string such as \"{}\", not a number",
            self.what, self.example
        ))
    }
}

impl Visitor<'_> for DecimalStringVisitor {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} as a string such as \"{}\"", self.what, self.example)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<String, E> {
        Err(self.not_a_number())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<String, E> {
        Err(self.not_a_number())
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<String, E> {
        Err(self.not_a_number())
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<String, E> {
        Err(self.not_a_number())
    }
    // The only float in the crate: the parameter of the method that refuses one.
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<String, E> {
        Err(self.not_a_number())
    }
}

/// An amount above zero: at most 12 integer digits (leading zeros aside) and 3 decimal
/// places, the most any currency has. Whether the places fit the currency (JPY none, USD
/// two) and each operation's own bounds are said in its description.
const POSITIVE_AMOUNT_PATTERN: &str =
    r"^(0*[1-9][0-9]{0,11}(\.[0-9]{1,3})?|0+\.([1-9][0-9]{0,2}|0[1-9][0-9]?|00[1-9]))$";

/// The object schema of `Money`.
pub(super) fn money_schema(description: &str) -> RefOr<Schema> {
    amount_schema(description, AMOUNT_PATTERN)
}

/// The object schema of `PositiveMoney`, as requests take it.
pub(super) fn positive_money_schema(description: &str) -> RefOr<Schema> {
    amount_schema(description, POSITIVE_AMOUNT_PATTERN)
}

fn amount_schema(description: &str, pattern: &str) -> RefOr<Schema> {
    let amount = ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
        .description(Some(
            "Exact decimal as a string, with no more decimal places than the currency has \
             (JPY 0, USD 2, KWD 3)",
        ))
        .examples([serde_json::json!("1250.00")]);
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(description))
        .property("amount", amount)
        .required("amount")
        .property("currency", Currency::schema())
        .required("currency")
        // `RawMoney` denies unknown fields, so the schema does too.
        .additional_properties(Some(AdditionalProperties::<Schema>::FreeForm(false)))
        .examples([serde_json::json!({"amount": "1250.00", "currency": "USD"})])
        .into()
}

impl utoipa::PartialSchema for Money {
    fn schema() -> RefOr<Schema> {
        money_schema("An exact amount of money with its ISO 4217 currency")
    }
}

impl utoipa::ToSchema for Money {}
