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
    ("get", "/api/v1/reports/geography",
     "`from` is not after `to` (400 naming `from`)."),
    ("get", "/api/v1/reports/contributions",
     "`from` is not after `to` (400 naming `from`)."),
    ("get", "/api/v1/reports/exploitation",
     "`from` is not after `to` (400 naming `from`)."),
    ("get", "/api/v1/reports/beneficiaries",
     "`from` is not after `to` (400 naming `from`)."),
    ("get", "/api/v1/reports/board",
     "`from` is not after `to` (400 naming `from`)."),
    ("get", "/api/v1/ledger/export",
     "`from` is not after `to` (400 naming `from`); with `format=iati`, 422 `nothing-to-export` when no grant has entries matching the filter in the period (the IATI schema requires one activity)."),
    ("post", "/api/v1/applications",
     "`call_id` names a call (400) that has not closed (422 `call-closed`); `requested` and \
      every budget line are in USD; no country, group of beneficiaries, form of exploitation \
      or type of aid is listed twice; at least one beneficiary count is above zero; an \
      amount has no more decimal places than its currency."),
    ("patch", "/api/v1/applications/{id}",
     "The text after the change satisfies the rules of `create_application`: amounts in USD \
      with at most two decimal places, no entry of a list given twice, every list given not \
      empty, at least one beneficiary count above zero."),
    ("post", "/api/v1/applications/{id}/screening",
     "When `eligible` is false, `reasons` names at least one reason (400); at most 50."),
    ("post", "/api/v1/applications/{id}/votes",
     "An approval carries `recommended`, in USD, between the call's `min_grant` and \
      `max_grant` and not above the amount requested (422 `recommended-out-of-range`); a \
      rejection or an abstention carries none."),
    ("post", "/api/v1/applications/{id}/decision",
     "Needs three votes of trustees who are not recused (422 `quorum-not-met`, \
      `quorum-impossible`); a tie needs the chair's vote (`tie-unresolved`)."),
    ("post", "/api/v1/contributions",
     "`pledged_on` runs from 2010-07-30 (resolution 64/293) to tomorrow (UTC); `donor.name` \
      is required unless `donor_type` is `member_state`, which names its `country` (a name \
      given must be that country's); the pledge is at most 10,000,000,000 in its currency, \
      with no more decimal places than the currency has."),
    ("post", "/api/v1/contributions/{id}/receipts",
     "`received_on` runs from 2010-07-30 to tomorrow (UTC) and is never before the pledge \
      (422 `receipt-before-pledge`); `amount` is in the pledge's currency, at most \
      10,000,000,000, with no more decimal places than the currency has; `rate_to_usd` is \
      exactly 1 for USD, else 0.000001 to 10; `bank_reference` is unique among the \
      contribution's standing receipts (409)."),
    ("patch", "/api/v1/fund/settings", "`max_grant` is in USD."),
    ("post", "/api/v1/ledger/transactions/{id}/reversal",
     "The entry's owner decides: a grant's commitment is never reversed from the ledger \
      (422 `grant-commitment-not-reversible`), and no reversal may leave commitments above \
      the Fund's means (`insufficient-funds`); a grant's disbursements and refunds are \
      reversed latest first (`reversal-out-of-order`), never on a closed grant \
      (`grant-closed`), nor a disbursement that refunds rely on \
      (`refunds-depend-on-disbursement`)."),
    ("post", "/api/v1/grants/{id}/agreement",
     "Every amount is in the award's currency with no more decimal places than it allows; \
      the tranches add up to the award exactly (422 `schedule-mismatch`); \
      `signed_on` ≤ `period_start` ≤ `period_end`, due dates in order within the period \
      (422 `schedule-dates`); signed once (409); the grantee may still receive money."),
    ("post", "/api/v1/grants/{id}/disbursements",
     "The agreement is signed (422 `no-agreement`); the amount is in the award's currency \
      (`currency-mismatch`), with no more decimal places than it allows, and at most what \
      is left of the tranche (`tranche-exceeded`); a tranche after the first waits for the \
      accepted reports on those before it (`report-pending`); a closed grant pays nothing \
      (`grant-closed`)."),
    ("post", "/api/v1/grants/{id}/refunds",
     "The amount is in the award's currency (`currency-mismatch`), with no more decimal \
      places than it allows, and at most what was paid net of earlier refunds \
      (`refund-exceeds-paid`)."),
    ("post", "/api/v1/grants/{id}/reports",
     "The agreement is signed (`no-agreement`) and the grant open (`grant-closed`); a \
      progress report names its tranche (`report-tranche-required`), within the schedule \
      (`report-tranche-out-of-range`); the period runs forwards, within the grant period \
      and not into the future (`report-period`); money spent in the grant's currency, at \
      most the award (`report-spent-exceeds-award`) and at most what the grantee received, \
      disbursed net of refunds (`report-spent-exceeds-paid`); each sex, age group and form \
      of exploitation and each budget label at most once; one open report per tranche \
      (409)."),
    ("post", "/api/v1/reports/{id}/review",
     "`comments` are required to return a report (`accepted` false); only a submitted \
      report can be reviewed (409)."),
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
