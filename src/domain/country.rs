//! `CountryCode` and `RegionalGroup`: where trustees come from and where grants go.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

use super::country_table::MEMBER_STATES;
use super::InvalidValue;

/// The five UN regional groups. The Board keeps one seat per group, so every Member
/// State maps to exactly one of them (see the table for the special cases).
// `VARIANTS` (strum) lists them in the order the UN does.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
pub enum RegionalGroup {
    African,
    AsiaPacific,
    EasternEuropean,
    LatinAmericanCaribbean,
    WesternEuropeanOther,
}

impl RegionalGroup {
    /// The group's official English name, for reports.
    pub fn name(self) -> &'static str {
        match self {
            RegionalGroup::African => "African States",
            RegionalGroup::AsiaPacific => "Asia-Pacific States",
            RegionalGroup::EasternEuropean => "Eastern European States",
            RegionalGroup::LatinAmericanCaribbean => "Latin American and Caribbean States",
            RegionalGroup::WesternEuropeanOther => "Western European and other States",
        }
    }
}

impl fmt::Display for RegionalGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The ISO 3166-1 alpha-2 code of a UN Member State, and nothing else: nationalities of
/// trustees, countries of organisations and of implementation are all Member States in
/// this service. Non-member observers and territories (`PS`, `VA`, `XK`, `TW`, ...) are
/// refused. An index into the compiled-in table, so `Copy` and cheap to compare.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, diesel::AsExpression, diesel::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub struct CountryCode(u8);

impl CountryCode {
    /// Parses an exact upper-case alpha-2 code of a Member State.
    pub fn parse(code: &str) -> Result<CountryCode, InvalidValue> {
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(InvalidValue::new(format!(
                "country must be an ISO 3166-1 alpha-2 code of two upper-case letters, \
                 got {code:?}"
            )));
        }
        MEMBER_STATES
            .binary_search_by(|(c, _, _)| (*c).cmp(code))
            .ok()
            .and_then(|i| u8::try_from(i).ok())
            .map(CountryCode)
            .ok_or_else(|| InvalidValue::new(format!("{code} is not a UN Member State")))
    }

    /// The alpha-2 code, e.g. `"KE"`.
    pub fn code(self) -> &'static str {
        MEMBER_STATES[usize::from(self.0)].0
    }

    /// The short English name as the UN writes it, e.g. `"Côte d'Ivoire"`.
    pub fn name(self) -> &'static str {
        MEMBER_STATES[usize::from(self.0)].1
    }

    /// The regional group the State counts with for Board seats.
    pub fn regional_group(self) -> RegionalGroup {
        MEMBER_STATES[usize::from(self.0)].2
    }

    /// Every Member State, in code order.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        (0..MEMBER_STATES.len()).filter_map(|i| u8::try_from(i).ok().map(CountryCode))
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for CountryCode {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CountryCode::parse(s)
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        CountryCode::parse(&code).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for CountryCode {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(CountryCode::all().map(CountryCode::code)))
            .description(Some(
                "ISO 3166-1 alpha-2 code of one of the 193 UN Member States (observers and \
                 territories are refused)",
            ))
            .examples([serde_json::json!("KE")])
            .into()
    }
}

impl utoipa::ToSchema for CountryCode {}

#[cfg(test)]
mod tests;
