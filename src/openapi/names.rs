//! Every enum the service stores or publishes goes by one name per variant: the text in
//! the database, the name in JSON and the value in the published OpenAPI document. The
//! stored and derived names come from strum's `serialize_all`, the JSON and published
//! ones from serde's `rename_all`: this test keeps the two attributes in step, for every
//! such enum, and fails on a string enum published without being checked here.

// A test: a panic is a failed assertion.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fmt::Debug;

use serde::Serialize;
use serde_json::Value;
use strum::VariantArray;
use utoipa::ToSchema;

use crate::db::StoredText;

/// The values the published document lists for the schema `name`, in order.
fn published(doc: &Value, name: &str) -> Vec<String> {
    let schema = &doc["components"]["schemas"][name];
    schema["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: no enum in the published document: {schema}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// The derived, serde and published names of every variant of `T` agree; returns the
/// schema's name.
fn published_names_agree<T>(doc: &Value) -> String
where
    T: Copy + Debug + VariantArray + Into<&'static str> + Serialize + ToSchema,
{
    let schema = T::name().into_owned();
    let derived: Vec<&str> = T::VARIANTS.iter().map(|v| (*v).into()).collect();
    let serde: Vec<String> = T::VARIANTS
        .iter()
        .map(|v| match serde_json::to_value(v).unwrap() {
            Value::String(name) => name,
            other => panic!("{schema}: {v:?} is not a string in JSON: {other}"),
        })
        .collect();
    assert_eq!(serde, derived, "{schema}: the JSON and the derived names");
    assert_eq!(
        published(doc, &schema),
        derived,
        "{schema}: the document and the derived names"
    );
    schema
}

/// As [`published_names_agree`], and each variant is stored as that name and read back.
fn stored_names_agree<T>(doc: &Value) -> String
where
    T: Copy + Debug + PartialEq + VariantArray + Into<&'static str> + Serialize + ToSchema,
    T: StoredText,
    &'static str: From<T>,
{
    for &variant in T::VARIANTS {
        let stored = variant.to_stored();
        assert_eq!(
            stored,
            <&str>::from(variant),
            "{variant:?}: the stored and the derived name"
        );
        assert_eq!(
            T::from_stored(&stored).unwrap(),
            variant,
            "{variant:?} read back"
        );
    }
    published_names_agree::<T>(doc)
}

#[test]
fn stored_json_and_published_names_agree() {
    use crate::grant_reports;
    use crate::{applications, board, calls, contributions, documents, domain, exports};
    use crate::{grants, ledger, ledger_periods, notifications, organizations, voting};

    let doc = serde_json::to_value(super::document()).unwrap();
    let checked: BTreeSet<String> = [
        // Stored as text columns (through `stored_as_variant_name!`).
        stored_names_agree::<applications::ApplicationState>(&doc),
        // Also inside a call's JSON list of required documents, by the same name.
        stored_names_agree::<documents::DocumentKind>(&doc),
        stored_names_agree::<documents::OwnerType>(&doc),
        stored_names_agree::<board::EndReason>(&doc),
        stored_names_agree::<contributions::DonorType>(&doc),
        stored_names_agree::<domain::Role>(&doc),
        stored_names_agree::<domain::Language>(&doc),
        stored_names_agree::<grant_reports::ReportKind>(&doc),
        stored_names_agree::<grant_reports::ReportState>(&doc),
        stored_names_agree::<grants::GrantState>(&doc),
        stored_names_agree::<ledger::Account>(&doc),
        stored_names_agree::<ledger::TransactionKind>(&doc),
        stored_names_agree::<organizations::OrgType>(&doc),
        stored_names_agree::<organizations::OrgState>(&doc),
        stored_names_agree::<voting::Ballot>(&doc),
        stored_names_agree::<voting::DecisionOutcome>(&doc),
        stored_names_agree::<voting::DecisionStatus>(&doc),
        // Stored by their derived name in a plain text column.
        published_names_agree::<ledger::OwnerKind>(&doc),
        published_names_agree::<notifications::NotificationStatus>(&doc),
        published_names_agree::<grants::AmendmentKind>(&doc),
        // Stored inside JSON lists, by their serde name.
        published_names_agree::<applications::Criterion>(&doc),
        published_names_agree::<calls::AgeGroup>(&doc),
        published_names_agree::<calls::AidType>(&doc),
        published_names_agree::<calls::Exploitation>(&doc),
        published_names_agree::<calls::Sex>(&doc),
        // Published only: derived states, query parameters and problem documents.
        published_names_agree::<board::AppointmentStatus>(&doc),
        published_names_agree::<board::AppointmentWarningKind>(&doc),
        published_names_agree::<board::BoardWarningKind>(&doc),
        published_names_agree::<calls::CallStatus>(&doc),
        published_names_agree::<grants::EntryState>(&doc),
        published_names_agree::<grants::TrancheState>(&doc),
        published_names_agree::<exports::ExportFormat>(&doc),
        published_names_agree::<ledger_periods::PeriodState>(&doc),
        published_names_agree::<exports::ExportKind>(&doc),
        published_names_agree::<crate::error::Rule>(&doc),
    ]
    .into_iter()
    .collect();

    // The other string enums in the document, named by serde alone and never stored: the
    // codes of a compiled-in table (checked where the table is), a query parameter read
    // only, and the regional groups (derived from a country, listed in the UN's order).
    // A new enum is either checked above or named here.
    let wire_only: BTreeSet<&str> = ["CountryCode", "Currency", "Format", "RegionalGroup"]
        .into_iter()
        .collect();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let unchecked: Vec<&String> = schemas
        .iter()
        .filter(|(_, schema)| schema.get("enum").is_some())
        .map(|(name, _)| name)
        .filter(|name| !checked.contains(*name) && !wire_only.contains(name.as_str()))
        .collect();
    assert!(
        unchecked.is_empty(),
        "string enums neither checked nor wire-only: {unchecked:?}"
    );
}
