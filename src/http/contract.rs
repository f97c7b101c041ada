//! What the OpenAPI document says about answers that every operation can give, whatever
//! its handler: the extractors and the auth layer answer them before the handler runs, so
//! no feature's `#[utoipa::path]` lists them all. Without this the contract lies: a client
//! (or a contract tester) sees a 401, 415 or 400 that the operation never documented.

use utoipa::openapi::path::{Operation, Parameter, ParameterIn, PathItem};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, OpenApi as Document, Ref, ResponseBuilder};

use super::pagination::{MAX_LIMIT, MIN_LIMIT};
use crate::error::PROBLEM_JSON;

/// `crate::db::CURSOR_PATTERN` with the time part bounded to 16 digits of microseconds (years 1653 to
/// 2286): `Cursor::parse` refuses times outside years 1 to 9999, which a pattern cannot
/// say exactly, and every cursor the service writes is well inside this range.
const PUBLISHED_CURSOR_PATTERN: &str = "^-?[0-9]{1,16}_[0-9A-Za-z-]{1,64}$";

use super::idempotency::HEADER as IDEMPOTENCY_HEADER;

/// Adds the common error answers to every operation, and states the bounds that
/// `PageParams` enforces on every `limit` and `cursor` query parameter and the idempotency
/// layer on every `Idempotency-Key` header.
pub fn document_common_answers(doc: &mut Document) {
    for item in doc.paths.paths.values_mut() {
        for operation in operations(item) {
            add_common_answers(operation);
            for parameter in operation.parameters.iter_mut().flatten() {
                bound_page_parameter(parameter);
            }
        }
    }
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.patch.as_mut(),
    ]
    .into_iter()
    .flatten()
}

fn add_common_answers(operation: &mut Operation) {
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let has_body = operation.request_body.is_some();
    let has_query = operation
        .parameters
        .iter()
        .flatten()
        .any(|p| p.parameter_in == ParameterIn::Query);
    let has_path = operation
        .parameters
        .iter()
        .flatten()
        .any(|p| p.parameter_in == ParameterIn::Path);
    let mut answers = Vec::new();
    if has_body || has_query {
        answers.push((
            "400",
            "The request is malformed; `errors` names each bad field.",
        ));
    }
    if secured {
        answers.push(("401", "No bearer token, or one that is not valid now."));
        answers.push(("403", "The caller's role may not do this."));
    }
    if has_path {
        answers.push(("404", "Nothing the caller may see has this id."));
    }
    if has_body {
        answers.push(("413", "The body is larger than the limit."));
        answers.push(("415", "The body is not sent as application/json."));
    }
    for (status, description) in answers {
        operation
            .responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| {
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        PROBLEM_JSON,
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("Problem")))
                            .build(),
                    )
                    .build()
                    .into()
            });
    }
}

fn bound_page_parameter(parameter: &mut Parameter) {
    if parameter.parameter_in == ParameterIn::Header && parameter.name == IDEMPOTENCY_HEADER {
        // What `src/http/idempotency.rs` accepts: 1 to 255 visible ASCII characters.
        parameter.schema = Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(255))
                .pattern(Some(r"^[\x21-\x7E]+$"))
                .into(),
        );
        return;
    }
    if parameter.parameter_in != ParameterIn::Query {
        return;
    }
    let schema = match parameter.name.as_str() {
        "limit" => ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::Int64,
            )))
            .minimum(Some(MIN_LIMIT))
            .maximum(Some(MAX_LIMIT)),
        "cursor" => ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(PUBLISHED_CURSOR_PATTERN))
            .description(Some(
                "Opaque: the `next_cursor` of the page before. Refused (400) when it is not \
                 one the service could have returned.",
            )),
        _ => return,
    };
    parameter.schema = Some(schema.into());
}

/// What JSON Schema cannot say about a request: rules between fields, against the data
/// held, or against today's date. Appended to the operation's description, so a client's
/// author reads them where the schema stops; schemathesis' accepted findings
/// (`scripts/schemathesis-baseline.json`) are these rules, and only these.
#[rustfmt::skip]
const UNSTATED_RULES: &[(&str, &str, &str)] = &[
    ("post", "/api/v1/calls",
     "`closes_at` is after `opens_at` and in the future; every amount is in USD; \
      `min_grant` ≤ `max_grant` ≤ `envelope`; `max_grant` is within the Fund's `max_grant` \
      when one is set (422 `fund-max-grant`)."),
    ("post", "/api/v1/board/appointments",
     "`term_end` is after `term_start` (422 `term-dates`) and at most three years later \
      (`term-length`); the appointment is made on or before the term starts; the UNODC \
      Executive Director is consulted before it is made (`consultation`); no Member State \
      consulted is listed twice; the seat of the nationality's regional group is free for \
      the whole term (`seat-limit`, `geographic-balance`, `term-limit`)."),
    ("post", "/api/v1/board/appointments/{id}/end",
     "`ended_on` falls within the term (on or after its start, before its end); for \
      `end_of_term` it is the term's end (422 naming the rule)."),
    ("post", "/api/v1/board/chair",
     "`appointment_id` names an appointment (400); `to` is after `from` and at most one year \
      later; the trustee sits for the whole period."),
    ("patch", "/api/v1/fund/settings", "`max_grant` is in USD."),
    ("post", "/api/v1/organizations/{id}/verification",
     "A refusal (`verified: false`) needs a `reason`."),
    ("post", "/api/v1/organizations/register",
     "`registered_on` and `direct_assistance_since` are not in the future; \
      `bank_account_holder` is the legal name, case and spacing aside (422 \
      `bank-account-holder`); one registration per UNPP id."),
    ("post", "/api/v1/users",
     "`organization_id` is required for an applicant account, refused for any other role, \
      and names an organisation."),
    ("post", "/api/v1/me/password", "`current_password` is the account's current password."),
];

/// Appends each operation's `UNSTATED_RULES` to its description.
pub fn document_unstated_rules(doc: &mut Document) {
    for (method, path, rules) in UNSTATED_RULES {
        let Some(item) = doc.paths.paths.get_mut(*path) else {
            continue;
        };
        let operation = match *method {
            "get" => item.get.as_mut(),
            "post" => item.post.as_mut(),
            "patch" => item.patch.as_mut(),
            "put" => item.put.as_mut(),
            "delete" => item.delete.as_mut(),
            _ => None,
        };
        if let Some(operation) = operation {
            let before = operation.description.take().unwrap_or_default();
            let separator = if before.is_empty() { "" } else { "\n\n" };
            operation.description = Some(format!(
                "{before}{separator}Rules the schema cannot state: {rules}"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule written for an operation that is gone (or misspelt) would silently vanish
    /// from the document.
    #[test]
    fn every_unstated_rule_names_a_published_operation() {
        let published = crate::openapi::OPERATION_IDS;
        for (method, path, _) in UNSTATED_RULES {
            assert!(
                published.iter().any(|(m, p, _)| m == method && p == path),
                "{method} {path} is not a published operation"
            );
        }
    }
}
