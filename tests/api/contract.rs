//! The published contract under review: `/api/v1/openapi.json` is kept as a snapshot, so
//! any change to a path, a body or a rule name shows up in the diff of the change that made
//! it. After an intended change, `cargo insta review` (or `INSTA_UPDATE=always cargo test
//! contract`) accepts the new document; CI never writes snapshots, it only compares.

#[test]
fn openapi_document_matches_the_reviewed_snapshot() {
    let document = serde_json::to_value(trustfund::openapi::document()).expect("serialises");
    insta::assert_json_snapshot!("openapi", document);
}
