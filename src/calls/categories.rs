//! The categories calls and applications share: who is assisted (sex, age group), the
//! forms of exploitation addressed and the types of aid (API.md, "Enumerations").

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
    Other,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AgeGroup {
    Child,
    Adult,
}

/// Forms of exploitation (the Palermo Protocol's list, plus what the Fund sees in practice).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Exploitation {
    SexualExploitation,
    ForcedLabour,
    Slavery,
    Servitude,
    OrganRemoval,
    ForcedBegging,
    ForcedCriminality,
    ForcedMarriage,
    Other,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AidType {
    Humanitarian,
    Legal,
    Financial,
}

/// A group of beneficiaries a call gives priority to, e.g. girls: female children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityGroup {
    pub sex: Sex,
    pub age_group: AgeGroup,
}

/// A list serialised for a TEXT column.
pub(crate) fn to_json_text<T: Serialize>(value: &T) -> Result<String, crate::error::AppError> {
    serde_json::to_string(value).map_err(crate::error::AppError::internal)
}

/// A list read back from a TEXT column.
pub(crate) fn from_json_text<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<T, crate::error::AppError> {
    crate::db::stored("list", serde_json::from_str(text))
}

/// The first item that appears twice, if any: lists of categories are sets.
pub(crate) fn first_duplicate<T: PartialEq>(items: &[T]) -> Option<usize> {
    (1..items.len()).find(|&i| items[..i].contains(&items[i]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_duplicates() {
        assert_eq!(first_duplicate(&[1, 2, 3]), None);
        assert_eq!(first_duplicate(&[1, 2, 1]), Some(2));
        assert_eq!(first_duplicate::<u8>(&[]), None);
    }

    #[test]
    fn wire_names_are_snake_case() {
        let json = serde_json::to_string(&[Exploitation::OrganRemoval, Exploitation::ForcedLabour])
            .unwrap();
        assert_eq!(json, r#"["organ_removal","forced_labour"]"#);
    }
}
