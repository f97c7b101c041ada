//! The documents a record must carry before it moves on: an application's kinds its call
//! asks for (on submission), the signed agreement (before the agreement is recorded), a
//! final report's financial statement (before it is accepted). The features owning those
//! moves ask here.

use diesel::prelude::*;

use super::kind::DocumentKind;
use super::model;
use super::owner::{self, Owner};
use crate::db::schema::{applications, calls};
use crate::db::DbConnection;
use crate::domain::ApplicationId;
use crate::error::{AppError, FieldError, Rule};

/// The kinds among `required` the record carries no current version of, in the order
/// asked.
pub fn missing(
    conn: &mut DbConnection,
    owner: Owner,
    required: &[DocumentKind],
) -> Result<Vec<DocumentKind>, AppError> {
    let record = owner::find(conn, &owner)?.ok_or(AppError::NotFound)?;
    let carried = model::current_kinds(conn, record.owner_type, &record.owner_id)?;
    let mut missing: Vec<DocumentKind> = Vec::new();
    for kind in required {
        if !carried.contains(kind) && !missing.contains(kind) {
            missing.push(*kind);
        }
    }
    Ok(missing)
}

/// 422 `documents-missing` naming each kind the record lacks (one error per kind, field
/// `documents`), with `what` saying why they are needed.
pub fn require(
    conn: &mut DbConnection,
    owner: Owner,
    required: &[DocumentKind],
    what: &str,
) -> Result<(), AppError> {
    let missing = missing(conn, owner, required)?;
    if missing.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = missing.iter().map(|k| k.as_str()).collect();
    Err(AppError::Rule {
        rule: Rule::DocumentsMissing,
        detail: format!("{what}: missing {}", names.join(", ")),
        errors: names
            .iter()
            .map(|name| FieldError::new("documents", format!("a current {name} is required")))
            .collect(),
    })
}

/// The kinds the call an application answers asks every application to carry (the
/// call's `required_documents`, as stored), in the call's order; none for no such
/// application. Read for the applicant's pages, which say what is still missing.
pub fn required_by_call(
    conn: &mut DbConnection,
    application: ApplicationId,
) -> Result<Vec<DocumentKind>, AppError> {
    let call: Option<String> = applications::table
        .filter(applications::id.eq(application.to_string()))
        .select(applications::call_id)
        .get_result(conn)
        .optional()?;
    let Some(call) = call else {
        return Ok(Vec::new());
    };
    let stored: Option<String> = calls::table
        .filter(calls::id.eq(call))
        .select(calls::required_documents)
        .get_result(conn)
        .optional()?;
    match stored {
        None => Ok(Vec::new()),
        Some(text) => serde_json::from_str(&text).map_err(AppError::internal),
    }
}
