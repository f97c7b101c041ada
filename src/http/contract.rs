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
