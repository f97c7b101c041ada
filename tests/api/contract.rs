//! The published contract under review: `/api/v1/openapi.json` is kept as a snapshot, so
//! any change to a path, a body or a rule name shows up in the diff of the change that made
//! it. After an intended change, `cargo insta review` (or `INSTA_UPDATE=always cargo test
//! contract`) accepts the new document; CI never writes snapshots, it only compares.

#[test]
fn openapi_document_matches_the_reviewed_snapshot() {
    let document = serde_json::to_value(trustfund::openapi::document()).expect("serialises");
    insta::assert_json_snapshot!("openapi", document);
}

/// Every operation has an `operationId`, declared beside its handler, and no two share one
/// (OpenAPI requires it, and client generators refuse the document otherwise).
#[test]
fn every_operation_has_a_unique_stable_id() {
    let document = serde_json::to_value(trustfund::openapi::document()).expect("serialises");
    let mut seen = std::collections::BTreeMap::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            let Some(id) = operation.get("operationId").and_then(|id| id.as_str()) else {
                panic!("{method} {path} has no operationId: declare it in its `#[utoipa::path]`");
            };
            if let Some(other) = seen.insert(id.to_string(), format!("{method} {path}")) {
                panic!("operationId {id} is used by {other} and by {method} {path}");
            }
        }
    }
}
